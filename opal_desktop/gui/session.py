"""What the main window needs once someone is signed in, gathered on the worker thread.

Every function here runs on the worker (it opens the database); the GUI receives a
`Session` and never touches the database itself.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the vault module loads SQLAlchemy: never before the first window
    from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class Session:
    vault: Vault
    store_name: str
    idle_lock_minutes: int

    @property
    def folder(self) -> Path:
        return self.vault.folder


def preload_core() -> None:
    """Import the database layer while the person types their password."""
    import opal_desktop.vault.audit_view
    import opal_desktop.vault.users
    import opal_desktop.vault.vault  # noqa: F401


def describe(vault: Vault) -> Session:
    settings = vault.settings()
    minutes = settings.get("idle_lock_minutes", 10)
    return Session(
        vault=vault,
        store_name=vault.home_store().name,
        idle_lock_minutes=minutes if isinstance(minutes, int) else 10,
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


@dataclass(frozen=True)
class NewVaultRequest:
    """What the setup wizard collected: VaultSetup's fields, plus an optional PKCS#12 file
    to import. The core validates it all again on the worker."""

    organisation: str
    store_name: str
    store_code: str
    address: str
    postcode: str
    force_id: str
    admin_username: str
    admin_display_name: str
    admin_password: str
    pkcs12_path: Path | None = None
    pkcs12_password: str = ""


def create_session(folder: Path, request: NewVaultRequest) -> tuple[Session, str]:
    """Create the vault (signed in as its first admin); return it and the recovery code."""
    from opal_desktop.errors import BadFile
    from opal_desktop.vault import identity
    from opal_desktop.vault.vault import Vault, VaultSetup

    material = None
    if request.pkcs12_path is not None:
        try:
            data = request.pkcs12_path.read_bytes()
        except OSError as error:
            raise BadFile(
                f"Cannot read {request.pkcs12_path}: {error.strerror}. Choose the file again."
            ) from None
        material = identity.load_pkcs12(data, request.pkcs12_password)
    fields = dataclasses.asdict(request)
    del fields["pkcs12_path"], fields["pkcs12_password"]
    setup = VaultSetup(**fields, identity=material)
    vault, recovery_code = Vault.create(folder, setup)
    try:
        return describe(vault), recovery_code
    except BaseException:
        vault.close(audited=False)
        raise
