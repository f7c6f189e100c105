"""Naming an incident: its reference, qualified by its organisation when two hold it.

A regional vault can hold two retailers' stores with the same code, so two incidents can both
be LDS01-2026-00001. A bare reference names the one incident that has it; when two
organisations' incidents share it, it is refused with one sentence, and the qualified form
`NG/LDS01-2026-00001` (organisation code, or the start of the organisation id, then a slash)
names one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from opal_desktop.errors import InvalidInput

QUALIFIED = re.compile(r"^([A-Za-z0-9-]{2,36})\s*/\s*(.+)$")


class IncidentNotFound(InvalidInput):
    def __init__(self, reference: str) -> None:
        super().__init__(f"There is no incident {reference} in this vault. Check the reference.")


class AmbiguousReference(InvalidInput):
    def __init__(self, reference: str, found: list[Match]) -> None:
        self.matches = found
        names = ", ".join(f"{m.qualified} ({m.retailer}, {m.store_name})" for m in found)
        super().__init__(
            f"{reference} is the reference of incidents of {len(found)} organisations: say which one, "
            f"as {names}."
        )


@dataclass(frozen=True)
class Match:
    id: int
    reference: str
    store_id: int
    store_code: str
    store_name: str
    organisation_uuid: str
    organisation_code: str
    retailer: str

    @property
    def qualified(self) -> str:
        return f"{self.organisation_code or self.organisation_uuid[:8]}/{self.reference}"


_SELECT = (
    "SELECT i.id, i.reference, s.id, s.code, s.name, o.uuid, o.code, o.name FROM incidents i "
    "JOIN stores s ON s.id = i.store_id JOIN organisations o ON o.id = s.organisation_id "
)


def name_sql(incident_id: str) -> str:
    """SQL for the name of the incident with id `incident_id` (an SQL expression), as `shown`
    gives it: NG/REF when another organisation's incident has REF too."""
    return (
        "(SELECT CASE WHEN EXISTS (SELECT 1 FROM incidents j JOIN stores k ON k.id = j.store_id "
        "WHERE j.reference = n.reference AND k.organisation_id <> ns.organisation_id) "
        "THEN no.code || '/' || n.reference ELSE n.reference END FROM incidents n "
        "JOIN stores ns ON ns.id = n.store_id JOIN organisations no ON no.id = ns.organisation_id "
        f"WHERE n.id = {incident_id})"
    )


def split(typed: str) -> tuple[str, str]:
    """('NG', 'LDS01-2026-00001') from 'ng/lds01-2026-00001'; ('', ref) for a bare one."""
    cleaned = typed.strip()
    found = QUALIFIED.match(cleaned)
    if found:
        return found[1].upper(), found[2].strip().upper()
    return "", cleaned.upper()


def _rows(conn: Connection, where: str, params: dict[str, object]) -> list[Match]:
    rows = conn.execute(text(_SELECT + where + " ORDER BY o.is_home DESC, o.name, i.id"), params)
    return [Match(int(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6]),
                  str(r[7])) for r in rows]  # fmt: skip


def matches(conn: Connection, typed: str) -> list[Match]:
    """Every incident the text could name (several only for a bare, shared reference)."""
    qualifier, reference = split(typed)
    found = _rows(conn, "WHERE i.reference = :r", {"r": reference})
    if qualifier:
        by_code = [m for m in found if m.organisation_code.upper() == qualifier]
        by_id = [m for m in found if len(qualifier) >= 8
                 and m.organisation_uuid.upper().startswith(qualifier)]  # fmt: skip
        found = by_code or by_id
    return found


def resolve(conn: Connection, typed: str) -> Match:
    """The one incident the text names; one sentence if none or several."""
    found = matches(conn, typed)
    if not found:
        raise IncidentNotFound(typed.strip().upper())
    if len(found) > 1:
        qualifier, _ = split(typed)
        if qualifier:  # two organisations share the code too: their ids tell them apart
            found = [
                Match(**{**vars(m), "organisation_code": m.organisation_uuid[:8]}) for m in found
            ]
        raise AmbiguousReference(typed.strip().upper(), found)
    return found[0]


def shared(conn: Connection, references: Iterable[str]) -> set[str]:
    """Which of these references more than one organisation's incidents have (by the index on
    incidents.reference: cheap enough for every page of the list)."""
    names = {f"r{n}": r for n, r in enumerate(sorted(set(references)))}
    if not names:
        return set()
    placeholders = ", ".join(f":{k}" for k in names)
    return {str(r[0]) for r in conn.execute(text(
        "SELECT i.reference FROM incidents i JOIN stores s ON s.id = i.store_id "
        f"WHERE i.reference IN ({placeholders}) GROUP BY i.reference "
        "HAVING count(DISTINCT s.organisation_id) > 1"), names)}  # fmt: skip


def shown(conn: Connection, incident_ids: Iterable[int]) -> dict[int, str]:
    """How to name each incident to a person (and to `resolve`): its reference, or NG/REF
    when another organisation's incident has the same reference."""
    ids = list(incident_ids)
    if not ids:
        return {}
    names = {f"i{n}": i for n, i in enumerate(ids)}
    rows = _rows(conn, f"WHERE i.id IN ({', '.join(f':{k}' for k in names)})", dict(names))
    both = shared(conn, (m.reference for m in rows))
    return {m.id: m.qualified if m.reference in both else m.reference for m in rows}


def audit_id(conn: Connection, incident_id: int) -> str:
    """The audit trail's record id for an incident: its reference, qualified (NG/REF) when
    its store is another organisation's, so two organisations' LDS01-2026-00001 keep
    separate histories."""
    row = conn.execute(text(
        "SELECT i.reference, o.code, o.uuid, o.is_home FROM incidents i JOIN stores s ON s.id = i.store_id "
        "JOIN organisations o ON o.id = s.organisation_id WHERE i.id = :id"), {"id": incident_id}).one()  # fmt: skip
    return str(row[0]) if row[3] else f"{row[1] or str(row[2])[:8]}/{row[0]}"
