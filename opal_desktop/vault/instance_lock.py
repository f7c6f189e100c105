"""One app instance per vault.

An OS file lock on `vault.lock` (released by the OS if the app crashes), with a note of
who holds it, so a second instance can say "already open by j.smith on PC-2 since 14:02"
instead of racing the first one. The note holds a username and host name, never incident data.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from datetime import datetime
from pathlib import Path
from typing import IO

from opal_desktop.errors import VaultInUse

LOCK_NAME = "vault.lock"
_LOCK_OFFSET = (
    1 << 20
)  # Windows locks a byte range; lock one far past the note so it stays readable


def try_lock(handle: IO[bytes]) -> bool:
    """An exclusive OS lock on the open file, without waiting; released when it is closed."""
    if os.name == "nt":
        import msvcrt

        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def describe_holder(folder: Path) -> str:
    try:
        note = json.loads((folder / LOCK_NAME).read_text(encoding="utf-8"))
        since = datetime.fromisoformat(note["since"]).astimezone().strftime("%d %b %Y %H:%M")
        return f"{note['who']} on {note['host']} since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return "another Opal Desktop window"


class InstanceLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self, who: str | None = None, read_only: bool = False) -> None:
        """Take the lock. `read_only` (a full disk or a read-only folder) takes it through
        the existing lock file opened for reading (an OS lock needs no write access), and
        without one goes on unlocked: nothing can write to such a vault, this copy neither."""
        path = self.folder / LOCK_NAME
        handle: IO[bytes]
        try:
            # Held open for the life of the lock; r+b so the note overwrites, not appends.
            handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT, 0o644), "r+b")
        except OSError:
            if not read_only:
                raise
            try:
                handle = path.open("rb")
            except OSError:
                return
        if not try_lock(handle):
            handle.close()
            raise VaultInUse(
                f"This vault is already open by {describe_holder(self.folder)}. "
                "Close Opal Desktop there first (or sign out), then try again."
            )
        self._handle = handle
        self.update(who or f"{getpass.getuser()} (signing in)")

    def update(self, who: str) -> None:
        if self._handle is None:
            return
        note = {
            "who": who,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        # Only a courtesy for the next instance's message: a full disk or a lock file that
        # is read-only for us must not stop the sign-in (the OS lock is what counts).
        with contextlib.suppress(OSError, ValueError):
            self._handle.seek(0)
            self._handle.truncate()
            self._handle.write(json.dumps(note).encode("utf-8"))
            self._handle.flush()

    def release(self) -> None:
        if self._handle is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._handle.seek(0)
            self._handle.truncate()
        with contextlib.suppress(OSError):  # a note that could not be flushed (disk full)
            self._handle.close()  # closing drops the OS lock
        self._handle = None
