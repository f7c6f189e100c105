"""Crash-safe file writing: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO, Literal

from opal_desktop.errors import CannotWrite, DiskFull, FolderReadOnly


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write to a temporary name in the same folder, fsync, then rename over `path`."""
    with atomic_output(path, mode) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_output(path: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """Like atomic_write for a file written a piece at a time (large files, ZIP archives).

    The file appears under `path` only if the block finishes; an exception removes it.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):  # POSIX: only the owner may read vault files
            os.fchmod(fd, mode)
        os.close(fd)  # reopened by name, so `handle.name` is its path (FollowingHash reads it)
        with tmp.open("r+b") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Windows cannot open folders, and does not need to."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(path: Path, chunk: int = 1024 * 1024) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read a chunk at a time."""
    digest, size = hashlib.sha256(), 0
    with Path(path).open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


class FollowingHash:
    """The SHA-256 of a file while it is being written, computed on another core.

    The writer says which leading bytes are final (`advance`); a worker thread reads them
    back through its own handle and hashes them while the writer goes on (hashlib and file
    reads release the GIL). `finish` hashes the rest and returns (hex, size), so a finished
    export is not read back whole just to record its hash. Use it inside the writer's
    `with` block: the reader must be closed before the file is renamed (Windows).
    """

    def __init__(self, writer: BinaryIO, chunk: int = 1024 * 1024) -> None:
        self._writer, self._chunk = writer, chunk
        # unbuffered: a buffered reader could keep read-ahead bytes that are later rewritten
        self._reader = open(writer.name, "rb", buffering=0)  # noqa: SIM115  # closed in close()
        self._digest = hashlib.sha256()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hash")
        self._scheduled = 0
        self._pending: list[Future[None]] = []

    def advance(self, final_upto: int) -> None:
        """Bytes before `final_upto` are written out (flushed) and will not change again."""
        if final_upto > self._scheduled:
            start, self._scheduled = self._scheduled, final_upto
            self._pending.append(self._pool.submit(self._hash, start, final_upto))

    def _hash(self, start: int, end: int) -> None:
        self._reader.seek(start)
        while start < end:
            block = self._reader.read(min(self._chunk, end - start))
            if not block:
                raise OSError(f"{self._writer.name} is shorter than was written")
            self._digest.update(block)
            start += len(block)

    def hash_upto(self, end: int) -> hashlib._Hash:
        """A copy of the running SHA-256 once it has taken in exactly the first `end` bytes
        (final and flushed), for a digest of the file's beginning (the PDF signature's); the
        file's own hash goes on from there."""
        if end < self._scheduled:
            raise ValueError(f"the hash is already past byte {end}")
        self.advance(end)
        self.settle()
        return self._digest.copy()

    def finish(self) -> tuple[str, int]:
        """Flush the writer, hash the rest; (SHA-256 hex, size in bytes) of the whole file."""
        self._writer.flush()
        size = os.fstat(self._writer.fileno()).st_size
        self.advance(size)
        self.settle()
        return self._digest.hexdigest(), size

    def settle(self) -> None:
        """Wait until every byte marked final so far is hashed (raises what the worker met)."""
        for future in self._pending:
            future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._reader.close()

    def __enter__(self) -> FollowingHash:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- a full disk or a read-only folder, told as one sentence ------------------------------

Trouble = Literal["full", "read-only"]
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
# What SQLite says for the same two; its "disk I/O error" (the -shm file cannot grow) and
# "unable to open database file" (no -wal/-shm can be made) need a look at the folder.
_DB_FULL = "database or disk is full"
_DB_READ_ONLY = "attempt to write a readonly database"
_DB_VAGUE = ("disk I/O error", "unable to open database file")
_NEARLY_FULL = 1024 * 1024  # bytes free below which a vague write error means a full disk


def why_unwritable(folder: Path, error: BaseException | None = None) -> Trouble | None:
    """'full' or 'read-only' when `error` (or, with none, the folder's state) says the
    folder cannot take writes; None when the error is something else (a bug stays loud)."""
    vague = error is None
    for cause in _chain(error):
        if isinstance(cause, OSError) and not _inside(cause.filename, Path(folder)):
            continue  # about another file (an input that cannot be read): not this folder
        if isinstance(cause, CannotWrite):
            return "full" if isinstance(cause, DiskFull) else "read-only"
        if isinstance(cause, OSError) and cause.errno in _FULL_ERRNOS:
            return "full"
        if isinstance(cause, OSError) and cause.errno in _READ_ONLY_ERRNOS:
            return "read-only"
        said = str(cause)
        if _DB_FULL in said:
            return "full"
        if _DB_READ_ONLY in said:
            return "read-only"
        vague = vague or any(words in said for words in _DB_VAGUE)
    return _folder_state(Path(folder)) if vague else None


def _inside(filename: object, folder: Path) -> bool:
    if not isinstance(filename, (str, os.PathLike)):
        return True  # no file named: the caller knows where it was writing
    return Path(filename).resolve().is_relative_to(folder.resolve())


def _chain(error: BaseException | None) -> Iterator[BaseException]:
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _folder_state(folder: Path) -> Trouble | None:
    try:
        stats = os.statvfs(folder) if hasattr(os, "statvfs") else None
    except OSError:
        return None
    if stats is not None and stats.f_flag & os.ST_RDONLY:
        return "read-only"
    if not os.access(folder, os.W_OK):  # root passes this: only the mount flag stops it
        return "read-only"
    if stats is not None and stats.f_bavail * stats.f_frsize < _NEARLY_FULL:
        return "full"
    return None


def cannot_write(
    folder: Path, trouble: Trouble, *, vault: bool, then: str = "try again"
) -> CannotWrite:
    """The sentence: what happened and what to do, for the vault folder or an out folder."""
    if trouble == "full":
        instead = (
            "move the vault to a disk with room" if vault else "choose a folder on another disk"
        )
        return DiskFull(
            f"The disk holding {folder} is full, so nothing more can be saved there. "
            f"Free some space on it (or {instead}), then {then}."
        )
    if vault:
        return FolderReadOnly(
            f"The vault folder {folder} is read-only for you, so Opal Desktop cannot save "
            "anything in it. Ask IT to give your account permission to change files in that "
            f"folder (read and write), then {then}."
        )
    return FolderReadOnly(
        f"The folder {folder} is read-only for you, so nothing can be saved there. Choose "
        f"another folder, or ask IT for permission to write to it, then {then}."
    )


def out_folder_error(error: BaseException, folder: Path) -> CannotWrite | None:
    """For exports and backups: the sentence when writing into `folder` failed because its
    disk is full or it is read-only, else None (re-raise or report the error as before)."""
    trouble = why_unwritable(folder, error)
    return None if trouble is None else cannot_write(folder, trouble, vault=False)
