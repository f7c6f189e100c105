"""Every SQL statement of the dashboard: the figures (aggregates in the database, one pass
each) and, for a click on a figure, the incident list filter that lists what it counts.

All counting goes through the incident list's own WHERE clause (`listing.where_clause`):
the same store rule, the same UK-date period, so a figure and its list cannot disagree.
Times of day are UK local (ukclock.py); money is in pence.
"""

from __future__ import annotations

import contextlib
import statistics
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from opal_desktop.dashboard.figures import (
    Drill,
    Figures,
    Ranked,
    Readiness,
    Repeat,
    SeriesReadiness,
    Waiting,
    Week,
)
from opal_desktop.dashboard.scope import Period, Scope
from opal_desktop.dashboard.ukclock import local_sql
from opal_desktop.domain import catalogue
from opal_desktop.domain.reference import police_forces
from opal_desktop.domain.roles import Permission
from opal_desktop.domain.timeutil import from_utc_text, utc_to_london
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents.listing import IncidentFilter, where_clause
from opal_desktop.vault.vault import Vault

TOP = 8
WAITING_SHOWN = 5
REPEAT_SHOWN = 10
# An edit that gave an incident its first crime reference says so in the audit trail
# (incidents/history.py): "crime reference none → 13260012345".
_ADDED_REFERENCE = "%crime reference none → %"


def _rows(conn: Connection, sql: str, params: dict[str, object]) -> list[Any]:
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    return list(dbapi.execute(sql, params).fetchall())


def _and(where: str, extra: str) -> str:
    return f"{where} AND {extra}" if where else f" WHERE {extra}"


class _Query:
    """The scope's WHERE clause and UK-time expressions, for one connection."""

    def __init__(self, vault: Vault, conn: Connection, scope: Scope, period: Period | None) -> None:
        self.vault, self.conn, self.scope = vault, conn, scope
        self.where, self.params = where_clause(vault, scope.incident_filter(period))
        years = _years(conn, period)
        self.local = local_sql("i.occurred_start", years[0], years[1])
        self.src = "incidents i"

    @contextlib.contextmanager
    def materialised(self, name: str) -> Iterator[_Query]:
        """The figures' view of the scope: its incidents' few columns (and UK local time)
        copied once into a temporary table (in memory: SQLCipher is built with TEMP_STORE=2,
        which a test checks), so the
        aggregates read a small table instead of every incident's whole row again and
        again (at 100k incidents, all time: ~4 s -> ~1 s)."""
        columns = ("i.id, i.reference, i.store_id, i.incident_type, i.loss_pence, i.has_crime_reference, "
                   "i.reported_to_police_on, i.occurred_start, i.force_id")  # fmt: skip
        _rows(self.conn, f"DROP TABLE IF EXISTS temp.{name}", {})
        _rows(
            self.conn,
            f"CREATE TEMP TABLE {name} AS SELECT {columns}, {self.local} AS local FROM incidents i{self.where}",
            self.params,
        )
        saved = self.src, self.where, self.params, self.local
        self.src, self.where, self.params, self.local = f"temp.{name} AS i", "", {}, "i.local"
        try:
            yield self
        finally:
            self.src, self.where, self.params, self.local = saved
            _rows(self.conn, f"DROP TABLE IF EXISTS temp.{name}", {})

    def rows(self, sql: str, extra: dict[str, object] | None = None) -> list[Any]:
        return _rows(self.conn, sql, {**self.params, **(extra or {})})

    def ids(self, extra_where: str, extra: dict[str, object] | None = None) -> tuple[int, ...]:
        sql = f"SELECT i.id FROM incidents i{_and(self.where, extra_where)}"
        return tuple(int(r[0]) for r in self.rows(sql, extra))


def _years(conn: Connection, period: Period | None) -> tuple[int, int]:
    if period is not None:
        return period.start.year - 1, period.end.year + 1
    found = _rows(conn, "SELECT min(occurred_start), max(occurred_start) FROM incidents", {})
    low, high = found[0] if found else (None, None)
    today = date.today().year
    return (int(low[:4]) - 1 if low else today - 1), (int(high[:4]) + 1 if high else today + 1)


# --- the figures -------------------------------------------------------------------------


def compute(vault: Vault, scope: Scope, today: date) -> Figures:
    """Every figure for the scope. `today` (UK) dates the waiting times."""
    with (
        vault.engine.connect() as conn,
        _Query(vault, conn, scope, scope.period).materialised("dash_scope") as q,
    ):
        total, loss = q.rows(
            f"SELECT count(*), coalesce(sum(i.loss_pence), 0) FROM {q.src}{q.where}"
        )[0]
        weeks = _weeks(vault, conn, scope, q)
        figures = Figures(
            scope=scope,
            made_on=today,
            incidents=int(total),
            loss_pence=int(loss),
            weeks=weeks,
            heat=_heat(q),
            types=_types(q),
            tactics=_tactics(vault, q),
            goods=_goods(q),
            subjects=_repeat_subjects(q),
            vehicles=_repeat_vehicles(q),
            readiness=_readiness(vault, q, today),
            notes=(
                "Times of day are UK local time (GMT/BST).",
                "Days to a crime reference count only references added after the incident was "
                "logged (the audit trail dates them); those logged with one are not counted.",
                "Goods are ranked by the value taken (quantity × unit price).",
            ),
        )
    return figures


def _weeks(vault: Vault, conn: Connection, scope: Scope, q: _Query) -> tuple[Week, ...]:
    period = scope.period
    if period is None:
        span = q.rows(f"SELECT min(date({q.local})), max(date({q.local})) FROM {q.src}{q.where}")
        if not span or span[0][0] is None:
            return ()
        period = Period(date.fromisoformat(span[0][0]), date.fromisoformat(span[0][1]), "all time")
    this_year = _week_buckets(q, period.start)
    last_year: dict[int, tuple[int, int]] | None = None
    if scope.period is not None:
        before = period.year_before()
        with _Query(vault, conn, scope, before).materialised("dash_year_before") as earlier:
            last_year = _week_buckets(earlier, before.start)
    weeks = []
    for k in range((period.days + 6) // 7):
        start = period.start + timedelta(days=7 * k)
        end = min(start + timedelta(days=6), period.end)
        count, pence = this_year.get(k, (0, 0))
        before_count, before_pence = (last_year or {}).get(k, (0, 0))
        weeks.append(Week(start, end, count, pence,
                          before_count if last_year is not None else None,
                          before_pence if last_year is not None else None))  # fmt: skip
    return tuple(weeks)


def _week_buckets(q: _Query, start: date) -> dict[int, tuple[int, int]]:
    sql = (
        f"SELECT CAST((julianday(date({q.local})) - julianday(:week0)) / 7 AS INTEGER) AS k, "
        f"count(*), coalesce(sum(i.loss_pence), 0) FROM {q.src}"
        f"{_and(q.where, 'i.occurred_start IS NOT NULL')} GROUP BY k"
    )
    return {int(k): (int(n), int(p)) for k, n, p in q.rows(sql, {"week0": start.isoformat()})}


def _heat(q: _Query) -> tuple[tuple[int, ...], ...]:
    sql = (
        f"SELECT CAST(strftime('%w', {q.local}) AS INTEGER), CAST(strftime('%H', {q.local}) AS INTEGER), "
        f"count(*) FROM {q.src}{_and(q.where, 'i.occurred_start IS NOT NULL')} GROUP BY 1, 2"
    )
    grid = [[0] * 24 for _ in range(7)]
    for sunday_first, hour, n in q.rows(sql):
        grid[(int(sunday_first) + 6) % 7][int(hour)] = int(n)
    return tuple(tuple(row) for row in grid)


def _types(q: _Query) -> tuple[Ranked, ...]:
    sql = (
        f"SELECT i.incident_type, count(*), coalesce(sum(i.loss_pence), 0) FROM {q.src}{q.where} "
        f"GROUP BY i.incident_type ORDER BY 2 DESC, 3 DESC, 1 LIMIT {TOP}"
    )
    choices = catalogue.incident_types()
    out = []
    for type_id, n, pence in q.rows(sql):
        label = catalogue.label(choices, type_id) if type_id else "Type not set"
        out.append(Ranked(type_id, label, int(n), int(pence), Drill("type", type_id, label)))
    return tuple(out)


def _tactics(vault: Vault, q: _Query) -> tuple[Ranked, ...]:
    from opal_desktop.incidents.records import custom_tactics

    sql = (
        f"SELECT t.tactic, count(*), coalesce(sum(i.loss_pence), 0) FROM {q.src} "
        f"JOIN incident_tactics t ON t.incident_id = i.id{q.where} "
        f"GROUP BY t.tactic ORDER BY 2 DESC, 3 DESC, 1 LIMIT {TOP}"
    )
    choices = catalogue.tactics(custom_tactics(vault))
    out = []
    for tactic, n, pence in q.rows(sql):
        label = catalogue.label(choices, tactic)
        out.append(
            Ranked(tactic, label, int(n), int(pence), Drill("tactic", tactic, f"tactic: {label}"))
        )
    return tuple(out)


_GOODS_KEY = "lower(trim(g.description))"
_GOODS_NOT_EMPTY = f"{_GOODS_KEY} <> ''"


def _goods(q: _Query) -> tuple[Ranked, ...]:
    sql = (
        f"SELECT {_GOODS_KEY}, min(g.description), count(DISTINCT i.id), "
        f"coalesce(sum(g.quantity * g.unit_pence), 0) FROM {q.src} "
        f"JOIN incident_goods g ON g.incident_id = i.id{_and(q.where, _GOODS_NOT_EMPTY)} "
        f"GROUP BY 1 ORDER BY 4 DESC, 3 DESC, 1 LIMIT {TOP}"
    )
    return tuple(
        Ranked(key, label, int(n), int(pence), Drill("goods", key, f"goods: {label}"))
        for key, label, n, pence in q.rows(sql)
    )


def _force_names(ids: str) -> tuple[str, ...]:
    names = {f.id: f.name for f in police_forces()}
    return tuple(sorted({names.get(f, f) for f in ids.split(",") if f}))


_WHOLE_PLATE = "v.vrm <> '' AND instr(v.vrm, '?') = 0"  # a half-read plate is no match
_FORCE = "coalesce(nullif(i.force_id, ''), st.force_id)"


def _repeat_vehicles(q: _Query) -> tuple[Repeat, ...]:
    sql = (
        f"SELECT v.vrm, count(DISTINCT i.id), group_concat(DISTINCT st.code), "
        f"group_concat(DISTINCT {_FORCE}), min(v.make || ' ' || v.model || ' ' || v.colour) "
        f"FROM {q.src} JOIN incident_vehicles v ON v.incident_id = i.id "
        f"JOIN stores st ON st.id = i.store_id"
        f"{_and(q.where, _WHOLE_PLATE)} "
        f"GROUP BY v.vrm HAVING count(DISTINCT i.store_id) >= 2 ORDER BY 2 DESC, 1 LIMIT {REPEAT_SHOWN}"
    )
    out = []
    for vrm, n, stores, forces, what in q.rows(sql):
        label = f"{vrm} ({' '.join(str(what).split())})" if str(what).strip() else vrm
        out.append(Repeat(vrm, label, int(n), tuple(sorted(stores.split(","))),
                          _force_names(forces), Drill("vehicle", vrm, f"vehicle {vrm}")))  # fmt: skip
    return tuple(out)


_SUBJECT_LINK = "l.unlinked_at IS NULL AND s.merged_into_id IS NULL"


def _repeat_subjects(q: _Query) -> tuple[Repeat, ...]:
    sql = (
        f"SELECT s.reference, count(DISTINCT i.id), group_concat(DISTINCT st.code), "
        f"group_concat(DISTINCT {_FORCE}), s.name, s.sex, s.age_range, s.marks "
        f"FROM {q.src} JOIN incident_subject_links l ON l.incident_id = i.id "
        f"JOIN subjects s ON s.id = l.subject_id JOIN stores st ON st.id = i.store_id"
        f"{_and(q.where, _SUBJECT_LINK)} "
        f"GROUP BY s.id HAVING count(DISTINCT i.store_id) >= 2 ORDER BY 2 DESC, 1 LIMIT {REPEAT_SHOWN}"
    )
    out = []
    for ref, n, stores, forces, name, sex, age, marks in q.rows(sql):
        described = name or ", ".join(p for p in (sex, age and f"aged {age}", marks) if p)
        label = f"{ref} {described}".strip()
        out.append(Repeat(ref, label, int(n), tuple(sorted(stores.split(","))),
                          _force_names(forces), Drill("subject", ref, f"subject {ref}")))  # fmt: skip
    return tuple(out)


def _first_references_added(conn: Connection) -> dict[str, str]:
    """incident reference -> when (UTC text) its first crime reference was saved, from the audit.
    "+record_type": walk the action index (few edits), not the record-type one (every
    incident's creation: 1 s instead of a few ms at 100k incidents)."""
    sql = (
        "SELECT record_id, min(at) FROM audit_log WHERE action IN ('incident_changed', "
        "'incident_completed') AND +record_type = 'incident' AND summary LIKE :added GROUP BY record_id"
    )
    return {str(r[0]): str(r[1]) for r in _rows(conn, sql, {"added": _ADDED_REFERENCE})}


def _days_to_reference(q: _Query) -> dict[int, int]:
    """incident id -> days from reporting (else the day it happened) to the crime reference."""
    added = _first_references_added(q.conn)
    if not added:
        return {}
    sql = (
        f"SELECT i.id, i.reference, i.reported_to_police_on, date({q.local}) FROM {q.src}"
        f"{_and(q.where, 'i.has_crime_reference = 1')}"
    )
    days = {}
    for incident_id, reference, reported_on, occurred_day in q.rows(sql):
        at = added.get(str(reference))
        since = reported_on or occurred_day
        if at is None or since is None:
            continue
        given = utc_to_london(from_utc_text(at)).date()
        days[int(incident_id)] = max(0, (given - date.fromisoformat(since)).days)
    return days


_WAITING = "i.has_crime_reference = 0 AND i.reported_to_police_on IS NOT NULL"


def _readiness(vault: Vault, q: _Query, today: date) -> Readiness:
    with_ref, missing = q.rows(
        f"SELECT coalesce(sum(i.has_crime_reference = 1), 0), coalesce(sum(i.has_crime_reference = 0), 0) "
        f"FROM {q.src}{q.where}"
    )[0]
    days = _days_to_reference(q)
    waiting_sql = (
        f"SELECT i.reference, st.code, i.reported_to_police_on FROM {q.src} "
        f"JOIN stores st ON st.id = i.store_id{_and(q.where, _WAITING)} "
        f"ORDER BY i.reported_to_police_on, i.occurred_start, i.id"
    )
    waiting_rows = q.rows(waiting_sql)
    waiting = tuple(
        Waiting(ref, code, date.fromisoformat(on), (today - date.fromisoformat(on)).days)
        for ref, code, on in waiting_rows[:WAITING_SHOWN]
    )
    return Readiness(
        with_crime_reference=int(with_ref),
        missing_crime_reference=int(missing),
        median_days_to_crime_reference=float(statistics.median(days.values())) if days else None,
        measured=len(days),
        waiting=waiting,
        waiting_total=len(waiting_rows),
        series=_series(vault, q) if vault.can(Permission.LINK_INCIDENTS) else None,
    )


def _series_in_scope(q: _Query) -> list[Any]:
    sql = (
        "SELECT s.reference, s.name, (SELECT count(*) FROM series_incidents a WHERE a.series_id = s.id) "
        "FROM series s WHERE s.id IN (SELECT m.series_id FROM series_incidents m "
        f"WHERE m.incident_id IN (SELECT i.id FROM {q.src}{q.where})) ORDER BY s.id"
    )
    return q.rows(sql)


def _series(vault: Vault, q: _Query) -> tuple[SeriesReadiness, ...]:
    from opal_desktop.referral.store import check_incidents

    out = []
    for reference, name, count in _series_in_scope(q):
        refs = [str(r[0]) for r in q.rows(
            "SELECT i.reference FROM series_incidents m JOIN incidents i ON i.id = m.incident_id "
            "JOIN series s ON s.id = m.series_id WHERE s.reference = :series ORDER BY i.occurred_start",
            {"series": reference})]  # fmt: skip
        result = check_incidents(vault, refs, record=False) if refs else None
        out.append(SeriesReadiness(
            reference, name, int(count), bool(result and result.ready),
            result.blocking if result else 0, result.verdict if result else "No incidents",
            Drill("series", reference, f"series {reference} {name}"),
        ))  # fmt: skip
    out.sort(key=lambda s: (not s.ready, s.blocking, s.reference))
    return tuple(out)


# --- a click on a figure -----------------------------------------------------------------


def drill_filter(vault: Vault, scope: Scope, drill: Drill) -> IncidentFilter:
    """The incident list filter that lists exactly the incidents `drill` counts."""
    base = scope.incident_filter()
    if drill.kind == "all":
        return base
    if drill.kind == "missing-crime-reference":
        return replace(base, missing_crime_reference=True)
    if drill.kind == "type":
        return replace(base, types=(drill.key,))
    if drill.kind in ("week", "week-last-year"):
        start = date.fromisoformat(drill.key)
        period = scope.period
        if period is None:
            end = start + timedelta(days=6)
        else:
            end = min(start + timedelta(days=6), period.end)
        if drill.kind == "week-last-year":
            assert period is not None, "no last year without a period"
            shifted = Period(start, end, "").year_before()
            start, end = shifted.start, shifted.end
        return replace(base, date_from=start, date_to=end)
    return replace(base, only_ids=_drill_ids(vault, scope, drill))


def _drill_ids(vault: Vault, scope: Scope, drill: Drill) -> tuple[int, ...]:
    with vault.engine.connect() as conn:
        q = _Query(vault, conn, scope, scope.period)
        kind, key = drill.kind, drill.key
        if kind == "with-crime-reference":
            return q.ids("i.has_crime_reference = 1")
        if kind == "heat":
            weekday, hour = (int(x) for x in key.split(":"))
            return q.ids(
                f"i.occurred_start IS NOT NULL AND CAST(strftime('%w', {q.local}) AS INTEGER) = :w "
                f"AND CAST(strftime('%H', {q.local}) AS INTEGER) = :h",
                {"w": (weekday + 1) % 7, "h": hour},
            )
        if kind == "tactic":
            return q.ids(
                "i.id IN (SELECT incident_id FROM incident_tactics WHERE tactic = :key)",
                {"key": key},
            )
        if kind == "goods":
            return q.ids(f"i.id IN (SELECT g.incident_id FROM incident_goods g WHERE {_GOODS_KEY} = :key)",
                         {"key": key})  # fmt: skip
        if kind == "vehicle":
            return q.ids(
                "i.id IN (SELECT incident_id FROM incident_vehicles WHERE vrm = :key)", {"key": key}
            )
        if kind == "subject":
            return q.ids(
                "i.id IN (SELECT l.incident_id FROM incident_subject_links l JOIN subjects s "
                f"ON s.id = l.subject_id WHERE s.reference = :key AND {_SUBJECT_LINK})",
                {"key": key},
            )
        if kind == "waiting":
            return q.ids(_WAITING)
        if kind == "days-to-crime-reference":
            return tuple(sorted(_days_to_reference(q)))
        if kind == "series":  # the whole series, wherever its incidents are
            rows = _rows(conn, "SELECT m.incident_id FROM series_incidents m JOIN series s "
                         "ON s.id = m.series_id WHERE s.reference = :key", {"key": key})  # fmt: skip
            return tuple(int(r[0]) for r in rows)
    raise InvalidInput(f"The dashboard has no figure called {drill.kind!r}.")
