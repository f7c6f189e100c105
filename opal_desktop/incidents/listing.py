"""The incident list: filters, sorting, and pages fetched on demand (never every row).

`ordered_ids` returns just the ids in display order (one index scan, cheap even for
100,000 incidents); the list then fetches the few rows on screen with `rows_for_ids`.
That gives an exact row count for the scroll bar and instant jumps to any row.
"""

from __future__ import annotations

import enum
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import text

from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import from_utc_text, london_to_utc, to_utc_text
from opal_desktop.incidents import search
from opal_desktop.vault.vault import Vault


class SortKey(enum.StrEnum):
    OCCURRED = "occurred_start"
    REFERENCE = "reference"
    TYPE = "incident_type"
    LOSS = "loss_pence"
    CRIME_REF = "has_crime_reference"
    STILLS = "stills_count"
    OFFENDERS = "offender_count"
    STATUS = "status"


@dataclass(frozen=True)
class IncidentFilter:
    search: str = ""
    date_from: date | None = None  # UK dates, inclusive
    date_to: date | None = None
    types: tuple[str, ...] = ()
    status: str = ""  # "", "draft", "complete"
    missing_crime_reference: bool = False
    store_codes: tuple[str, ...] = ()
    sort: SortKey = SortKey.OCCURRED
    descending: bool = True


@dataclass(frozen=True)
class IncidentSummary:
    id: int
    reference: str
    store_code: str
    occurred_start: datetime | None
    incident_type: str
    loss_pence: int
    has_crime_reference: bool
    stills_count: int
    offender_count: int
    status: str
    snippet: str = ""
    vrms: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "reference": self.reference,
            "store_code": self.store_code,
            "occurred_start": self.occurred_start.isoformat() if self.occurred_start else None,
            "incident_type": self.incident_type,
            "loss_pence": self.loss_pence,
            "has_crime_reference": self.has_crime_reference,
            "stills_count": self.stills_count,
            "offender_count": self.offender_count,
            "status": self.status,
        }


def _where(vault: Vault, flt: IncidentFilter) -> tuple[str, dict[str, object]]:
    clauses: list[str] = []
    params: dict[str, object] = {}
    stores = flt.store_codes
    if not vault.can(Permission.EDIT_ANY_STORE_INCIDENTS):
        stores = (vault.actor.store_code,)  # officers see their own store only
    if stores:
        names = []
        for i, code in enumerate(stores):
            params[f"store{i}"] = code
            names.append(f":store{i}")
        clauses.append(f"i.store_id IN (SELECT id FROM stores WHERE code IN ({', '.join(names)}))")
    if flt.date_from:
        clauses.append("i.occurred_start >= :date_from")
        params["date_from"] = to_utc_text(
            london_to_utc(datetime.combine(flt.date_from, datetime.min.time()))
        )
    if flt.date_to:
        clauses.append("i.occurred_start < :date_to")
        next_day = datetime.combine(flt.date_to + timedelta(days=1), datetime.min.time())
        params["date_to"] = to_utc_text(london_to_utc(next_day))
    if flt.types:
        names = []
        for i, type_id in enumerate(flt.types):
            params[f"type{i}"] = type_id
            names.append(f":type{i}")
        clauses.append(f"i.incident_type IN ({', '.join(names)})")
    if flt.status:
        clauses.append("i.status = :status")
        params["status"] = flt.status
    if flt.missing_crime_reference:
        clauses.append("i.has_crime_reference = 0")
    if flt.search.strip():
        query = search.build_query(flt.search)
        subquery, search_params = search.matching_ids_sql(query)
        clauses.append(f"i.id IN ({subquery})")
        params.update(search_params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def ordered_ids(vault: Vault, flt: IncidentFilter) -> array[int]:
    where, params = _where(vault, flt)
    direction = "DESC" if flt.descending else "ASC"
    sql = f"SELECT i.id FROM incidents i{where} ORDER BY i.{flt.sort.value} {direction}, i.id {direction}"
    ids: array[int] = array("q")
    with vault.engine.connect() as conn:
        for (incident_id,) in conn.execute(text(sql), params):
            ids.append(incident_id)
    return ids


def rows_for_ids(
    vault: Vault, ids: list[int], flt: IncidentFilter | None = None
) -> list[IncidentSummary]:
    """Summaries for the given ids, in the same order."""
    if not ids:
        return []
    id_list = ",".join(str(int(i)) for i in ids)
    with vault.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT i.id, i.reference, s.code, i.occurred_start, i.incident_type, i.loss_pence, "
                "i.has_crime_reference, i.stills_count, i.offender_count, i.status "
                f"FROM incidents i JOIN stores s ON s.id = i.store_id WHERE i.id IN ({id_list})"
            )
        ).all()
        extracts = (
            search.snippets(conn, search.build_query(flt.search), ids) if flt and flt.search else {}
        )
    by_id = {
        r[0]: IncidentSummary(
            id=r[0],
            reference=r[1],
            store_code=r[2],
            occurred_start=from_utc_text(r[3]) if r[3] else None,
            incident_type=r[4],
            loss_pence=r[5],
            has_crime_reference=bool(r[6]),
            stills_count=r[7],
            offender_count=r[8],
            status=r[9],
            snippet=extracts.get(r[0], ""),
        )
        for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def list_incidents(
    vault: Vault, flt: IncidentFilter = IncidentFilter(), limit: int = 100
) -> list[IncidentSummary]:
    ids = ordered_ids(vault, flt)
    return rows_for_ids(vault, list(ids[:limit]), flt)
