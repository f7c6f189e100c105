"""Failed sign-ins, remembered until the next successful one can write them to the audit trail.

A failed attempt has no key, so it cannot write to the encrypted database. This small file
holds only usernames and times (no incident data) and is emptied into the trail on the
next successful sign-in.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from opal_desktop.fileio import atomic_write

FAILURES_NAME = "signin-failures.json"
_MAX_KEPT = 500


def record_failure(folder: Path, username: str, at: str) -> None:
    path = folder / FAILURES_NAME
    entries = pending_failures(folder)
    entries.append({"username": username[:64], "at": at})
    with contextlib.suppress(
        OSError
    ):  # a read-only share must not stop the message reaching the user
        atomic_write(path, json.dumps(entries[-_MAX_KEPT:]).encode("utf-8"))


def pending_failures(folder: Path) -> list[dict[str, str]]:
    try:
        doc = json.loads((folder / FAILURES_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(doc, list):
        return []
    return [
        {"username": str(e["username"])[:64], "at": str(e["at"])[:40]}
        for e in doc
        if isinstance(e, dict) and "username" in e and "at" in e
    ]


def clear(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / FAILURES_NAME).unlink()
