"""Which incidents each user has open with saved changes, so a crash can give them back.

An editor notes its incident here (inside the encrypted vault, in `meta`) when it saves,
and takes the note away when it is closed normally. A note still there at the user's next
sign-in means the app ended abnormally (a crash, a kill, the power) with those incidents
open: the sign-in takes the notes and the app reopens them. What was typed is in the
incidents themselves, saved as drafts every second or two; nothing is kept outside the vault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from opal_desktop.domain.incident import Status
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class RecoveredIncident:
    reference: str
    status: Status
    saved_at: datetime | None  # the last save, as the incident records it (UTC)
    created_in_session: bool  # it was a new incident, first saved by the lost session


def _key(vault: Vault) -> str:
    return f"editing:{vault.actor.username}"


def _read(conn: Connection, key: str) -> dict[str, bool]:
    value = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).scalar()
    try:
        noted = json.loads(value) if value else {}
    except ValueError:
        return {}
    return {str(k): bool(v) for k, v in noted.items()} if isinstance(noted, dict) else {}


def _write(conn: Connection, key: str, noted: dict[str, bool]) -> None:
    if noted:
        conn.execute(
            text(
                "INSERT INTO meta(key, value) VALUES (:k, :v) "
                "ON CONFLICT(key) DO UPDATE SET value = :v"
            ),
            {"k": key, "v": json.dumps(noted, sort_keys=True)},
        )
    else:
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": key})


def note_open(vault: Vault, reference: str, created: bool) -> None:
    """An editor saved `reference` (`created`: it made the incident) and is still open."""
    key = _key(vault)
    with vault.transaction() as conn:
        noted = _read(conn, key)
        if reference in noted and noted[reference] >= created:
            return
        noted[reference] = created or noted.get(reference, False)
        _write(conn, key, noted)


def note_closed(vault: Vault, reference: str) -> None:
    """The editor of `reference` was closed normally: nothing to give back."""
    key = _key(vault)
    with vault.transaction() as conn:
        noted = _read(conn, key)
        if noted.pop(reference, None) is not None:
            _write(conn, key, noted)


def take_left_open(vault: Vault) -> list[RecoveredIncident]:
    """At sign-in: the incidents this user had open when the app last ended abnormally
    (oldest reference first), still in the vault and still theirs; the notes are cleared."""
    from opal_desktop.incidents import records

    key = _key(vault)
    with vault.transaction() as conn:
        noted = _read(conn, key)
        if noted:
            _write(conn, key, {})
    found: list[RecoveredIncident] = []
    for reference, created in sorted(noted.items()):
        try:
            incident = records.get(vault, reference)
        except (InvalidInput, PermissionDenied):  # deleted since, or no longer theirs to see
            continue
        found.append(RecoveredIncident(reference, incident.status, incident.updated_at, created))
    return found


def recovery_sentence(found: list[RecoveredIncident]) -> str:
    """What the user is told at sign-in when the app ended abnormally with incidents open."""
    from opal_desktop.domain.timeutil import utc_to_london

    lines = []
    for item in found:
        kind = "new draft" if item.created_in_session else item.status.label.lower()
        when = utc_to_london(item.saved_at).strftime("%H:%M:%S") if item.saved_at else "earlier"
        lines.append(f"•  {item.reference}: {kind}, last saved at {when}")
    one = len(found) == 1
    return "\n".join([
        "Opal Desktop did not close properly last time. Your work was saved as you typed: "
        + ("the incident you had open is open again." if one
           else f"the {len(found)} incidents you had open are open again."),
        "",
        *lines,
        "",
        "Check the end of what you were typing: the last second or two may be missing.",
    ])  # fmt: skip
