"""A vault on a full disk or in a read-only folder, for real where this machine allows.

Real first: a small tmpfs mounted for the test (root with mount rights, as on the
developers' machines and CI), filled to the last byte, or remounted read-only (EROFS;
chmod does not stop root). Where no mount can be made, the same failures are injected at
the boundary the app talks to, and the test says which way it ran (`how`):
- full: SQLite's own SQLITE_FULL: with no room at all a connection that may write fails
  to open; with some room, the database is capped that far past its current page count
  (`PRAGMA max_page_count`);
- read-only: what SQLite and the OS say for a read-only folder (the database refuses to
  open for writing, the lock file cannot be created).
Never a skip: a test runs one way or the other (OPAL_TEST_NO_MOUNT=1 forces injection).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlcipher3

from opal_desktop.vault import engine


def _mount(point: Path, options: str) -> bool:
    if os.environ.get("OPAL_TEST_NO_MOUNT"):  # to run the injected way where mounts work
        return False
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _umount(point: Path) -> None:
    subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


@dataclass
class Place:
    """A folder for the vault; `how` is 'tmpfs' (real) or 'injected'."""

    folder: Path
    how: str
    make_full: Callable[[int], None]  # leave this many bytes free (0: none at all)
    free: Callable[[], None]


@contextlib.contextmanager
def full_disk(base: Path, monkeypatch: pytest.MonkeyPatch, size: str = "16m") -> Iterator[Place]:
    """A folder on a small disk; `make_full(leave)` fills it but for `leave` bytes (the
    vault must be in it by then), `free()` gives the space back."""
    point = base / "small-disk"
    point.mkdir()
    if _mount(point, f"size={size},mode=0755"):
        filler = point / "filler"

        def fill(leave: int) -> None:
            with filler.open("wb") as handle, contextlib.suppress(OSError):
                while True:  # big blocks, then small ones, to the last byte
                    handle.write(b"\0" * 65536)
                    handle.flush()
            with filler.open("ab", buffering=0) as handle, contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * 512)
            if leave:
                os.truncate(filler, max(0, filler.stat().st_size - leave))

        try:
            yield Place(point, "tmpfs", fill, lambda: filler.unlink(missing_ok=True))
        finally:
            _umount(point)
        return
    real_connect = engine._connect
    cap: dict[str, int | None] = {"leave": None}

    def connect(target: str, key: bytes, *, uri: bool) -> sqlcipher3.Connection:
        leave = cap["leave"]
        if leave == 0 and not uri:  # no room at all: the database cannot even start its WAL
            raise sqlcipher3.OperationalError("database or disk is full")
        conn = real_connect(target, key, uri=uri)
        if leave is not None and not uri:  # no more pages than it has now: SQLITE_FULL
            pages, size = (
                conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size")
            )
            conn.execute(f"PRAGMA max_page_count = {int(pages) + leave // int(size)}")
        return conn

    monkeypatch.setattr(engine, "_connect", connect)
    yield Place(
        point, "injected", lambda leave: cap.update(leave=leave), lambda: cap.update(leave=None)
    )


@contextlib.contextmanager
def read_only_folder(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, Callable[[], None], str]]:
    """(folder, make_read_only, how): put the vault in `folder`, then call make_read_only."""
    point = base / "share"
    point.mkdir()
    if _mount(point, "size=16m,mode=0755"):

        def remount() -> None:
            subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)

        try:
            yield point, remount, "tmpfs"
        finally:
            _umount(point)
        return
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # chmod stops anyone but root: real

        def chmod() -> None:
            for path in point.rglob("*"):
                path.chmod(0o444 if path.is_file() else 0o555)
            point.chmod(0o555)

        try:
            yield point, chmod, "chmod"
        finally:
            for path in [point, *point.rglob("*")]:
                with contextlib.suppress(OSError):
                    path.chmod(0o755 if path.is_dir() else 0o644)
        return
    state = {"on": False}
    real_connect, real_open = engine._connect, os.open

    def connect(target: str, key: bytes, *, uri: bool) -> sqlcipher3.Connection:
        if state["on"] and not uri and Path(target).is_relative_to(point):
            raise sqlcipher3.OperationalError("attempt to write a readonly database")
        return real_connect(target, key, uri=uri)

    def os_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        writes = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if state["on"] and writes and Path(str(path)).resolve().is_relative_to(point.resolve()):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_connect", connect)
    monkeypatch.setattr(os, "open", os_open)
    yield point, lambda: state.update(on=True), "injected"
