"""The audit trail's head kept outside the database, so an older vault.db is noticed.

Copying an older vault.db back needs no password, and its trail is internally sound: it
simply ends earlier. So the head (entry count and hash) is also kept in the key file and in
a small file per computer user (under the user's state folder; it holds the vault id, a
count, a hash and a time, no incident data). At sign-in the database must still contain
the entry the newest of those remembers, with the same hash. A restore made through the
app leaves a restore note and is recorded as such instead.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from opal_desktop.fileio import atomic_write
from opal_desktop.vault import audit
from opal_desktop.vault.keyfile import KeyFile

STATE_DIR_ENV = "OPAL_DESKTOP_STATE_DIR"  # tests and portable installs point it elsewhere
HEADS_NAME = "audit-heads.json"
_MAX_VAULTS = 200


def state_file() -> Path:
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override) / HEADS_NAME
    import platformdirs

    return Path(platformdirs.user_state_dir("Opal Desktop", "Opal Desktop")) / HEADS_NAME


def _valid(head: object) -> dict[str, Any] | None:
    if not isinstance(head, dict):
        return None
    try:
        count, digest = int(head["count"]), str(head["hash"])
    except (KeyError, TypeError, ValueError):
        return None
    return {"count": count, "hash": digest[:64], "at": str(head.get("at", ""))[:40]}


def _read_state() -> dict[str, Any]:
    try:
        doc = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def remembered(vault_id: str, keyfile: KeyFile) -> list[tuple[str, dict[str, Any]]]:
    """The heads remembered outside the database: (where, head)."""
    found = []
    if (head := _valid(keyfile.audit_head)) is not None:
        found.append(("the key file", head))
    if (head := _valid(_read_state().get(vault_id))) is not None:
        found.append(("this computer user's record", head))
    return found


def rollback_sentence(conn: Connection, vault_id: str, keyfile: KeyFile) -> str | None:
    """One sentence when the database does not contain the head remembered outside it."""
    count, _ = audit.head(conn)
    for where, head in sorted(remembered(vault_id, keyfile), key=lambda h: -h[1]["count"]):
        when = f"last used {head['at'][:16].replace('T', ' ')} UTC"
        if count < head["count"]:
            return (
                f"This vault is an older copy than the one last used here (its audit trail has "
                f"{count} entries; {where} remembers {head['count']}, {when}), so later work is "
                "missing from it: tell your administrator before you carry on."
            )
        if audit.hash_at(conn, head["count"]) != head["hash"]:
            return (
                f"This vault's audit trail is not the one last used here (its entries up to "
                f"number {head['count']}, {when}, differ from what {where} remembers), so "
                "another copy of vault.db may have been put back: tell your administrator."
            )
    return None


def remember(
    conn: Connection, vault_id: str, folder: Path, keyfile: KeyFile, *, in_key_file: bool
) -> None:
    """Record the database's head in the per-user file and, `in_key_file`, the key file
    (at sign-out: signing in leaves the key file as it found it). Best effort: a read-only
    vault folder must still open."""
    from opal_desktop.vault.audit import utc_now

    count, digest = audit.head(conn)
    head = {"count": count, "hash": digest, "at": utc_now()}
    if in_key_file:
        keyfile.audit_head = head
        with contextlib.suppress(OSError):
            keyfile.save(folder)
    state = _read_state()
    state[vault_id] = head
    if len(state) > _MAX_VAULTS:  # forget the vaults used longest ago
        ordered = sorted(state.items(), key=lambda kv: (_valid(kv[1]) or {"at": ""})["at"])
        state = dict(ordered[-_MAX_VAULTS:])
    path = state_file()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, json.dumps(state).encode("utf-8"))
