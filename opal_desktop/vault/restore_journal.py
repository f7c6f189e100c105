"""Replacing a vault by a restore, safe against a crash at any moment.

A restore over an existing vault moves the old vault's files into a replaced-<time> folder
and puts the backup's files in their place: several renames, and a crash between two of
them would leave a folder with no vault (or half of two). So the backup's files are staged
beside the vault first, then a journal is written saying what is about to move where, and
only then is anything moved. Until the journal is gone the folder is "a restore was
interrupted", never "no vault": the app and every command say so, and offer to finish the
restore (the backup's vault) or undo it (the vault that was there). Both are idempotent, so
a crash while finishing or undoing is itself finished or undone the next time.

Only the standard library is imported: the GUI asks about this before it loads the rest.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from opal_desktop.errors import UserError
from opal_desktop.fileio import atomic_write, fsync_dir
from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME

JOURNAL_NAME = "restore-in-progress.json"
DB_NAME = "vault.db"  # engine.DB_NAME, without importing SQLAlchemy (a test checks they agree)
STAGED_DB = ".restoring-vault.db"
STAGED_KEYS = ".restoring-vault.keys"
_FORMAT = "opal-desktop-restore-journal"


@dataclass(frozen=True)
class RestoreJournal:
    started_at: str
    backup_path: str
    backup_created_at: str
    backup_sha256: str
    aside: str  # the replaced-<time> folder's name
    moved: tuple[str, ...]  # the old vault's files, which go into `aside`
    # False: every vault file still in the folder is the old vault's (some may already be
    # aside). True: all of the old vault is aside; files in the folder are the backup's.
    swapped: bool = False

    def describe(self, folder: Path) -> str:
        return (
            f"A restore into {folder} was interrupted (started {_when(self.started_at)}, from "
            f"the backup taken {_when(self.backup_created_at)}). Nothing is lost: the vault "
            "that was there is kept until you choose."
        )


def _when(iso: str) -> str:
    """'on 2 December 2026 at 17:05' in this PC's time zone (the journal keeps UTC)."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return "at an unknown time"
    return f"on {moment.day} {moment:%B %Y} at {moment:%H:%M}"


class RestoreInterrupted(UserError):
    def __init__(self, folder: Path, journal: RestoreJournal) -> None:
        super().__init__(
            f"{journal.describe(folder)} Run `opal-desktop --vault {folder} restore --finish` "
            "to complete it, or `restore --undo` to put back the vault that was there."
        )
        self.folder, self.journal = folder, journal


def pending(folder: Path) -> RestoreJournal | None:
    """The interrupted restore in `folder`, if there is one."""
    try:
        doc = json.loads((Path(folder) / JOURNAL_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        doc = {}
    try:
        if doc.get("format") != _FORMAT:
            raise TypeError
        fields = {key: doc[key] for key in RestoreJournal.__dataclass_fields__}
        fields["moved"] = tuple(str(name) for name in fields["moved"])
        journal = RestoreJournal(**fields)
    except (AttributeError, KeyError, TypeError):
        # Unreadable: still a restore in progress. Undo can work from the folder alone.
        journal = RestoreJournal("(unknown)", "", "(unknown)", "", "", (), swapped=False)
    if "/" in journal.aside or "\\" in journal.aside or journal.aside.startswith("."):
        journal = replace(journal, aside="")  # a journal names a folder inside the vault folder
    return journal


def refuse_if_pending(folder: Path) -> None:
    journal = pending(folder)
    if journal is not None:
        raise RestoreInterrupted(Path(folder), journal)
    with contextlib.suppress(OSError):  # a restore killed before its journal: nothing moved
        clear_staged(folder)


def write(folder: Path, journal: RestoreJournal) -> None:
    doc = {"format": _FORMAT, **asdict(journal), "moved": list(journal.moved)}
    atomic_write(Path(folder) / JOURNAL_NAME, json.dumps(doc, indent=1).encode("utf-8"))


def swap(folder: Path, journal: RestoreJournal, record_note: Callable[[Path], None]) -> None:
    """Move the old vault aside and the staged one in; from any point a crash left it at."""
    folder = Path(folder)
    if not journal.swapped:
        if not (folder / STAGED_DB).exists() or not (folder / STAGED_KEYS).exists():
            raise UserError(
                f"The restore into {folder} cannot be finished: the copy of the backup it was "
                "making is gone. Run `restore --undo` to put back the vault that was there."
            )
        if journal.moved:
            aside = folder / journal.aside
            aside.mkdir(mode=0o700, exist_ok=True)
            for name in journal.moved:
                if (folder / name).exists():
                    (folder / name).replace(aside / name)
            fsync_dir(aside)
        journal = replace(journal, swapped=True)
        write(folder, journal)
    staged_db, staged_keys = folder / STAGED_DB, folder / STAGED_KEYS
    if staged_db.exists():
        staged_db.replace(folder / DB_NAME)
    if staged_keys.exists():
        atomic_write(folder / KEYFILE_BACKUP_NAME, staged_keys.read_bytes())
        staged_keys.replace(folder / KEYFILE_NAME)
    if not (folder / DB_NAME).exists() or not (folder / KEYFILE_NAME).exists():
        raise UserError(
            f"The restore into {folder} cannot be finished: the restored files are incomplete. "
            "Run `restore --undo` to put back the vault that was there."
        )
    record_note(folder)
    (folder / JOURNAL_NAME).unlink()
    fsync_dir(folder)


def undo(folder: Path, vault_files: tuple[str, ...]) -> Path | None:
    """Put the old vault back and forget the restore; returns the folder it was put back from."""
    folder = Path(folder)
    journal = pending(folder)
    if journal is None:
        raise UserError(f"There is no interrupted restore in {folder} to undo.")
    aside = folder / journal.aside if journal.aside else None
    if journal.swapped:
        # Everything here is the backup's: remove it before the old files come back.
        for name in vault_files:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        write(folder, replace(journal, swapped=False))
    if aside is not None and aside.is_dir():
        for name in journal.moved or tuple(vault_files):
            if (aside / name).exists() and not (folder / name).exists():
                (aside / name).replace(folder / name)
        with contextlib.suppress(OSError):  # left in place if anything else is in it
            aside.rmdir()
    for name in (STAGED_DB, STAGED_KEYS):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    (folder / JOURNAL_NAME).unlink()
    fsync_dir(folder)
    return aside


def clear_staged(folder: Path) -> None:
    """Remove a staged copy a restore left before it wrote its journal (nothing had moved)."""
    for name in (STAGED_DB, STAGED_KEYS):
        with contextlib.suppress(FileNotFoundError):
            (Path(folder) / name).unlink()
    for leftover in Path(folder).glob(f".{STAGED_DB}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
