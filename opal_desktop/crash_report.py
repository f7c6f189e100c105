"""If the app dies in native code, a report of where, beside the vault; said at the next start.

While the GUI runs, Python's faulthandler is pointed at `crash-reports/running-<pid>.txt`
in the vault folder, held under an OS lock. On a fatal error (a segmentation fault, an
abort such as "none_dealloc") it writes the stack of every thread there: file names, line
numbers and function names of the program only, never a value, so no incident data. A
clean exit removes the empty file. At the next start a file that is no longer locked is
from a process that is gone: with text in it, it is kept as `crash-<when>.txt` and the
person is told in one sentence; empty (the process was killed or the power went), it is
removed and the sign-in's recovery of open incidents says the rest.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
from datetime import datetime
from pathlib import Path
from typing import IO

from opal_desktop.vault.instance_lock import try_lock

FOLDER_NAME = "crash-reports"
RUNNING_PREFIX = "running-"


class CrashWatch:
    """faulthandler writing to this process's own report file until `stop()`."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    def stop(self) -> None:
        """At a clean exit: stop watching; an empty report is removed."""
        if self._handle is None:
            return
        faulthandler.disable()
        empty = os.fstat(self._handle.fileno()).st_size == 0
        self._handle.close()
        self._handle = None
        if empty:
            with contextlib.suppress(OSError):
                self.path.unlink()
                self.path.parent.rmdir()  # only if nothing else is in it


def watch(vault_folder: Path) -> CrashWatch | None:
    """Start writing native crash reports beside the vault (None when there is no vault
    folder yet, or it cannot be written: faulthandler then stays on stderr only)."""
    if not vault_folder.is_dir():
        return None
    folder = vault_folder / FOLDER_NAME
    path = folder / f"{RUNNING_PREFIX}{os.getpid()}.txt"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600), "r+b")
    except OSError:
        return None
    if not try_lock(handle):  # another process of the same pid number holds it: leave it be
        handle.close()
        return None
    handle.seek(0)  # Windows locks a byte far out: faulthandler writes from the start
    faulthandler.enable(file=handle, all_threads=True)
    return CrashWatch(path, handle)


def previous_crash(vault_folder: Path) -> str | None:
    """One sentence if an earlier run died in native code, naming its report; the report is
    renamed to crash-<when>.txt so it is told once. Reports of runs still going are left."""
    folder = vault_folder / FOLDER_NAME
    told: list[str] = []
    for path in sorted(folder.glob(f"{RUNNING_PREFIX}*.txt")):
        with contextlib.ExitStack() as stack:
            try:
                handle = stack.enter_context(path.open("r+b"))
            except OSError:
                continue
            if not try_lock(handle):
                continue  # that process is still running
            size = os.fstat(handle.fileno()).st_size
            died = datetime.fromtimestamp(os.fstat(handle.fileno()).st_mtime)
        with contextlib.suppress(OSError):
            if size == 0:
                path.unlink()
                continue
            kept = (
                folder / f"crash-{died:%Y%m%d-%H%M%S}-{path.stem.removeprefix(RUNNING_PREFIX)}.txt"
            )
            path.replace(kept)
            told.append(f"{died.day} {died:%b %Y at %H:%M}")
    if not told:
        return None
    return (
        f"Opal Desktop stopped unexpectedly on {told[-1]}. Anything you were typing was saved as "
        f"you typed; a crash report (program locations only, no incident data) is in "
        f"{folder}: please pass it to your administrator."
    )
