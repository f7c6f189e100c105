"""Adding many incidents at once (CSV import, demo data) in one transaction, fast.

Rows are built in Python, then written with DB-API executemany rather than the ORM's unit
of work (~12x cheaper per row here). Each incident gets its own `incident_created` audit
entry, chained in one batch. All or nothing: if anything fails, nothing is added.
"""

from __future__ import annotations

import contextlib
import uuid as uuidlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from opal_desktop.domain.incident import Incident
from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import add_months, to_utc_text, utc_now, utc_to_london
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.incidents.mapping import identifiers_document, words_document
from opal_desktop.vault import audit
from opal_desktop.vault.vault import Vault

BULK_CACHE_KIB = -256 * 1024  # negative: KiB, i.e. 256 MiB for the length of one import

Progress = Callable[[int, int], bool]  # (done, total) -> keep going?
Rows = dict[str, list[tuple[Any, ...]]]  # table -> rows, in TABLES' column order


class Cancelled(InvalidInput):
    def __init__(self) -> None:
        super().__init__("The import was cancelled. Nothing was added.")


@dataclass(frozen=True)
class BulkResult:
    count: int
    first_reference: str
    last_reference: str


TABLES: dict[str, tuple[str, ...]] = {
    "incidents": (
        "id", "uuid", "reference", "store_id", "status", "occurred_start", "occurred_end", "reported_at",
        "location", "incident_type", "stolen_pence", "recovered_pence", "damage_pence", "loss_pence", "force_id",
        "crime_reference", "has_crime_reference", "police_incident_number", "reported_to_police_on",
        "police_officer_name", "police_collar_number", "police_attended", "threats", "weapon_type", "injuries",
        "staff_involved", "offender_count", "witnesses", "narrative", "review_date", "stills_count", "version",
        "created_by", "created_at", "updated_by", "updated_at",
    ),
    "incident_goods": ("incident_id", "position", "description", "sku", "quantity", "unit_pence"),
    "incident_offenders": (
        "incident_id", "position", "sex", "age_range", "height", "build", "hair", "clothing", "marks", "ic_code",
    ),
    "incident_vehicles": ("incident_id", "position", "vrm", "make", "model", "colour", "direction"),
    "incident_tactics": ("incident_id", "tactic"),
    "incident_words": ("rowid", "reference", "narrative", "goods", "offenders", "vehicles", "police", "location"),
    "incident_identifiers": ("rowid", "identifiers"),
}  # fmt: skip


def write_rows(dbapi: Any, rows: Rows) -> None:
    """The database half of an import: plain executemany, table by table."""
    for table, columns in TABLES.items():
        if rows.get(table):
            placeholders = ", ".join("?" * len(columns))
            dbapi.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows[table]
            )


@dataclass
class _Allocator:
    """Ids and STORE-YYYY-NNNNN references, continuing from what the vault already holds."""

    next_id: int
    counters: dict[tuple[int, int], int]

    def reference(self, store_code: str, store_id: int, year: int) -> str:
        number = self.counters.get((store_id, year), 0) + 1
        if number > 99_999:
            raise InvalidInput(f"Store {store_code} has used every incident number for {year}.")
        self.counters[(store_id, year)] = number
        return f"{store_code}-{year}-{number:05d}"


@dataclass(frozen=True)
class _Stamp:
    who: str
    now: str
    retention_months: int
    keep_ic_codes: bool


def _t(moment: datetime | None) -> str | None:
    return to_utc_text(moment) if moment is not None else None


def _add_rows(
    rows: Rows, incident: Incident, incident_id: int, reference: str, store_id: int, stamp: _Stamp
) -> None:
    anchor = incident.occurred_start or incident.reported_at or utc_now()
    review = add_months(utc_to_london(anchor).date(), stamp.retention_months)
    police, violence = incident.police, incident.violence
    rows["incidents"].append((
        incident_id, str(uuidlib.uuid4()), reference, store_id, incident.status.value,
        _t(incident.occurred_start), _t(incident.occurred_end), _t(incident.reported_at),
        incident.location.strip(), incident.incident_type, incident.stolen_pence, incident.recovered_pence,
        incident.damage_pence, incident.loss_pence, police.force_id, police.crime_reference.strip(),
        incident.has_crime_reference, police.incident_number.strip(),
        police.reported_on.isoformat() if police.reported_on else None, police.officer_name, police.collar_number,
        police.attended, violence.threats, violence.weapon_type, violence.injuries, violence.staff_involved,
        incident.offender_count, incident.witnesses, incident.narrative.strip(), review.isoformat(), 0, 1,
        stamp.who, stamp.now, stamp.who, stamp.now,
    ))  # fmt: skip
    rows["incident_goods"] += [
        (incident_id, i, g.description, g.sku, g.quantity, g.unit_pence)
        for i, g in enumerate(incident.goods)
    ]
    rows["incident_offenders"] += [
        (incident_id, i, o.sex, o.age_range, o.height, o.build, o.hair, o.clothing, o.marks,
         o.ic_code if stamp.keep_ic_codes else "")
        for i, o in enumerate(incident.offenders)
    ]  # fmt: skip
    rows["incident_vehicles"] += [
        (incident_id, i, v.vrm, v.make, v.model, v.colour, v.direction)
        for i, v in enumerate(incident.vehicles)
    ]
    rows["incident_tactics"] += [(incident_id, t) for t in sorted(set(incident.tactics))]
    rows["incident_words"].append((incident_id, *words_document(incident, reference).values()))
    rows["incident_identifiers"].append((incident_id, identifiers_document(incident, reference)))


def _check_stores(vault: Vault, incidents: Sequence[Incident]) -> dict[str, int]:
    stores = _store_ids(vault)
    any_store = vault.can(Permission.EDIT_ANY_STORE_INCIDENTS)
    for code in {incident.store_code for incident in incidents}:
        if code not in stores:
            raise InvalidInput(f"There is no store with code {code} in this vault.")
        if code != vault.actor.store_code and not any_store:
            raise PermissionDenied(f"add incidents for store {code}", vault.actor.role.label)
    return stores


def add_incidents(
    vault: Vault,
    incidents: Sequence[Incident],
    *,
    source: str,
    progress: Progress | None = None,
    batch: int = 2000,
) -> BulkResult:
    """Add new incidents (their ids and references are allocated here), all or none."""
    if not incidents:
        raise InvalidInput("There is nothing to add.")
    stores = _check_stores(vault, incidents)
    settings = vault.settings()
    months = settings.get("retention_months", 24)
    stamp = _Stamp(
        who=vault.actor.username,
        now=to_utc_text(utc_now()),
        retention_months=months if isinstance(months, int) else 24,
        keep_ic_codes=bool(settings.get("show_ethnic_appearance")),
    )
    references: list[str] = []
    with vault.transaction() as conn, _large_page_cache(conn):
        dbapi = conn.connection.driver_connection
        allocate = _Allocator(
            next_id=int(
                conn.execute(text("SELECT coalesce(max(id), 0) FROM incidents")).scalar_one()
            )
            + 1,
            counters=_counters(conn),
        )
        for start in range(0, len(incidents), batch):
            rows: Rows = {table: [] for table in TABLES}
            for incident in incidents[start : start + batch]:
                store_id = stores[incident.store_code]
                anchor = incident.occurred_start or incident.reported_at or utc_now()
                reference = allocate.reference(
                    incident.store_code, store_id, utc_to_london(anchor).year
                )
                _add_rows(rows, incident, allocate.next_id, reference, store_id, stamp)
                allocate.next_id += 1
                references.append(reference)
            write_rows(dbapi, rows)
            if progress is not None and not progress(
                min(start + batch, len(incidents)), len(incidents)
            ):
                raise Cancelled()
        _save_counters(conn, allocate.counters)
        # One entry per incident, so each incident's history starts with where it came from,
        # and one for the import as a whole.
        audit.append_many(
            conn,
            vault.seal_key,
            stamp.who,
            [audit.PendingEntry("incident_created", "incident", ref, f"{ref}: imported from {source}")
             for ref in references],
        )  # fmt: skip
        vault.audit(conn, "incidents_imported", "incident", f"{references[0]}..{references[-1]}",
                    f"{len(references)} incidents added from {source}")  # fmt: skip
    return BulkResult(len(references), references[0], references[-1])


@contextlib.contextmanager
def _large_page_cache(conn: Connection) -> Iterator[None]:
    """Every insert touches ~12 index B-trees; with SQLCipher's small default page cache each
    page is decrypted and re-encrypted again and again (100k incidents: 72 s instead of 21 s)."""
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


def _store_ids(vault: Vault) -> dict[str, int]:
    with vault.engine.connect() as conn:
        return {
            str(code): int(sid)
            for sid, code in conn.execute(text(  # own stores only: codes repeat across retailers
                "SELECT s.id, s.code FROM stores s JOIN organisations o "
                "ON o.id = s.organisation_id WHERE o.is_home"))
        }  # fmt: skip


def _counters(conn: Connection) -> dict[tuple[int, int], int]:
    rows = conn.execute(text("SELECT store_id, year, last_number FROM reference_counters"))
    return {(int(s), int(y)): int(n) for s, y, n in rows}


def _save_counters(conn: Connection, counters: dict[tuple[int, int], int]) -> None:
    for (store_id, year), last in counters.items():
        conn.execute(
            text(
                "INSERT INTO reference_counters(store_id, year, last_number) VALUES (:s, :y, :n) "
                "ON CONFLICT(store_id, year) DO UPDATE SET last_number = :n"
            ),
            {"s": store_id, "y": year, "n": last},
        )
