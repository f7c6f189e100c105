"""Every dashboard figure against counts made independently from the demo's own incidents
(the generator's output in memory, not the vault), and every figure's click: the incident
list filtered by it holds exactly the incidents it counts."""

from __future__ import annotations

import sqlite3
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from dashboard_support import PASSWORD, Planned, make_demo

from opal_desktop.dashboard import queries, scope
from opal_desktop.dashboard.figures import Drill, Figures
from opal_desktop.dashboard.ukclock import local_sql
from opal_desktop.domain.timeutil import utc_now, utc_to_london
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents import listing, records
from opal_desktop.incidents.demo import DemoSeries
from opal_desktop.linking.subjects import get_subject
from opal_desktop.vault.vault import Vault

DemoData = tuple[Path, list[Planned], dict[str, str]]  # vault folder, its incidents, refs added
SERIES_TRUTH: dict[str, DemoSeries] = {}  # the demo's own account of its seeded series
NOV = scope.month(2026, 11)
TODAY = utc_to_london(utc_now()).date()
DAYS_GIVEN = (2, 4, 9)  # three crime references added in the test, this many days after reporting


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoData]:
    folder = tmp_path_factory.mktemp("dash")
    result, planned = make_demo(folder)
    SERIES_TRUTH.update({s.name: s for s in result.series})
    vault = Vault.open(result.folder, "manager", PASSWORD)
    added: dict[str, str] = {}
    try:
        candidates = [p for p in planned if p.within(NOV.start, NOV.end, None)
                      and p.incident.police.reported_on and not p.incident.has_crime_reference]  # fmt: skip
        for p, days in zip(candidates, DAYS_GIVEN, strict=False):
            incident = records.get(vault, p.reference)
            incident.police.crime_reference = f"TEST/{days}"
            incident.police.reported_on = TODAY - timedelta(days=days)
            records.save(vault, incident)
            added[p.reference] = str(incident.police.reported_on)
    finally:
        vault.close()
    assert len(added) == 3
    yield result.folder, planned, added


@pytest.fixture
def manager(demo: DemoData) -> Iterator[Vault]:
    vault = Vault.open(demo[0], "manager", PASSWORD)
    yield vault
    vault.close()


def _has_ref(p: Planned, added: dict[str, str]) -> bool:
    return p.incident.has_crime_reference or p.reference in added


def _reported_on(p: Planned, added: dict[str, str]) -> date | None:
    return (
        date.fromisoformat(added[p.reference])
        if p.reference in added
        else p.incident.police.reported_on
    )


def _figures(vault: Vault, period: str | None, stores: str | None = None) -> Figures:
    chosen = scope.resolve(vault, period=period, store_list=stores, today=TODAY)
    return queries.compute(vault, chosen, TODAY)


def _listed(vault: Vault, figures: Figures, drill: Drill) -> set[str]:
    flt = queries.drill_filter(vault, figures.scope, drill)
    count = listing.count(vault, flt)
    shown = {s.reference for s in listing.page(vault, flt, 0, 10_000)}
    assert count == len(shown)
    return shown


def test_totals_weeks_and_last_year_match_the_demo_and_their_lists(
    demo: DemoData, manager: Vault
) -> None:
    _, planned, _ = demo
    figures = _figures(manager, "2026-11")
    inside = [p for p in planned if p.within(NOV.start, NOV.end, None)]
    assert figures.incidents == len(inside) > 0
    assert figures.loss_pence == sum(p.incident.loss_pence for p in inside)
    assert _listed(manager, figures, Drill("all")) == {p.reference for p in inside}
    assert [w.start.day for w in figures.weeks] == [1, 8, 15, 22, 29]
    assert figures.weeks[-1].end == date(2026, 11, 30)
    year_ago = [p for p in planned if p.within(date(2025, 11, 1), date(2025, 11, 30), None)]
    assert year_ago, "the demo's year reaches back into November 2025"
    for week in figures.weeks:
        this = [p for p in inside if p.within(week.start, week.end, None)]
        before = [
            p
            for p in year_ago
            if p.within(week.start.replace(year=2025), week.end.replace(year=2025), None)
        ]
        assert (week.incidents, week.loss_pence) == (
            len(this),
            sum(p.incident.loss_pence for p in this),
        )
        assert week.last_year_incidents == len(before)
        assert week.last_year_loss_pence == sum(p.incident.loss_pence for p in before)
        assert _listed(manager, figures, week.drill) == {p.reference for p in this}
        assert _listed(manager, figures, week.drill_last_year) == {p.reference for p in before}
    assert sum(w.last_year_incidents or 0 for w in figures.weeks) == len(year_ago)


def test_heat_map_is_in_uk_local_time_and_each_cell_lists_its_incidents(
    demo: DemoData, manager: Vault
) -> None:
    _, planned, _ = demo
    figures = _figures(manager, "all")
    expected: Counter[tuple[int, int]] = Counter(
        (p.local.weekday(), p.local.hour) for p in planned if p.local is not None
    )
    got = {(d, h): n for d, row in enumerate(figures.heat) for h, n in enumerate(row) if n}
    assert got == dict(expected)
    busiest = max(expected, key=lambda cell: expected[cell])
    cell = Drill("heat", f"{busiest[0]}:{busiest[1]}")
    assert _listed(manager, figures, cell) == {
        p.reference for p in planned if p.local and (p.local.weekday(), p.local.hour) == busiest
    }
    assert (
        _listed(manager, figures, Drill("heat", "0:3")) == set()
    )  # nobody steals at 3 am in the demo


def test_the_figures_working_table_stays_in_memory(manager: Vault) -> None:
    """The figures copy a few columns into a TEMP table: it must never be a file on disk."""
    with manager.engine.connect() as conn:
        dbapi = conn.connection.driver_connection
        assert dbapi is not None
        options = {row[0] for row in dbapi.execute("PRAGMA compile_options")}
        temp_store = dbapi.execute("PRAGMA temp_store").fetchone()[0]
    assert "TEMP_STORE=2" in options or "TEMP_STORE=3" in options
    assert temp_store in (0, 2)  # 0: the build's default (memory), 2: memory


def test_local_time_sql_is_right_on_both_sides_of_the_clock_changes() -> None:
    sql = local_sql("x", 2026, 2026)
    conn = sqlite3.connect(":memory:")
    cases = {
        "2026-03-29T00:59:00+00:00": "2026-03-29 00:59:00",  # GMT
        "2026-03-29T01:00:00+00:00": "2026-03-29 02:00:00",  # BST begins
        "2026-07-01T16:30:00+00:00": "2026-07-01 17:30:00",
        "2026-10-25T00:30:00+00:00": "2026-10-25 01:30:00",  # BST, first 01:30
        "2026-10-25T01:30:00+00:00": "2026-10-25 01:30:00",  # GMT, second 01:30
        "2026-11-21T18:05:00+00:00": "2026-11-21 18:05:00",
    }
    for stored, local in cases.items():
        assert conn.execute(f"SELECT {sql} FROM (SELECT ? AS x)", (stored,)).fetchone()[0] == local


def test_top_types_tactics_and_goods_match_the_demo_and_their_lists(
    demo: DemoData, manager: Vault
) -> None:
    _, planned, _ = demo
    figures = _figures(manager, "2026-11")
    inside = [p for p in planned if p.within(NOV.start, NOV.end, None)]
    types = Counter(p.incident.incident_type for p in inside)
    assert [(t.key, t.incidents) for t in figures.types] == sorted(
        types.items(), key=lambda kv: (-kv[1], -sum(p.incident.loss_pence for p in inside
                                                   if p.incident.incident_type == kv[0]), kv[0]))[:8]  # fmt: skip
    for t in figures.types:
        assert _listed(manager, figures, t.drill) == {
            p.reference for p in inside if p.incident.incident_type == t.key
        }
    tactics: dict[str, list[Planned]] = defaultdict(list)
    for p in inside:
        for tactic in set(p.incident.tactics):
            tactics[tactic].append(p)
    assert figures.tactics and figures.tactics[0].incidents == max(len(v) for v in tactics.values())
    for t in figures.tactics:
        assert t.incidents == len(tactics[t.key])
        assert t.pence == sum(p.incident.loss_pence for p in tactics[t.key])
        assert _listed(manager, figures, t.drill) == {p.reference for p in tactics[t.key]}
    goods_value: Counter[str] = Counter()
    goods_refs: dict[str, set[str]] = defaultdict(set)
    for p in inside:
        for line in p.incident.goods:
            key = line.description.strip().lower()
            goods_value[key] += line.total_pence
            goods_refs[key].add(p.reference)
    assert [g.pence for g in figures.goods] == sorted(goods_value.values(), reverse=True)[:8]
    for g in figures.goods:
        assert g.pence == goods_value[g.key] and g.incidents == len(goods_refs[g.key])
        assert _listed(manager, figures, g.drill) == goods_refs[g.key]


def test_repeat_vehicles_and_subjects_seen_at_two_or_more_stores(
    demo: DemoData, manager: Vault
) -> None:
    _, planned, _ = demo
    figures = _figures(manager, "all")
    stores: dict[str, set[str]] = defaultdict(set)
    refs: dict[str, set[str]] = defaultdict(set)
    for p in planned:
        for vrm in p.whole_vrms:
            stores[vrm].add(p.store)
            refs[vrm].add(p.reference)
    repeated = {vrm for vrm, seen in stores.items() if len(seen) >= 2}
    assert repeated and {v.key for v in figures.vehicles} == repeated
    for v in figures.vehicles:
        assert set(v.stores) == stores[v.key] and v.incidents == len(refs[v.key])
        assert v.force_areas and all("Police" in f or "Constabulary" in f for f in v.force_areas)
        assert _listed(manager, figures, v.drill) == refs[v.key]
    assert figures.subjects
    for s in figures.subjects:
        marks = get_subject(manager, s.key).details.marks
        linked = _listed(manager, figures, s.drill)
        assert len(linked) == s.incidents
        # every incident linked to the subject describes an offender with the subject's marks
        assert all(
            any(o.marks == marks for o in p.incident.offenders)
            for p in planned
            if p.reference in linked
        )
        assert len({p.store for p in planned if p.reference in linked}) == len(s.stores) >= 2


def test_opal_readiness_matches_the_demo_and_its_lists(demo: DemoData, manager: Vault) -> None:
    _, planned, added = demo
    figures = _figures(manager, "2026-11")
    inside = [p for p in planned if p.within(NOV.start, NOV.end, None)]
    r = figures.readiness
    with_ref = {p.reference for p in inside if _has_ref(p, added)}
    assert r.with_crime_reference == len(with_ref)
    assert r.missing_crime_reference == len(inside) - len(with_ref)
    assert (
        _listed(manager, figures, Drill("missing-crime-reference"))
        == {p.reference for p in inside} - with_ref
    )
    assert r.median_days_to_crime_reference == statistics.median(DAYS_GIVEN) and r.measured == 3
    assert _listed(manager, figures, Drill("days-to-crime-reference")) == set(added)
    waiting = sorted((p for p in inside if not _has_ref(p, added) and _reported_on(p, added)),
                     key=lambda p: (_reported_on(p, added), p.incident.occurred_start))  # fmt: skip
    assert r.waiting_total == len(waiting)
    assert [w.reference for w in r.waiting] == [p.reference for p in waiting[:5]]
    assert [w.days for w in r.waiting] == [
        (TODAY - (_reported_on(p, added) or TODAY)).days for p in waiting[:5]
    ]
    assert _listed(manager, figures, Drill("waiting")) == {p.reference for p in waiting}


def test_series_by_readiness_agrees_with_the_demo_ground_truth(
    demo: DemoData, manager: Vault
) -> None:
    _, _, added = demo
    figures = _figures(manager, "all")
    series = figures.readiness.series
    assert series is not None and {s.name for s in series} == set(SERIES_TRUTH)
    for s in series:
        truth = SERIES_TRUTH[s.name]
        assert s.reference == truth.series_reference
        linked = set(truth.incident_references) - set(truth.unlinked_references)
        assert s.incidents == len(linked)
        assert _listed(manager, figures, s.drill) == linked
        if not linked & set(added):  # untouched by this test
            if truth.ready_to_refer:
                assert s.ready, s.name
            if linked & set(truth.missing_crime_references):
                assert not s.ready and s.blocking >= 1, s.name
        assert s.ready == (s.blocking == 0)
    assert [s.ready for s in series] == sorted(
        (s.ready for s in series), reverse=True
    )  # ready first
    assert any(not s.ready for s in series) and any(s.ready for s in series)


def test_stores_scope_and_the_store_rule(demo: DemoData, manager: Vault) -> None:
    _, planned, _ = demo
    figures = _figures(manager, "2026-11", "lds01, YRK01")
    assert figures.scope.store_codes == ("LDS01", "YRK01")
    inside = {p.reference for p in planned if p.within(NOV.start, NOV.end, {"LDS01", "YRK01"})}
    assert figures.incidents == len(inside)
    assert _listed(manager, figures, Drill("all")) == inside


def test_an_officer_sees_their_own_store_only(demo: DemoData) -> None:
    folder, planned, _ = demo
    officer = Vault.open(folder, "officer.yrk01", PASSWORD)
    try:
        mine = _figures(officer, "all")
        assert mine.scope.store_codes == ("YRK01",)
        assert mine.incidents == sum(1 for p in planned if p.store == "YRK01")
        assert mine.readiness.series is None  # officers do not see series
        with pytest.raises(InvalidInput, match="You may see only YRK01's figures, not LDS01's"):
            _figures(officer, "all", "LDS01")
    finally:
        officer.close()


@pytest.mark.parametrize(
    ("period", "stores", "message"),
    [
        ("2026-13", None, "The period '2026-13' is not one: give a month like 2026-11"),
        ("November", None, "The period 'November' is not one"),
        ("2026-12-01..2026-11-01", None, "is not one"),
        ("2026-11", "ZZZ99", "There is no store ZZZ99 in this vault; the stores are BFD01"),
        ("2026-11", " , ", "No store given: name one or more store codes"),
    ],
)
def test_bad_period_or_store_is_one_sentence(
    manager: Vault, period: str, stores: str | None, message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        scope.resolve(manager, period=period, store_list=stores, today=TODAY)


def test_default_period_is_the_last_full_month() -> None:
    assert scope.last_full_month(date(2026, 12, 2)) == scope.month(2026, 11)
    assert scope.last_full_month(date(2027, 1, 31)).label == "December 2026"
    leap = scope.parse_period("2028-02")
    assert (
        leap is not None
        and leap.end == date(2028, 2, 29)
        and leap.year_before().end == date(2027, 2, 28)
    )
    assert replace(NOV).days == 30
