"""One-file backups of a vault, and restoring them.

A backup is a ZIP (stored: its contents are encrypted, so they would not shrink) of
  manifest.json  format, version, vault id, when, app and schema version, and the SHA-256
                 and size of each other member
  vault.keys     the key file: the database key wrapped per user and by the recovery code
  vault.db       a `VACUUM INTO` copy of the SQLCipher database, under the same key
so nothing in it can be read without a user's password or the recovery code, and nothing
readable is written anywhere while making it. Restoring checks every byte against the
manifest before it touches the destination, and moves a vault it replaces aside.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import struct
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from opal_desktop import __version__
from opal_desktop.domain.roles import Permission
from opal_desktop.errors import BadFile, InvalidInput, UserError, VaultExists, VaultTooNew
from opal_desktop.fileio import atomic_output, atomic_write, file_sha256
from opal_desktop.vault import pending_outputs, restore_journal
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.engine import DB_NAME, run_outside_transaction
from opal_desktop.vault.instance_lock import InstanceLock
from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME, KeyFile
from opal_desktop.vault.restore_note import RESTORE_NOTE_NAME, record_restore
from opal_desktop.vault.signin_log import FAILURES_NAME
from opal_desktop.vault.vault import Vault, vault_exists

FORMAT = "opal-desktop-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
KEYS_MEMBER = "vault.keys"
DB_MEMBER = "vault.db"
SUFFIX = ".opalbackup"
_LIMITS = {MANIFEST_NAME: 64 * 1024, KEYS_MEMBER: 1024 * 1024, DB_MEMBER: 256 * 1024**3}
_CHUNK = 1024 * 1024
_PLAIN_SQLITE = b"SQLite format 3\x00"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# Everything in a vault folder that belongs to one particular vault.
VAULT_FILES = (
    DB_NAME,
    f"{DB_NAME}-wal",
    f"{DB_NAME}-shm",
    KEYFILE_NAME,
    KEYFILE_BACKUP_NAME,
    FAILURES_NAME,
    RESTORE_NOTE_NAME,
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    sha256: str  # of the whole backup file, as recorded in the audit trail
    size: int
    vault_id: str
    created_at: str
    app_version: str
    schema_version: str
    note: str = ""  # e.g. why the backup is not in the audit trail

    def to_json(self) -> dict[str, object]:
        return {**self.__dict__, "path": str(self.path)}


@dataclass(frozen=True)
class RestoreResult:
    backup: BackupInfo
    folder: Path
    replaced: Path | None  # where the vault that was there went


class BackupDamaged(BadFile):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"{path} cannot be restored: {why} Nothing was changed. Use another backup."
        )


class RestoreTargetExists(VaultExists):
    def __init__(self, folder: Path) -> None:
        UserError.__init__(
            self,
            f"A vault already exists at {folder}; nothing was changed. To replace it, restore "
            "again with --force: the vault there is moved into a replaced-<time> folder first.",
        )


# --- writing --------------------------------------------------------------------------


def _member_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=datetime.now(UTC).timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16
    return info


def _add_member(archive: zipfile.ZipFile, name: str, source: IO[bytes]) -> dict[str, object]:
    digest, size = hashlib.sha256(), 0
    with archive.open(_member_info(name), "w", force_zip64=True) as sink:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            sink.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


@contextlib.contextmanager
def _database_snapshot(vault: Vault, snapshot: Path) -> Iterator[Path]:
    """A consistent copy of the database, still encrypted (same key); removed after.

    It is made beside the backup, not in the vault folder: a vault whose disk is full can
    still be backed up to another disk."""
    import sqlcipher3

    os.close(os.open(snapshot, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner-only
    try:
        try:
            _vacuum_into(vault, snapshot)
        except sqlcipher3.OperationalError as error:
            raise UserError(
                f"Could not copy the database for the backup ({error}). "
                f"Check there is free disk space in {snapshot.parent}."
            ) from None
        yield snapshot
    finally:
        for leftover in (snapshot, Path(f"{snapshot}-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _vacuum_into(vault: Vault, snapshot: Path) -> None:
    if vault.read_only is None:
        run_outside_transaction(vault.engine, "VACUUM INTO ?", (str(snapshot),))
        return
    # A read-only session refuses every write (query_only); VACUUM INTO writes only the
    # copy, which SQLite allows from a read-only database, so lift it for this one statement.
    with vault.engine.connect() as conn:
        dbapi_conn = conn.connection.driver_connection
        assert dbapi_conn is not None
        dbapi_conn.execute("PRAGMA query_only = OFF")
        try:
            dbapi_conn.execute("VACUUM INTO ?", (str(snapshot),))
        finally:
            dbapi_conn.execute("PRAGMA query_only = ON")


def default_name(vault: Vault) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return f"opal-{vault.actor.store_code}-{stamp}{SUFFIX}"


def create_backup(vault: Vault, out: Path) -> BackupInfo:
    """Write the vault to one encrypted file (managers and admins); audited with its SHA-256."""
    from opal_desktop.vault import audit_checkpoint, migrate

    vault.require(Permission.BACKUP)
    out = Path(out)
    if out.is_dir():
        out = out / default_name(vault)
    if out.resolve().parent == vault.folder.resolve():
        raise InvalidInput(
            "Choose a place outside the vault folder for the backup: "
            "a backup kept beside the vault is lost with it."
        )
    with vault.engine.connect() as conn:
        schema = migrate.current_revision(conn) or ""
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    keys = vault.keyfile.to_bytes()
    if not out.parent.is_dir():
        raise BadFile(
            f"There is no folder {out.parent}. Create it, or choose another folder for the backup."
        )
    if out.exists():
        raise BadFile(f"{out} already exists. Choose another name or folder for the backup.")
    recorded: list[tuple[str, int]] = []

    def record(digest: str, size: int) -> None:  # before the file appears under its name
        if vault.read_only is None:
            with vault.transaction() as conn:
                vault.audit(conn, "backup_created", "backup", digest, f"{out.name}, {size} bytes")
        recorded.append((digest, size))

    try:
        with pending_outputs.output(vault, "backup", "vault", out) as job:
            snapshot_path = job.temporary.with_name(f".{job.temporary.name}.db.tmp")
            with (
                _database_snapshot(vault, snapshot_path) as snapshot,
                job.temporary.open("wb") as handle,
                zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as zf,
            ):
                members = {KEYS_MEMBER: _add_member(zf, KEYS_MEMBER, io.BytesIO(keys))}
                with snapshot.open("rb") as db:
                    members[DB_MEMBER] = _add_member(zf, DB_MEMBER, db)
                manifest = {
                    "format": FORMAT,
                    "version": FORMAT_VERSION,
                    "vault_id": vault.vault_id,
                    "created_at": created_at,
                    "app_version": __version__,
                    "schema_version": schema,
                    "members": members,
                }
                manifest["audit_checkpoint"] = audit_checkpoint.checkpoint(vault)  # issue 16
                zf.writestr(
                    _member_info(MANIFEST_NAME), json.dumps(manifest, indent=2, sort_keys=True)
                )
                zf.close()
                handle.flush()
                os.fsync(handle.fileno())
            job.temporary.chmod(0o600)
            job.publish(record)
    except OSError as error:
        raise pending_outputs.write_error(error, vault, out.parent, "The backup") from None
    digest, size = recorded[0]
    note = "" if vault.read_only is None else (
        "The vault cannot be written to, so this backup is not in its audit trail; note its "
        "SHA-256 somewhere safe.")  # fmt: skip
    return BackupInfo(out, digest, size, vault.vault_id, created_at, __version__, schema, note)


# --- checking ---------------------------------------------------------------------------

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    NotImplementedError,
    struct.error,
)


@dataclass(frozen=True)
class _Checked:
    info: BackupInfo
    keys: bytes
    members: dict[str, tuple[str, int]]  # name -> (sha256, size)


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BadFile(f"There is no file at {path}. Check the name and try again.") from None
    except IsADirectoryError:
        raise BadFile(f"{path} is a folder. Give the backup file itself.") from None
    except OSError as error:
        raise BadFile(f"Cannot read {path}: {error.strerror or error}.") from None
    except _ZIP_ERRORS:
        raise BackupDamaged(
            path, "it is not an Opal Desktop backup, or it was cut short or altered."
        ) from None


def _stream_member(
    archive: zipfile.ZipFile, name: str, path: Path, sink: IO[bytes] | None = None
) -> tuple[str, int, bytes]:
    """Read one member in chunks (CRC-checked by zipfile); return SHA-256, size and first bytes."""
    digest, size, head = hashlib.sha256(), 0, b""
    limit = _LIMITS[name]
    try:
        with archive.open(name) as source:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise BackupDamaged(path, f"its {name} is larger than any vault's.")
                digest.update(chunk)
                head = head or chunk[:64]
                if sink is not None:
                    sink.write(chunk)
    except (*_ZIP_ERRORS, OSError) as error:
        if sink is not None and not isinstance(error, _ZIP_ERRORS):
            raise  # writing the restored copy failed (disk full): not the backup's fault
        raise BackupDamaged(path, f"its {name} is damaged (cut short or altered).") from None
    return digest.hexdigest(), size, head


def _check_entries(archive: zipfile.ZipFile, path: Path) -> None:
    infos = archive.infolist()
    names = sorted(info.filename for info in infos)
    if names != sorted(_LIMITS):
        raise BackupDamaged(path, "it is not an Opal Desktop backup (unexpected contents).")
    for info in infos:
        if (
            info.compress_type != zipfile.ZIP_STORED
            or info.flag_bits & 0x1  # encrypted
            or info.is_dir()
            or info.file_size != info.compress_size
            or info.file_size > _LIMITS[info.filename]
        ):
            raise BackupDamaged(
                path, f"its {info.filename} entry is not as Opal Desktop writes it."
            )


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, object]:
    buffer = io.BytesIO()
    _stream_member(archive, MANIFEST_NAME, path, buffer)
    try:
        doc = json.loads(buffer.getvalue().decode("utf-8"))
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BackupDamaged(path, "its manifest is missing or damaged.")
    if doc.get("version") != FORMAT_VERSION:
        raise BackupDamaged(
            path, "it was made by a newer version of Opal Desktop. Install the latest version."
        )
    return doc


def _manifest_members(
    doc: dict[str, object], archive: zipfile.ZipFile, path: Path
) -> dict[str, tuple[str, int]]:
    members = doc.get("members")
    if not isinstance(members, dict) or sorted(members) != [DB_MEMBER, KEYS_MEMBER]:
        raise BackupDamaged(path, "its manifest does not list the vault's files.")
    checked: dict[str, tuple[str, int]] = {}
    for name, entry in members.items():
        sha = entry.get("sha256") if isinstance(entry, dict) else None
        size = entry.get("size") if isinstance(entry, dict) else None
        if not (isinstance(sha, str) and _SHA256.match(sha)) or not isinstance(size, int):
            raise BackupDamaged(path, "its manifest is damaged.")
        if archive.getinfo(name).file_size != size:
            raise BackupDamaged(path, f"its {name} is not the size the manifest records.")
        checked[name] = (sha, size)
    return checked


def _text_field(doc: dict[str, object], key: str, path: Path) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or len(value) > 100:
        raise BackupDamaged(path, "its manifest is damaged.")
    return value


def verify_backup(path: Path) -> _Checked:
    """Check a backup completely (names, sizes, every byte's hash); read nothing else."""
    from opal_desktop.vault import migrate

    path = Path(path)
    with _open_archive(path) as archive:
        _check_entries(archive, path)
        doc = _read_manifest(archive, path)
        members = _manifest_members(doc, archive, path)
        vault_id = _text_field(doc, "vault_id", path)
        try:
            uuid.UUID(vault_id)
        except ValueError:
            raise BackupDamaged(path, "its manifest is damaged.") from None
        keys_buffer = io.BytesIO()
        for name in (KEYS_MEMBER, DB_MEMBER):
            sink = keys_buffer if name == KEYS_MEMBER else None
            sha, size, head = _stream_member(archive, name, path, sink)
            if (sha, size) != members[name]:
                raise BackupDamaged(path, f"its {name} does not match the manifest (altered).")
            if name == DB_MEMBER and head.startswith(_PLAIN_SQLITE):
                raise BackupDamaged(path, "its database is not encrypted.")
    keys = keys_buffer.getvalue()
    try:
        keyfile_id = KeyFile.from_bytes(keys).vault_id
    except (ValueError, KeyError, TypeError):
        raise BackupDamaged(path, "its key file is damaged.") from None
    if keyfile_id != vault_id:
        raise BackupDamaged(path, "its key file belongs to another vault.")
    schema = _text_field(doc, "schema_version", path)
    if schema not in migrate.known_revisions():
        raise VaultTooNew(schema)
    info = BackupInfo(
        path=path,
        sha256=file_sha256(path)[0],
        size=path.stat().st_size,
        vault_id=vault_id,
        created_at=_text_field(doc, "created_at", path),
        app_version=_text_field(doc, "app_version", path),
        schema_version=schema,
    )
    return _Checked(info, keys, members)


# --- restoring --------------------------------------------------------------------------


def restore_backup(path: Path, folder: Path, *, replace: bool = False) -> RestoreResult:
    """Restore into `folder`. An existing vault needs `replace`, and is moved aside, not lost."""
    path, folder = Path(path), Path(folder)
    restore_journal.refuse_if_pending(folder)
    checked = verify_backup(path)
    if folder.exists() and not folder.is_dir():
        raise BadFile(f"{folder} is a file, not a folder. Choose a folder for the vault.")
    if vault_exists(folder) and not replace:
        raise RestoreTargetExists(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise BadFile(f"Cannot create {folder}: {error.strerror or error}.") from None
    lock = InstanceLock(folder)
    lock.acquire("restoring a backup")
    try:
        replaced = _restore_locked(path, folder, checked)
    except OSError as error:
        raise UserError(
            f"Could not restore into {folder}: {error.strerror or error}. "
            "The folder was left as it was; check free disk space and try again."
        ) from None
    finally:
        lock.release()
    return RestoreResult(checked.info, folder, replaced)


def _restore_locked(path: Path, folder: Path, checked: _Checked) -> Path | None:
    # Stage the backup's files beside the vault, checking the database's hash again as it is
    # copied; nothing of the vault there has moved yet, so a failure here changes nothing.
    try:
        with (
            atomic_output(folder / restore_journal.STAGED_DB) as sink,
            _open_archive(path) as archive,
        ):
            sha, size, _ = _stream_member(archive, DB_MEMBER, path, sink)
            if (sha, size) != checked.members[DB_MEMBER]:
                raise BackupDamaged(path, "it changed while it was being restored.")
        atomic_write(folder / restore_journal.STAGED_KEYS, checked.keys)
    except BaseException:
        restore_journal.clear_staged(folder)
        raise
    present = tuple(name for name in VAULT_FILES if (folder / name).exists())
    journal = restore_journal.RestoreJournal(
        started_at=utc_now(),
        backup_path=str(path)[:500],
        backup_created_at=checked.info.created_at,
        backup_sha256=checked.info.sha256,
        aside=_aside_name(folder) if present else "",
        moved=present,
    )
    restore_journal.write(folder, journal)  # from here on, a crash is finished or undone later
    try:
        restore_journal.swap(folder, journal, _note_writer(journal))
    except BaseException:
        restore_journal.undo(folder, VAULT_FILES)
        raise
    return folder / journal.aside if present else None


def finish_restore(folder: Path) -> Path | None:
    """Complete an interrupted restore: the backup's vault is put in place."""
    folder = Path(folder)
    journal = restore_journal.pending(folder)
    if journal is None:
        raise UserError(f"There is no interrupted restore in {folder} to finish.")
    with _locked(folder, "finishing a restore"):
        restore_journal.swap(folder, journal, _note_writer(journal))
    return folder / journal.aside if journal.moved else None


def undo_restore(folder: Path) -> Path | None:
    """Undo an interrupted restore: the vault that was there is put back."""
    folder = Path(folder)
    with _locked(folder, "undoing a restore"):
        return restore_journal.undo(folder, VAULT_FILES)


@contextlib.contextmanager
def _locked(folder: Path, why: str) -> Iterator[None]:
    lock = InstanceLock(folder)
    lock.acquire(why)
    try:
        yield
    except OSError as error:
        raise UserError(
            f"Could not change {folder}: {error.strerror or error}. Nothing is lost; "
            "check free disk space and permissions, then try again."
        ) from None
    finally:
        lock.release()


def _note_writer(journal: restore_journal.RestoreJournal) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        record_restore(folder, backup_created_at=journal.backup_created_at, backup_sha256=journal.backup_sha256,
                       restored_at=journal.started_at, replaced=journal.aside)  # fmt: skip

    return write


def _aside_name(folder: Path) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name, number = f"replaced-{stamp}", 1
    while (folder / name).exists():
        number += 1
        name = f"replaced-{stamp}-{number}"
    return name
