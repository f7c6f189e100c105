"""What the main window needs once someone is signed in, gathered on the worker thread.

Every function here runs on the worker (it opens the database); the GUI receives a
`Session` and never touches the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the vault module loads SQLAlchemy: never before the first window
    from opal_desktop.incidents.editing import RecoveredIncident
    from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class Session:
    vault: Vault
    store_name: str
    idle_lock_minutes: int
    # incidents left open when the app last ended abnormally: the main window reopens them
    recovered: list[RecoveredIncident] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.vault.folder


def preload_core() -> None:
    """Import the database layer while the person types their password."""
    import opal_desktop.vault.audit_view
    import opal_desktop.vault.users
    import opal_desktop.vault.vault  # noqa: F401


def describe(vault: Vault) -> Session:
    from opal_desktop.incidents import editing

    settings = vault.settings()
    minutes = settings.get("idle_lock_minutes", 10)
    return Session(
        vault=vault,
        store_name=vault.home_store().name,
        idle_lock_minutes=minutes if isinstance(minutes, int) else 10,
        recovered=editing.take_left_open(vault),
    )


def open_session(folder: Path, username: str, password: str) -> Session:
    from opal_desktop.vault.vault import Vault

    vault = Vault.open(folder, username, password)
    try:
        return describe(vault)
    except BaseException:
        vault.close(audited=False)
        raise


def recover_session(folder: Path, code: str, admin_username: str, new_password: str) -> Session:
    from opal_desktop.vault.vault import Vault

    vault = Vault.recover(folder, code, admin_username, new_password)
    try:
        return describe(vault)
    except BaseException:
        vault.close(audited=False)
        raise
