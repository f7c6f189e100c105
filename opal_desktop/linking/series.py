"""Series: a named set of incidents, subjects and vehicles thought to be one organised group.

Managers build series (they span stores); the summary answers who, what, where and how
much at a glance, and the timeline lists the incidents in order.
"""

from __future__ import annotations

import uuid as uuidlib
from collections import Counter
from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents import refs
from opal_desktop.linking.common import next_reference, now
from opal_desktop.linking.models import SeriesSummary
from opal_desktop.vault.vault import Vault

_MEMBERS = {
    "incident": ("series_incidents", "incident_id", "incidents", "reference"),
    "subject": ("series_subjects", "subject_id", "subjects", "reference"),
    "vehicle": ("series_vehicles", "vehicle_id", "vehicles", "vrm"),
}


def _series_id(conn: Connection, reference: str) -> tuple[int, str]:
    row = conn.execute(
        text("SELECT id, name FROM series WHERE reference = :r"), {"r": reference.strip().upper()}
    ).first()
    if row is None:
        raise InvalidInput(f"There is no series {reference.strip().upper()} in this vault.")
    return int(row[0]), str(row[1])


def create_series(vault: Vault, name: str, description: str = "") -> str:
    vault.require(Permission.LINK_INCIDENTS)
    if not name.strip():
        raise InvalidInput(
            "Give the series a name people will recognise, for example 'Grey Audi spirits team'."
        )
    with vault.transaction() as conn:
        reference = next_reference(conn, "SER")
        conn.execute(
            text("INSERT INTO series(uuid, reference, name, description, created_by, created_at, updated_by, "
                 "updated_at) VALUES (:u, :r, :n, :d, :me, :now, :me, :now)"),
            {"u": str(uuidlib.uuid4()), "r": reference, "n": name.strip(), "d": description.strip(),
             "me": vault.actor.username, "now": now()},
        )  # fmt: skip
        vault.audit(conn, "series_created", "series", reference, name.strip())
    return reference


def add_members(vault: Vault, reference: str, kind: str, keys: list[str], reason: str = "") -> int:
    """Add incidents (references), subjects (references) or vehicles (VRMs); returns how many were new.

    `reason` (why they belong to the series) is kept in the audit trail with each addition."""
    vault.require(Permission.LINK_INCIDENTS)
    table, column, parent, key = _MEMBERS[kind]
    added = 0
    with vault.transaction() as conn:
        series_id, _name = _series_id(conn, reference)
        for raw in keys:
            value = (
                raw.strip().upper().replace(" ", "") if kind == "vehicle" else raw.strip().upper()
            )
            row = (  # an incident by reference, NG/REF where two organisations have REF
                (refs.resolve(conn, value).id,) if kind == "incident"
                else conn.execute(text(f"SELECT id FROM {parent} WHERE {key} = :k"), {"k": value}).first()
            )  # fmt: skip
            if row is None:
                raise InvalidInput(f"There is no {kind} {value} in this vault.")
            result = conn.execute(
                text(
                    f"INSERT OR IGNORE INTO {table}(series_id, {column}, added_by, added_at) VALUES (:s, :m, :me, :now)"
                ),
                {"s": series_id, "m": int(row[0]), "me": vault.actor.username, "now": now()},
            )
            if result.rowcount:
                added += 1
                why = f": {reason.strip()}" if reason.strip() else ""
                vault.audit(
                    conn, "series_member_added", "series", reference.upper(), f"{kind} {value}{why}"
                )
    return added


def remove_member(vault: Vault, reference: str, kind: str, key: str, reason: str) -> None:
    vault.require(Permission.LINK_INCIDENTS)
    if not reason.strip():
        raise InvalidInput("Say why it is being taken out of the series.")
    table, column, parent, key_column = _MEMBERS[kind]
    with vault.transaction() as conn:
        series_id, _name = _series_id(conn, reference)
        if kind == "incident":  # by reference, NG/REF where two organisations have REF
            result = conn.execute(text(f"DELETE FROM {table} WHERE series_id = :s AND {column} = :m"),
                                  {"s": series_id, "m": refs.resolve(conn, key).id})  # fmt: skip
        else:
            result = conn.execute(
                text(
                    f"DELETE FROM {table} WHERE series_id = :s AND {column} = (SELECT id FROM {parent} WHERE {key_column} = :k)"
                ),
                {"s": series_id, "k": key.strip().upper()},
            )
        if not result.rowcount:
            raise InvalidInput(f"{key.strip().upper()} is not in series {reference.upper()}.")
        vault.audit(
            conn,
            "series_member_removed",
            "series",
            reference.upper(),
            f"{kind} {key.strip().upper()}: {reason}",
        )


def list_series(vault: Vault) -> list[tuple[str, str, int]]:
    """(reference, name, incident count) for every series."""
    vault.require(Permission.LINK_INCIDENTS)
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT s.reference, s.name, (SELECT count(*) FROM series_incidents m WHERE m.series_id = s.id) "
            "FROM series s ORDER BY s.id"))  # fmt: skip
        return [(r[0], r[1], int(r[2])) for r in rows]


def summary(vault: Vault, reference: str) -> SeriesSummary:
    vault.require(Permission.LINK_INCIDENTS)
    with vault.engine.connect() as conn:
        series_id, name = _series_id(conn, reference)
        description = conn.execute(
            text("SELECT description FROM series WHERE id = :s"), {"s": series_id}
        ).scalar_one()
        incidents = conn.execute(
            text("SELECT i.id, i.reference, i.occurred_start, i.loss_pence, st.code, i.force_id, i.crime_reference "
                 "FROM series_incidents m JOIN incidents i ON i.id = m.incident_id JOIN stores st ON st.id = i.store_id "
                 "WHERE m.series_id = :s ORDER BY i.occurred_start, i.id"),
            {"s": series_id},
        ).all()  # fmt: skip
        subjects = _members(conn, series_id, "subject")
        vrms = _members(conn, series_id, "vehicle")
        names = refs.shown(conn, [int(r[0]) for r in incidents])  # NG/REF where REF is shared
        ids = ",".join(str(int(r[0])) for r in incidents) or "0"
        tactics = Counter(
            t
            for (t,) in conn.execute(
                text(f"SELECT tactic FROM incident_tactics WHERE incident_id IN ({ids})")
            )
        )
    times = [r[2] for r in incidents if r[2]]
    return SeriesSummary(
        reference=reference.strip().upper(),
        name=name,
        description=str(description),
        incident_references=tuple(names[int(r[0])] for r in incidents),
        subject_references=tuple(subjects),
        vrms=tuple(vrms),
        first=min(times) if times else None,
        last=max(times) if times else None,
        total_loss_pence=sum(int(r[3]) for r in incidents),
        store_codes=tuple(sorted({r[4] for r in incidents})),
        force_ids=tuple(sorted({r[5] for r in incidents if r[5]})),
        tactics=tuple(tactics.most_common()),
        missing_crime_references=tuple(
            names[int(r[0])] for r in incidents if not (r[6] or "").strip()
        ),
    )


def _members(conn: Connection, series_id: int, kind: str) -> list[str]:
    table, column, parent, key = _MEMBERS[kind]
    rows = conn.execute(
        text(
            f"SELECT p.{key} FROM {table} m JOIN {parent} p ON p.id = m.{column} WHERE m.series_id = :s ORDER BY p.{key}"
        ),
        {"s": series_id},
    )
    return [str(r[0]) for r in rows]


def timeline(vault: Vault, reference: str) -> list[dict[str, Any]]:
    """The series' incidents in order: when, where, what, how much, who and which vehicle."""
    from opal_desktop.incidents.listing import rows_for_ids

    vault.require(Permission.LINK_INCIDENTS)
    with vault.engine.connect() as conn:
        series_id, _name = _series_id(conn, reference)
        ids = [int(r[0]) for r in conn.execute(
            text("SELECT i.id FROM series_incidents m JOIN incidents i ON i.id = m.incident_id WHERE m.series_id = :s "
                 "ORDER BY i.occurred_start, i.id"), {"s": series_id})]  # fmt: skip
        people = _per_incident(
            conn,
            ids,
            "SELECT l.incident_id, s.reference FROM incident_subject_links l JOIN subjects s "
            "ON s.id = l.subject_id WHERE l.unlinked_at IS NULL AND l.incident_id IN ({ids})",
        )
        cars = _per_incident(
            conn,
            ids,
            "SELECT l.incident_id, v.vrm FROM incident_vehicle_links l JOIN vehicles v "
            "ON v.id = l.vehicle_id WHERE l.unlinked_at IS NULL AND l.incident_id IN ({ids})",
        )
    return [
        {"reference": s.name or s.reference, "store_code": s.store_code, "retailer": s.retailer,
         "occurred_start": s.occurred_start,
         "incident_type": s.incident_type, "loss_pence": s.loss_pence, "has_crime_reference": s.has_crime_reference,
         "subjects": people.get(s.id, []), "vrms": cars.get(s.id, [])}
        for s in rows_for_ids(vault, ids)
    ]  # fmt: skip


def _per_incident(conn: Connection, ids: list[int], sql: str) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if ids:
        for incident_id, value in conn.execute(text(sql.format(ids=",".join(map(str, ids))))):
            found.setdefault(int(incident_id), []).append(str(value))
    return found
