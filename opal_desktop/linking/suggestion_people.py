"""Subject and vehicle records that may belong on an incident; a subject's side of suggestions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.linking import suggestion_rules as rules
from opal_desktop.linking import suggestion_sources as sources
from opal_desktop.linking.common import visible_subject_clause
from opal_desktop.linking.models import Subject, SubjectDetails, Vehicle
from opal_desktop.linking.suggestion_rules import Suggestion
from opal_desktop.linking.suggestion_sources import Focus
from opal_desktop.linking.vehicles import _visible as visible_vehicle_clause
from opal_desktop.vault.vault import Vault

_LOOKS = ("sex", "age_range", "height", "build", "hair", "clothing", "marks", "name")


def subject_focus(conn: Connection, subject: Subject) -> Focus:
    """A subject as something to suggest for: their description and their vehicles' plates."""
    roles = {
        str(vrm): str(role)
        for vrm, role in conn.execute(
            text(
                "SELECT v.vrm, l.role FROM subject_vehicle_links l JOIN vehicles v ON v.id = l.vehicle_id "
                "WHERE l.subject_id = :s AND l.unlinked_at IS NULL"
            ),
            {"s": subject.id},
        )
    }
    d = subject.details
    person = rules.items(d.height, d.build, d.hair, d.clothing, d.marks)
    return Focus(None, None, None, tuple(roles), [person], subject_roles=roles)


def incidents_of_subject(conn: Connection, subject_id: int) -> set[int]:
    return {
        int(r[0])
        for r in conn.execute(
            text(
                "SELECT incident_id FROM incident_subject_links WHERE subject_id = :s AND unlinked_at IS NULL"
            ),
            {"s": subject_id},
        )
    }


def subjects_for_incident(
    conn: Connection, vault: Vault, focus: Focus, weights: rules.WordWeights
) -> list[Suggestion]:
    """Profiles (not merged, visible to the user, not yet on the incident) that fit its
    offenders' descriptions or drive a vehicle whose plate fits its plates."""
    clause, params = visible_subject_clause(vault)
    rows = conn.execute(
        text(
            f"SELECT s.id, s.reference, {', '.join('s.' + c for c in _LOOKS)} FROM subjects s "
            f"WHERE s.merged_into_id IS NULL AND {clause} AND s.id NOT IN (SELECT subject_id FROM "
            "incident_subject_links WHERE incident_id = :i AND unlinked_at IS NULL)"
        ),
        {**params, "i": focus.incident_id},
    ).all()
    if not rows:
        return []
    vehicles = _subject_vehicles(conn, [int(r[0]) for r in rows])
    described = [item for person in focus.people for item in person]
    found = []
    for row in rows:
        details = SubjectDetails(**{c: str(row[2 + i]) for i, c in enumerate(_LOOKS)})
        hair = f"{details.hair} hair" if details.hair.strip() else ""
        words = rules.person_words(details.height, details.build, hair, details.clothing,
                                   details.marks)  # fmt: skip
        parts = rules.match_description(described, [words], weights)
        for vrm, role in vehicles.get(int(row[0]), []):
            for ours in focus.vrms:
                match = rules.match_plates(ours, vrm)
                if match is not None:
                    parts.append(
                        (match.score, f"{match.reason}, a vehicle linked to them as {role}")
                    )
        score = sum(s for s, _ in parts)
        if score >= rules.MIN_SCORE:
            label = Subject(int(row[0]), str(row[1]), details, None, None, "", "", "").label
            reasons = tuple(r for _, r in sorted(parts, key=lambda p: -p[0]))
            found.append(Suggestion("subject", str(row[1]), label, score, reasons))
    return found


def _subject_vehicles(conn: Connection, subject_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for chunk in rules.chunks(subject_ids, sources.MAX_IN):
        ids = ",".join(str(i) for i in chunk)
        for subject_id, vrm, role in conn.execute(
            text(
                "SELECT l.subject_id, v.vrm, l.role FROM subject_vehicle_links l JOIN vehicles v "
                f"ON v.id = l.vehicle_id WHERE l.unlinked_at IS NULL AND l.subject_id IN ({ids})"
            )
        ):
            found.setdefault(int(subject_id), []).append((str(vrm), str(role)))
    return found


def vehicles_for_incident(conn: Connection, vault: Vault, focus: Focus) -> list[Suggestion]:
    """Vehicle records (visible to the user, not yet on the incident) whose plate fits."""
    hits = sources.plate_hits(conn, focus.vrms, vehicles=True)
    if not hits:
        return []
    clause, params = visible_vehicle_clause(vault)
    ids = ",".join(str(v) for v, _vrm, _m in hits)
    rows: dict[int, Any] = {
        int(r[0]): r
        for r in conn.execute(
            text(
                "SELECT v.id, v.vrm, v.make, v.model, v.colour, v.notes FROM vehicles v "
                f"WHERE v.id IN ({ids}) AND {clause} AND v.id NOT IN (SELECT vehicle_id FROM "
                "incident_vehicle_links WHERE incident_id = :i AND unlinked_at IS NULL)"
            ),
            {**params, "i": focus.incident_id},
        )
    }
    best: dict[int, rules.PlateMatch] = {}
    for vehicle_id, _ours, match in hits:
        if vehicle_id in rows and match.score > (
            best[vehicle_id].score if vehicle_id in best else 0
        ):
            best[vehicle_id] = match
    return [
        Suggestion("vehicle", str(rows[v][1]), Vehicle(*rows[v][:6]).label, m.score, (m.reason,))
        for v, m in best.items()
    ]
