"""Where link suggestions come from: bounded, indexed look-ups (FTS5, never LIKE).

Every query here either seeks an index (plates, ids, a store's incidents in a time window)
or reads a bounded number of rows from the full-text index, so the cost does not grow with
the size of the vault.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from opal_desktop.linking import suggestion_rules as rules
from opal_desktop.linking.suggestion_rules import Item, PlateMatch, WordWeights

Row = tuple[Any, ...]
MAX_IN = 500  # ids per IN (...) list


@dataclass
class Focus:
    """What we suggest links for: an incident, or a subject (no time, tactics or goods)."""

    incident_id: int | None
    store_id: int | None
    occurred: str | None  # ISO UTC, as stored
    vrms: tuple[str, ...]
    people: list[list[Item]]
    tactics: tuple[str, ...] = ()
    goods: tuple[tuple[str, str], ...] = ()  # (sku, description)
    subject_roles: dict[str, str] = field(default_factory=dict)  # vrm -> role, for a subject


def _all(conn: Connection, sql: str, params: Any = ()) -> list[Row]:
    """Rows as plain tuples, straight from the DB-API cursor: some of these read a few thousand
    small rows, where building Row objects would dominate. Callers make their first query through
    SQLAlchemy (the store rule check), which begins the transaction all later reads share."""
    cursor = conn.connection.driver_connection.execute(sql, params)  # type: ignore[union-attr]
    rows: list[Row] = cursor.fetchall()
    return rows


def _ids(values: list[int] | set[int]) -> str:
    return ",".join(str(int(v)) for v in values) or "0"


def incident_focus(conn: Connection, incident_id: int) -> Focus:
    store_id, occurred = _all(
        conn, "SELECT store_id, occurred_start FROM incidents WHERE id = ?", (incident_id,)
    )[0]
    people = [
        rules.items(*r)
        for r in _all(
            conn,
            "SELECT height, build, hair, clothing, marks FROM incident_offenders "
            "WHERE incident_id = ? ORDER BY position",
            (incident_id,),
        )
    ]
    vrms = _all(conn, "SELECT vrm FROM incident_vehicles WHERE incident_id = ?", (incident_id,))
    tactics = _all(
        conn, "SELECT tactic FROM incident_tactics WHERE incident_id = ?", (incident_id,)
    )
    goods = _all(
        conn,
        "SELECT sku, description FROM incident_goods WHERE incident_id = ? ORDER BY position",
        (incident_id,),
    )
    return Focus(
        incident_id,
        int(store_id),
        occurred,
        tuple(dict.fromkeys(str(v) for (v,) in vrms if v)),
        people,
        tuple(str(t) for (t,) in tactics),
        tuple((str(s), str(d)) for s, d in goods),
    )


def incident_count(conn: Connection) -> int:
    return int(_all(conn, "SELECT coalesce(max(id), 0) FROM incidents")[0][0])


def stores(conn: Connection) -> dict[int, tuple[str, str, str]]:
    """id -> (code, name, force id)."""
    return {
        int(r[0]): (str(r[1]), str(r[2]), str(r[3]))
        for r in _all(conn, "SELECT id, code, name, force_id FROM stores")
    }


# --- plates --------------------------------------------------------------------------------


def _plate_rows(conn: Connection, table: str, key: str, vrm: str) -> list[Row]:
    if "?" in vrm:
        if not rules.usable(vrm):
            return []
        return _all(conn, f"SELECT {key}, vrm FROM {table} WHERE vrm GLOB ?", (vrm,))
    forms = [vrm, *rules.partial_forms(vrm)]
    marks = ",".join("?" * len(forms))
    return _all(conn, f"SELECT {key}, vrm FROM {table} WHERE vrm IN ({marks})", tuple(forms))


def plate_hits(
    conn: Connection, vrms: tuple[str, ...], vehicles: bool = False
) -> list[tuple[int, str, PlateMatch]]:
    """(id, our plate, match) for incidents recording a plate that matches one of ours, or with
    vehicles=True for vehicle records."""
    table, key = ("vehicles", "id") if vehicles else ("incident_vehicles", "incident_id")
    found = []
    for vrm in vrms:
        for row_id, other in _plate_rows(conn, table, key, vrm):
            match = rules.match_plates(vrm, str(other))
            if match is not None:
                found.append((int(row_id), vrm, match))
    return found


# --- descriptions --------------------------------------------------------------------------


def word_postings(
    conn: Connection, words: list[str], common_at: int, distinctive_at: int
) -> tuple[WordWeights, dict[str, list[int]]]:
    """How many incidents' offender descriptions use each word, reading at most `common_at`
    rows per word; the incidents using each uncommon word."""
    counts: dict[str, int] = {}
    postings: dict[str, list[int]] = {}
    for word in words:
        ((count, joined),) = _all(
            conn,
            "SELECT count(*), group_concat(rowid) FROM (SELECT rowid FROM incident_words "
            "WHERE incident_words MATCH ? LIMIT ?)",
            (f'offenders : "{word}"', common_at),
        )
        if count < common_at:
            counts[word] = int(count)
            postings[word] = [int(v) for v in str(joined).split(",")] if joined else []
    return WordWeights(counts, common_at, distinctive_at), postings


def people_of(conn: Connection, incident_ids: list[int]) -> dict[int, list[tuple[str, ...]]]:
    """Each incident's offenders, as the words of each description."""
    found: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for chunk in rules.chunks(incident_ids, MAX_IN):
        for incident_id, height, build, hair, clothing, marks in _all(
            conn,
            "SELECT incident_id, height, build, hair, clothing, marks FROM incident_offenders "
            f"WHERE incident_id IN ({_ids(chunk)})",
        ):
            hair_text = f"{hair} hair" if str(hair).strip() else ""
            found[int(incident_id)].append(
                rules.person_words(height, build, hair_text, clothing, marks)
            )
    return found


# --- the time window and area --------------------------------------------------------------


def window_ids(conn: Connection, store_ids: set[int], low: str, high: str) -> dict[int, int]:
    """id -> store id of the incidents of these stores between low and high (index walks)."""
    found: dict[int, int] = {}
    for store_id in sorted(store_ids):
        (joined,) = _all(
            conn,
            "SELECT group_concat(id) FROM incidents WHERE store_id = ? "
            "AND occurred_start BETWEEN ? AND ?",
            (store_id, low, high),
        )[0]
        found.update((int(v), store_id) for v in str(joined or "").split(",") if v)
    return found


def window_tactics(
    conn: Connection, store_ids: set[int], low: str, high: str, tactics: tuple[str, ...]
) -> dict[int, frozenset[str]]:
    """Which of these tactics each incident of these stores between low and high used."""
    marks = ",".join("?" * len(tactics))
    rows = _all(
        conn,
        "SELECT t.incident_id, group_concat(t.tactic, ' ') FROM incidents i JOIN incident_tactics t "
        f"ON t.incident_id = i.id WHERE i.store_id IN ({_ids(store_ids)}) AND i.occurred_start "
        f"BETWEEN ? AND ? AND t.tactic IN ({marks}) GROUP BY t.incident_id",
        (low, high, *tactics),
    )
    sets: dict[str, frozenset[str]] = {}
    for _incident_id, joined in rows:
        if joined not in sets:
            sets[joined] = frozenset(str(joined).split(" "))
    return {int(incident_id): sets[joined] for incident_id, joined in rows}


def goods_postings(
    conn: Connection, goods: tuple[tuple[str, str], ...], low_id: int, high_id: int
) -> dict[str, list[int]]:
    """Incidents (ids in low_id..high_id) naming the same product: its SKU, else its description."""
    found: dict[str, list[int]] = {}
    for sku, description in goods:
        terms = rules.words(sku) if sku.strip() else rules.words(description)
        if not terms:
            continue
        shown = f"{description} ({sku})" if sku.strip() else description
        rows = _all(
            conn,
            "SELECT rowid FROM incident_words WHERE incident_words MATCH ? AND rowid BETWEEN ? AND ?",
            (f'goods : "{" ".join(terms)}"', low_id, high_id),
        )
        found[shown] = [int(r[0]) for r in rows]
    return found


# --- what is already linked, and the rows shown ----------------------------------------------


def linked_to_incident(conn: Connection, incident_id: int) -> set[int]:
    """Incidents sharing an active subject or vehicle link with this one, or a series."""
    rows = _all(
        conn,
        "SELECT b.incident_id FROM incident_subject_links a JOIN incident_subject_links b "
        "ON b.subject_id = a.subject_id WHERE a.incident_id = :i AND a.unlinked_at IS NULL "
        "AND b.unlinked_at IS NULL UNION "
        "SELECT b.incident_id FROM incident_vehicle_links a JOIN incident_vehicle_links b "
        "ON b.vehicle_id = a.vehicle_id WHERE a.incident_id = :i AND a.unlinked_at IS NULL "
        "AND b.unlinked_at IS NULL UNION "
        "SELECT b.incident_id FROM series_incidents a JOIN series_incidents b "
        "ON b.series_id = a.series_id WHERE a.incident_id = :i",
        {"i": incident_id},
    )
    return {int(r[0]) for r in rows} | {incident_id}


def series_stores(conn: Connection, incident_id: int) -> set[int]:
    """Stores of every incident in the series this incident belongs to."""
    rows = _all(
        conn,
        "SELECT DISTINCT i.store_id FROM series_incidents a JOIN series_incidents b "
        "ON b.series_id = a.series_id JOIN incidents i ON i.id = b.incident_id WHERE a.incident_id = ?",
        (incident_id,),
    )
    return {int(r[0]) for r in rows}


def incident_rows(conn: Connection, incident_ids: list[int]) -> dict[int, Row]:
    """id -> (reference, store id, occurred start, loss in pence)."""
    found: dict[int, Row] = {}
    for chunk in rules.chunks(incident_ids, MAX_IN):
        for row in _all(
            conn,
            "SELECT id, reference, store_id, occurred_start, loss_pence FROM incidents "
            f"WHERE id IN ({_ids(chunk)})",
        ):
            found[int(row[0])] = row[1:]
    return found
