"""A restore, remembered until the next sign-in can write it to the restored vault's trail.

Key-file repairs use the same way: the repair happens before the database is open, so its
sentence waits in a small file until the sign-in writes it to the trail (and stays there if
that sign-in fails, for the next one).

Restoring needs no password, so it cannot write to the encrypted database; and the trail it
brings back ends when the backup was taken. Without this note, a restore of an old backup
would leave no sign in the trail that anything later ever happened. The file holds only
the backup's time and hash and who restored it (no incident data).
"""

from __future__ import annotations

import contextlib
import getpass
import json
from pathlib import Path

from opal_desktop.fileio import atomic_write

RESTORE_NOTE_NAME = "restored.json"
_KEYS = ("backup_created_at", "backup_sha256", "restored_at", "restored_by", "replaced")


def record_restore(folder: Path, *, backup_created_at: str, backup_sha256: str, restored_at: str,
                   replaced: str) -> None:  # fmt: skip
    try:
        restored_by = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name on some service accounts
        restored_by = "unknown"
    note = dict(zip(_KEYS, (backup_created_at, backup_sha256, restored_at, restored_by[:64], replaced),
                    strict=True))  # fmt: skip
    atomic_write(folder / RESTORE_NOTE_NAME, json.dumps(note).encode("utf-8"))


def pending_restore(folder: Path) -> dict[str, str] | None:
    try:
        doc = json.loads((folder / RESTORE_NOTE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict):
        return None
    return {key: str(doc.get(key, ""))[:200] for key in _KEYS}


def describe(note: dict[str, str]) -> str:
    kept = f"; the vault it replaced was kept in {note['replaced']}" if note["replaced"] else ""
    return (
        f"Restored from a backup taken at {note['backup_created_at']} "
        f"(SHA-256 {note['backup_sha256'][:16]}…) at {note['restored_at']} "
        f"by computer user {note['restored_by']}{kept}. Entries after the backup are not in this trail."
    )


def clear(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / RESTORE_NOTE_NAME).unlink()


KEYFILE_NOTE_NAME = "keyfile-repaired.json"
_MAX_KEYFILE_NOTES = 50


def record_key_file_notice(folder: Path, notice: str, at: str) -> None:
    """Remember what was found wrong with the key file (and repaired) for the audit trail."""
    notes = pending_key_file_notices(folder)
    notes.append({"at": at[:40], "notice": notice[:500]})
    with contextlib.suppress(OSError):  # a read-only folder must not stop the sign-in
        atomic_write(folder / KEYFILE_NOTE_NAME,
                     json.dumps(notes[-_MAX_KEYFILE_NOTES:]).encode("utf-8"))  # fmt: skip


def pending_key_file_notices(folder: Path) -> list[dict[str, str]]:
    try:
        doc = json.loads((folder / KEYFILE_NOTE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(doc, list):
        return []
    return [{"at": str(n["at"])[:40], "notice": str(n["notice"])[:500]}
            for n in doc if isinstance(n, dict) and "at" in n and "notice" in n]  # fmt: skip


def clear_key_file_notices(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / KEYFILE_NOTE_NAME).unlink()
