"""Key-file changes and their audit entries cannot drift apart (issue 15).

A change to someone's key slot (add, disable, enable, reset, a password change, a role's
key handed over) is made in three steps: (1) one database transaction writes the rows, the
audit entries and a pending note naming the slot as it was and as it will be; (2) the key
file is written; (3) the note is cleared. Killed between (1) and (3), the next sign-in
finds the note and compares the slot with it: already as planned, the note is cleared;
still as before, the trail says the change did not happen and what that leaves (an
account added but not written stays disabled). A slot for nobody with an active account
(an older version killed mid-way, or a slot planted in the file) is removed and recorded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from opal_desktop.vault.keyfile import KeyFile, Slot, user_slot_id

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

PENDING_META = "key_change_pending"


def slot_fingerprint(slot: Slot | None) -> str:
    if slot is None:
        return "none"
    canonical = json.dumps(slot.to_json(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _set_pending(conn: Connection, note: dict[str, str] | None) -> None:
    if note is None:
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": PENDING_META})
        return
    conn.execute(
        text(
            "INSERT INTO meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"
        ),
        {"k": PENDING_META, "v": json.dumps(note)},
    )


def change_slot(
    vault: Vault,
    *,
    op: str,
    username: str,
    change: Callable[[KeyFile], None],
    db_work: Callable[[Connection], None],
    slot_id: str | None = None,
) -> None:
    """Make one key-slot change with its rows and audit entries, as described above."""
    slot_id = slot_id or user_slot_id(username)
    staged = KeyFile.from_bytes(vault.keyfile.to_bytes())
    before = slot_fingerprint(staged.slot(slot_id))
    change(staged)
    after = slot_fingerprint(staged.slot(slot_id))
    note = {"op": op, "username": username, "slot": slot_id, "before": before, "after": after}
    with vault.transaction() as conn:
        db_work(conn)
        _set_pending(conn, note)
    try:
        staged.save(vault.folder)
    except BaseException:
        # Not written (disk full, read-only): the trail must say so now, not at next sign-in.
        vault.keyfile = KeyFile.load(vault.folder)
        recover(vault)
        raise
    vault.keyfile = staged
    with vault.transaction() as conn:
        _set_pending(conn, None)


_NOT_DONE = {
    "add": "the account was not given a key slot, so it stays disabled: enable it with a new password",
    "enable": "the account stays disabled: enable it again",
    "passwd": "the old password still opens the vault",
    "reset": "the old password still opens the vault",
    "recover": "the old password still opens the vault",
    "disable": "",
    "role": "the key for the new role was not handed over",
    "recovery-code": "the old recovery code still works, and the new one does not",
}


def recover(vault: Vault) -> list[str]:
    """Finish or undo an interrupted change, and remove slots nobody owns; returns what was
    done (each also an audit entry)."""
    done: list[str] = []
    with vault.transaction() as conn:
        row = conn.execute(
            text("SELECT value FROM meta WHERE key = :k"), {"k": PENDING_META}
        ).first()
        if row is not None:
            done += _finish(vault, conn, json.loads(row[0]))
            _set_pending(conn, None)
        done += _remove_orphans(vault, conn)
    return done


def _finish(vault: Vault, conn: Connection, note: dict[str, str]) -> list[str]:
    op, username = str(note.get("op", "")), str(note.get("username", ""))
    slot_id = str(note.get("slot") or user_slot_id(username))
    now = slot_fingerprint(vault.keyfile.slot(slot_id))
    if now == note.get("after"):
        return []  # the key file was written; the entries made in step 1 are true
    if now == note.get("before"):
        if op == "disable":
            vault.keyfile.remove_user(username)
            vault.keyfile.save(vault.folder)
            sentence = f"Disabling {username} was interrupted; their key slot has now been removed."
        else:
            if op in ("add", "enable"):
                conn.execute(
                    text("UPDATE users SET active = 0 WHERE username = :u"), {"u": username}
                )
            sentence = (f"The change '{op}' for {username} was interrupted before the key file was "
                        f"written, so it did not happen: {_NOT_DONE.get(op, 'nothing changed')}.")  # fmt: skip
        slot = vault.keyfile.slot(slot_id)
        # Reinstates the writer key the slot still holds, if step 1 registered another.
        vault.audit(conn, "key_change_interrupted", "user", username, sentence,
                    registers_key=slot.writer_public_key if slot else "")  # fmt: skip
        return [sentence]
    sentence = (f"The key slot of {username} is neither as it was nor as the interrupted change "
                f"'{op}' would have made it. Check the users list and the key file.")  # fmt: skip
    vault.audit(conn, "key_change_unknown", "user", username, sentence)
    return [sentence]


def _remove_orphans(vault: Vault, conn: Connection) -> list[str]:
    active = {str(r[0]) for r in conn.execute(text("SELECT username FROM users WHERE active = 1"))}
    orphans = [s.username or "" for s in vault.keyfile.user_slots() if s.username not in active]
    if not orphans:
        return []
    for name in orphans:
        vault.keyfile.remove_user(name)
    vault.keyfile.save(vault.folder)
    done = []
    for name in orphans:
        sentence = (f"The key file held a slot for {name}, who has no active account (an "
                    "interrupted change, or a slot added outside the app); it was removed.")  # fmt: skip
        vault.audit(conn, "key_slot_removed", "user", name, sentence)
        done.append(sentence)
    return done
