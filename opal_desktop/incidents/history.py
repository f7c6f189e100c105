"""What changed in an incident, in words for the audit trail, and its history."""

from __future__ import annotations

from sqlalchemy import text

from opal_desktop.domain.incident import Incident
from opal_desktop.domain.money import format_pence
from opal_desktop.domain.timeutil import show
from opal_desktop.vault.audit_view import AuditRow
from opal_desktop.vault.vault import Vault

_LABELS = {
    "status": "status",
    "occurred_start": "occurred",
    "occurred_end": "occurred until",
    "location": "location",
    "incident_type": "type",
    "tactics": "tactics",
    "goods": "goods",
    "recovered_pence": "recovered",
    "damage_pence": "damage",
    "police": "police details",
    "violence": "violence details",
    "offender_count": "offender count",
    "offenders": "offender descriptions",
    "vehicles": "vehicles",
    "witnesses": "witnesses",
    "narrative": "narrative",
    "review_date": "review date",
}
_SHORT = 60


def _value(incident: Incident, name: str) -> str:
    value = getattr(incident, name)
    if name in ("occurred_start", "occurred_end"):
        return show(value) or "none"
    if name.endswith("_pence"):
        return format_pence(value)
    if isinstance(value, list):
        return f"{len(value)} item(s)"
    text_value = (
        str(value.value if hasattr(value, "value") else value) if value is not None else "none"
    )
    return text_value if len(text_value) <= _SHORT else text_value[: _SHORT - 1] + "…"


def describe_changes(before: Incident, after: Incident) -> str:
    parts = []
    for name, label in _LABELS.items():
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if name == "police" and old.crime_reference != new.crime_reference:
            parts.append(
                f"crime reference {old.crime_reference or 'none'} → {new.crime_reference or 'none'}"
            )
            if dataclass_without(old, "crime_reference") == dataclass_without(
                new, "crime_reference"
            ):
                continue
        if name in (
            "narrative",
            "witnesses",
            "police",
            "violence",
            "offenders",
            "goods",
            "vehicles",
        ):
            parts.append(f"{label} changed")
        else:
            parts.append(f"{label} {_value(before, name)} → {_value(after, name)}")
    return "; ".join(parts)


def dataclass_without(value: object, field_name: str) -> dict[str, object]:
    return {k: v for k, v in vars(value).items() if k != field_name}


def created_summary(incident: Incident) -> str:
    bits = [
        incident.incident_type or "type not set",
        show(incident.occurred_start) or "time not set",
    ]
    if incident.loss_pence:
        bits.append(f"loss {format_pence(incident.loss_pence)}")
    return f"{incident.reference}: " + ", ".join(bits)


def incident_history(vault: Vault, reference: str) -> list[AuditRow]:
    """The audit entries about one incident, oldest first. Anyone who may open it may see them."""
    from opal_desktop.incidents import refs
    from opal_desktop.incidents.records import get

    incident = get(vault, reference)  # checks the store rule
    assert incident.id is not None
    with vault.engine.connect() as conn:
        key = refs.audit_id(conn, incident.id)  # NG/REF for another organisation's incident
        # entries from before organisation ids name it by reference alone: they are its own
        # only while no other organisation's incident has that reference
        bare = "" if refs.shared(conn, [incident.reference]) else incident.reference
        rows = conn.execute(
            text(
                "SELECT id, at, actor, action, record_type, record_id, summary, hash FROM audit_log "
                "WHERE record_type = 'incident' AND record_id IN (:key, :bare) ORDER BY id"
            ),
            {"key": key, "bare": bare},
        ).all()
    return [AuditRow(*row) for row in rows]
