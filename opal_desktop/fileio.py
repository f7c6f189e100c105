"""Crash-safe file writing: a reader sees the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO


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
