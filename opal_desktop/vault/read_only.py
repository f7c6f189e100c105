"""A vault on a full disk or in a read-only folder still opens, to be read and backed up.

Signing in writes: the instance lock's note, the -wal and -shm files SQLite keeps beside the
database, a key-file repair, a migration with its backup, the sign-in audit entry. When one
of them fails because the disk is full or the folder is read-only (fileio.why_unwritable
tells those from a bug), the sign-in is either refused with one sentence, or, where the
caller allows it, made again read-only: the database opened so it cannot write
(engine.connect_read_only), no repair, no migration, no audit entry, and every transaction
refused with the same sentence before it starts. Reading needs no write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from opal_desktop.errors import VaultTooNew
from opal_desktop.fileio import Trouble, cannot_write, why_unwritable
from opal_desktop.vault import migrate
from opal_desktop.vault.engine import DB_NAME, make_engine
from opal_desktop.vault.instance_lock import InstanceLock

if TYPE_CHECKING:
    from opal_desktop.vault.keyfile import Unlocked
    from opal_desktop.vault.vault import Vault

__all__ = ["Trouble", "cannot_write", "fall_back", "notice", "unless_unwritable"]


def fall_back(
    cls: type[Vault],
    error: Exception,
    folder: Path,
    unlocked: Unlocked,
    username: str,
    allow_read_only: bool,
) -> Vault:
    """Called with what stopped a normal sign-in: re-raised unless it is a full disk or a
    read-only folder; then the sentence, or (allowed) the vault opened read-only."""
    trouble = why_unwritable(folder, error)
    if trouble is None:
        raise error
    if not allow_read_only:
        raise cannot_write(folder, trouble, vault=True) from None
    return _open_read_only(cls, folder, unlocked, username, trouble)


def _open_read_only(
    cls: type[Vault], folder: Path, unlocked: Unlocked, username: str, trouble: Trouble
) -> Vault:
    from opal_desktop.vault.vault import _check_vault_id, _load_actor

    lock = InstanceLock(folder)
    lock.acquire(username, read_only=True)
    engine = None
    try:
        _drop_empty_wal(folder / DB_NAME)
        try:
            engine = make_engine(folder / DB_NAME, unlocked.key, read_only=True)
        except sqlcipher3.OperationalError:
            # changes of a session that did not end still wait in the -wal file, and reading
            # them needs a -shm file that cannot be made here
            raise cannot_write(folder, trouble, vault=True) from None
        _check_vault_id(engine, unlocked.keyfile.vault_id)
        with engine.connect() as conn:
            found = migrate.current_revision(conn)
        if found != migrate.SCHEMA_HEAD:  # upgrading writes; a newer vault is never written
            if found is None or found not in migrate.known_revisions():
                raise VaultTooNew(found or "unknown")
            raise cannot_write(folder, trouble, vault=True)
        actor = _load_actor(engine, username, allow_disabled=False)
        vault = cls(folder, unlocked.keyfile, unlocked.key, engine, actor, lock)
        vault.read_only = trouble
        return vault
    except BaseException:
        if engine is not None:
            engine.dispose()
        lock.release()
        raise


def _drop_empty_wal(db_path: Path) -> None:
    """The failed normal open may have left an empty -wal and a -shm beside the database:
    with no pages in the -wal both are only SQLite's bookkeeping, and we hold the lock."""
    wal = db_path.with_name(db_path.name + "-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size == 0:
            wal.unlink()
            db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)


def notice(vault: Vault) -> str | None:
    """The sentence for the person signing in to a vault opened read-only, else None."""
    if vault.read_only is None:
        return None
    if vault.read_only == "full":
        why = f"The disk holding {vault.folder} is full"
        fix = "Free some space on it (or move the vault to a disk with room)"
    else:
        why = f"The vault folder {vault.folder} is read-only for you"
        fix = "Ask IT for permission to change files in that folder"
    return (
        f"{why}: the vault is open for reading only and this sign-in is not in the audit "
        f"trail. {fix} before making any change."
    )


@contextlib.contextmanager
def unless_unwritable(folder: Path) -> Iterator[None]:
    """Let a write that cannot be made on a full disk or read-only folder pass unrecorded
    (signing out); anything else is raised."""
    try:
        yield
    except Exception as error:
        if why_unwritable(folder, error) is None:
            raise
