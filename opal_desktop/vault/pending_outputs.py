"""Exports and backups in progress, remembered in the vault folder until they are done.

An export or backup writes outside the vault. Killed part-way, it would leave files that no
record mentions: a hidden half-written file in the output folder, or the plaintext a package
is built from. So before anything is written, a small journal in the vault folder names
every file the job may leave (the hidden file in the output folder, and a private working
folder inside the vault folder for anything in clear). The finished file is recorded in
the vault (history, audit, custody) before it is renamed into place, so a visible file is
always a recorded one. At the next sign-in, whatever a killed job left is removed, and the
trail says the job was interrupted. The journal holds file names and folders only.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from opal_desktop.errors import BadFile, UserError
from opal_desktop.fileio import (
    atomic_write,
    cannot_write,
    file_sha256,
    fsync_dir,
    out_folder_error,
    why_unwritable,
)

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

JOURNAL_NAME = "pending-outputs.json"
WORK_PREFIX = ".work-"
_lock = threading.Lock()  # the GUI's worker and a test may run two jobs in one process


@dataclass
class Output:
    """One file being made: write `temporary`, then `publish` it under `final`."""

    vault_folder: Path
    id: str
    kind: str  # "export" or "backup"
    what: str  # the package reference, or "vault"
    final: Path
    temporary: Path  # hidden, beside `final` (same folder, so the rename is atomic)
    work: Path  # private working folder inside the vault folder, for anything in clear
    started_at: str
    recorded: str = ""  # the SHA-256 recorded in the vault, once it is
    published: bool = field(default=False)
    journaled: bool = True  # False for a backup of a read-only vault

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "what": self.what, "final": str(self.final),
                "temporary": str(self.temporary), "work": self.work.name,
                "started_at": self.started_at, "recorded": self.recorded}  # fmt: skip

    def publish(self, record: Callable[[str, int], None], digest: str = "", size: int = -1) -> None:
        """Record the finished temporary file (its SHA-256 and size), then rename it into place."""
        if not digest:
            digest, size = file_sha256(self.temporary)
        record(digest, size)
        self.recorded = digest
        if self.journaled:
            _update(self.vault_folder, self)
        self.temporary.replace(self.final)
        fsync_dir(self.final.parent)
        self.published = True


def _read(folder: Path) -> list[dict[str, str]]:
    try:
        doc = json.loads((folder / JOURNAL_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [entry for entry in doc if isinstance(entry, dict)] if isinstance(doc, list) else []


def _write(folder: Path, entries: list[dict[str, str]]) -> None:
    if entries:
        atomic_write(folder / JOURNAL_NAME, json.dumps(entries, indent=1).encode("utf-8"))
    else:
        with contextlib.suppress(FileNotFoundError):
            (folder / JOURNAL_NAME).unlink()


def _update(folder: Path, output: Output) -> None:
    with _lock:
        entries = [e for e in _read(folder) if e.get("id") != output.id]
        _write(folder, [*entries, output.to_json()])


def _forget(folder: Path, output_id: str) -> None:
    with _lock:
        _write(folder, [e for e in _read(folder) if e.get("id") != output_id])


@contextlib.contextmanager
def output(vault: Vault, kind: str, what: str, final: Path) -> Iterator[Output]:
    """An Output whose leftovers are removed if the block fails, or at the next sign-in if
    the process dies. The block must call `publish` (or the file is thrown away)."""
    from opal_desktop.vault.audit import utc_now

    folder = vault.folder
    job = uuid.uuid4().hex[:12]
    final = Path(final)
    made = Output(folder, job, kind, what, final, final.parent / f".{final.name}.{job}.tmp",
                  folder / f"{WORK_PREFIX}{job}", utc_now())  # fmt: skip
    if vault.read_only is not None:
        # A full or read-only vault can still be backed up elsewhere: nothing can be written
        # beside it (no journal, no working folder, no audit entry), and a backup needs none.
        if kind != "backup":
            raise cannot_write(folder, vault.read_only, vault=True)
        made.journaled = False
        try:
            yield made
        finally:
            _remove_leftovers(made.temporary, made.work)
        return
    _update(folder, made)  # before anything exists that a crash could leave behind
    try:
        made.work.mkdir(mode=0o700)
        yield made
    except BaseException:
        _remove_leftovers(made.temporary, made.work)
        if made.recorded and not made.published:
            _record_interrupted(vault, made.to_json())
        _forget(folder, job)
        raise
    _remove_leftovers(made.temporary, made.work)
    _forget(folder, job)


def private_temporary(out: Output, name: str) -> Path:
    """A path for a working file in clear (a report before it goes in a ZIP, a ZIP before it
    is encrypted): inside the vault folder, never in the output folder."""
    fd, path = tempfile.mkstemp(prefix=".", suffix=f"-{name}", dir=out.work)
    os.close(fd)
    return Path(path)


def _remove_leftovers(temporary: Path, work: Path) -> None:
    # A writer given `temporary` may itself write to a temporary name beside it (atomic_output)
    for leftover in (temporary, *temporary.parent.glob(f".{temporary.name}.*")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
    if work.name.startswith(WORK_PREFIX):
        shutil.rmtree(work, ignore_errors=True)


def settle(vault: Vault) -> list[str]:
    """At sign-in: clear up after jobs a crash interrupted; say what happened in the trail."""
    folder = vault.folder
    with _lock:
        entries = _read(folder)
    told: list[str] = []
    settled: set[str] = set()
    for entry in entries:
        try:
            told.extend(_settle_one(vault, entry))
        except (OSError, SQLAlchemyError):
            continue  # a full or read-only disk: left for the next sign-in
        settled.add(entry.get("id", ""))
    # Working folders of jobs that died before their entry was written
    for stray in folder.glob(f"{WORK_PREFIX}*"):
        if not any(stray.name == e.get("work") for e in entries):
            shutil.rmtree(stray, ignore_errors=True)
    with contextlib.suppress(OSError), _lock:
        _write(folder, [e for e in _read(folder) if e.get("id") not in settled])
    return told


def _settle_one(vault: Vault, entry: dict[str, str]) -> list[str]:
    folder = vault.folder
    final, temporary = Path(entry.get("final", "")), Path(entry.get("temporary", ""))
    work = folder / Path(entry.get("work", "")).name
    if temporary.name.startswith(".") and temporary.name.endswith(".tmp"):
        _remove_leftovers(temporary, work)  # only names this module makes
    elif work.name.startswith(WORK_PREFIX):
        shutil.rmtree(work, ignore_errors=True)
    recorded = entry.get("recorded", "")
    if recorded and final.is_file() and file_sha256(final)[0] == recorded:
        return []  # it finished; only the journal entry was left
    return [_record_interrupted(vault, entry)]


def _record_interrupted(vault: Vault, entry: dict[str, str]) -> str:
    kind, what, final = entry.get("kind", "export"), entry.get("what", ""), entry.get("final", "")
    started = entry.get("started_at", "")
    if entry.get("recorded"):
        sentence = (f"The {kind} of {what} to {final} (started {started}) was recorded with SHA-256 "
                    f"{entry['recorded']} but stopped before the file was put in place; there is no "
                    f"such file. Make it again.")  # fmt: skip
    else:
        sentence = (f"The {kind} of {what} to {final} (started {started}) was interrupted before it "
                    "finished; nothing was left in that folder. Make it again.")  # fmt: skip
    with vault.transaction() as conn:
        vault.audit(conn, f"{kind}_interrupted", kind, what[:64] or kind, sentence)
    return sentence


def write_error(error: OSError, vault: Vault, out_folder: Path, what: str) -> UserError:
    """The one sentence for an export or backup a disk refused: the output folder's (full,
    read-only), the vault folder's (where the journal and working files go), or the OS's."""
    told = out_folder_error(error, out_folder)
    if told is None and (trouble := why_unwritable(vault.folder, error)) is not None:
        told = cannot_write(vault.folder, trouble, vault=True)
    if told is not None:
        return told
    return BadFile(f"{what} could not be written to {out_folder}: {error.strerror or error}. "
                   "Check the folder and try again.")  # fmt: skip
