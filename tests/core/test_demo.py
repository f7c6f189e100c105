"""The demo vault: deterministic, realistic, and carrying the seeded series later features need."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FAST_KDF
from sqlalchemy import text

from opal_desktop.domain.incident import blocking_problems
from opal_desktop.domain.reference import force_by_id
from opal_desktop.domain.roles import Role
from opal_desktop.domain.timeutil import from_utc_text, utc_to_london
from opal_desktop.domain.validation import normalise_postcode
from opal_desktop.errors import InvalidInput, VaultExists
from opal_desktop.incidents import listing, records
from opal_desktop.incidents.demo import MIN_INCIDENTS, DemoResult, build_demo
from opal_desktop.incidents.demo_data import ORGANISATION, PRODUCTS, ean13
from opal_desktop.incidents.demo_generate import generate
from opal_desktop.incidents.demo_series import SERIES, SERIES_MARKS, clashes_with_series
from opal_desktop.vault import audit, keyfile
from opal_desktop.vault.vault import Vault

PASSWORD = "harbour pencil meadow"
READY = "Grey Audi spirits team"
NOT_READY = "Razor blade sweep pair"
PLATE = re.compile(r"^[A-Z]{2}\d{2}[A-Z]{3}$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoResult]:
    """One demo vault of 300 incidents for the read-only checks (closed when built)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)
        folder = tmp_path_factory.mktemp("demo") / "vault"
        yield build_demo(folder, incidents=300, seed=11, password=PASSWORD)


@pytest.fixture
def manager(demo: DemoResult) -> Iterator[Vault]:
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    yield vault
    vault.close()


def _rows(vault: Vault, sql: str) -> list[tuple[object, ...]]:
    with vault.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_the_same_seed_gives_the_same_incidents_and_another_seed_does_not() -> None:
    first, again, other = generate(200, 3), generate(200, 3), generate(200, 4)
    assert [i.narrative for i in first.incidents] == [i.narrative for i in again.incidents]
    assert [i.occurred_start for i in first.incidents] == [
        i.occurred_start for i in again.incidents
    ]
    assert first.series_of == again.series_of
    assert [i.narrative for i in first.incidents] != [i.narrative for i in other.incidents]


def test_two_vaults_from_one_seed_hold_the_same_references_and_narratives(
    demo: DemoResult, manager: Vault, tmp_path: Path
) -> None:
    again = build_demo(tmp_path / "again", incidents=300, seed=11, password=PASSWORD)
    vault = Vault.open(again.folder, "manager", PASSWORD)
    try:
        sql = "SELECT reference, narrative, crime_reference FROM incidents ORDER BY reference"
        assert _rows(vault, sql) == _rows(manager, sql)
    finally:
        vault.close()
    assert [s.incident_references for s in again.series] == [
        s.incident_references for s in demo.series
    ]


def test_stores_of_one_retailer_span_several_force_areas(demo: DemoResult, manager: Vault) -> None:
    rows = _rows(manager, "SELECT code, retailer, postcode, force_id, is_home FROM stores")
    assert len(rows) == len(demo.stores) >= 7
    assert {r[1] for r in rows} == {ORGANISATION}
    assert [r[0] for r in rows if r[4]] == ["LDS01"]
    assert len({r[3] for r in rows}) >= 3
    for code, _, postcode, force_id, _ in rows:
        assert normalise_postcode(str(postcode)) == postcode, code
        force_by_id(str(force_id))


def test_every_user_signs_in_with_the_password_and_need_not_change_it(demo: DemoResult) -> None:
    names = [u.username for u in demo.users]
    assert names[:2] == ["admin", "manager"]
    assert {f"officer.{s.code.lower()}" for s in demo.stores} <= set(names)
    for user in demo.users:
        vault = Vault.open(demo.folder, user.username, PASSWORD)
        try:
            assert vault.actor.role is user.role
            assert vault.actor.store_code == user.store_code
            assert not vault.actor.must_change_password
        finally:
            vault.close()
    assert next(u for u in demo.users if u.username == "manager").role is Role.MANAGER


def test_the_seeded_series_share_people_vehicles_and_tactics_across_forces(
    demo: DemoResult, manager: Vault
) -> None:
    assert [s.name for s in demo.series] == [p.name for p in SERIES]
    for plan, series in zip(SERIES, demo.series, strict=True):
        assert len(series.incident_references) == plan.incidents
        assert len(series.store_codes) >= 2 and len(series.force_ids) >= 2
        stores_with_plate: dict[str, set[str]] = {}
        for reference in series.incident_references:
            incident = records.get(manager, reference)
            assert incident.incident_type == "theft-from-shop"
            assert sorted(incident.tactics) == sorted(plan.tactics)
            assert incident.offenders and all(o in plan.offenders for o in incident.offenders), (
                reference
            )
            assert all(not o.ic_code for o in incident.offenders)
            (vehicle,) = incident.vehicles
            assert clashes_with_series(vehicle.vrm)
            for known in plan.vehicles:
                if vehicle.vrm == known.vrm:
                    assert (vehicle.make, vehicle.model, vehicle.colour) == (
                        known.make,
                        known.model,
                        known.colour,
                    )
                    stores_with_plate.setdefault(known.vrm, set()).add(incident.store_code)
        main_plate = plan.vehicles[0].vrm
        forces = {
            force_by_id(s.force_id).id
            for s in demo.stores
            if s.code in stores_with_plate[main_plate]
        }
        assert len(stores_with_plate[main_plate]) >= 2 and len(forces) >= 2, plan.name


def test_one_series_is_ready_to_refer(demo: DemoResult, manager: Vault) -> None:
    series = demo.series_named(READY)
    assert series.ready_to_refer and not series.missing_crime_references
    for reference in series.incident_references:
        incident = records.get(manager, reference)
        assert incident.status.value == "complete"
        assert blocking_problems(incident) == []
        assert incident.has_crime_reference and incident.police.force_id
        assert incident.police.reported_on is not None


def test_another_is_not_ready_because_crime_references_are_missing(
    demo: DemoResult, manager: Vault
) -> None:
    series = demo.series_named(NOT_READY)
    assert not series.ready_to_refer
    assert len(series.missing_crime_references) >= 2
    missing = [
        r for r in series.incident_references if not records.get(manager, r).has_crime_reference
    ]
    assert missing == list(series.missing_crime_references)
    assert len(missing) < len(series.incident_references)


def test_background_incidents_share_no_series_plate_or_mark(
    demo: DemoResult, manager: Vault
) -> None:
    in_series = {r for s in demo.series for r in s.incident_references}
    vehicles = _rows(
        manager,
        "SELECT i.reference, v.vrm FROM incident_vehicles v JOIN incidents i ON i.id = v.incident_id",
    )
    background = [(r, str(v)) for r, v in vehicles if r not in in_series]
    assert background, "some background incidents should record a vehicle"
    assert not [v for _, v in background if clashes_with_series(v)]
    assert all(PLATE.match(v) for _, v in background if "?" not in v)
    marks = _rows(
        manager,
        "SELECT i.reference, o.marks FROM incident_offenders o JOIN incidents i ON i.id = o.incident_id",
    )
    assert not [m for r, m in marks if r not in in_series and m in SERIES_MARKS]
    assert _rows(manager, "SELECT count(*) FROM incident_offenders WHERE ic_code != ''") == [(0,)]


def test_the_incidents_look_like_a_year_of_store_security(demo: DemoResult, manager: Vault) -> None:
    rows = _rows(
        manager,
        "SELECT incident_type, has_crime_reference, reported_to_police_on, occurred_start, status FROM incidents",
    )
    assert len(rows) == demo.incident_count == 300
    types = [r[0] for r in rows]
    assert types.count("theft-from-shop") > len(rows) * 0.6
    assert {"violence-or-threats", "abuse"} <= set(types)
    with_ref = sum(1 for r in rows if r[1])
    assert len(rows) * 0.5 < with_ref < len(rows)
    assert any(r[4] == "draft" for r in rows) and any(r[4] == "complete" for r in rows)
    hours = [utc_to_london(from_utc_text(str(r[3]))).hour for r in rows if r[0] != "burglary"]
    assert min(hours) >= 7 and max(hours) <= 21
    assert sum(1 for h in hours if 15 <= h <= 18) > sum(1 for h in hours if 7 <= h <= 10)
    skus = {
        str(s) for (s,) in _rows(manager, "SELECT DISTINCT sku FROM incident_goods WHERE sku != ''")
    }
    assert skus and skus <= {p.sku for p in PRODUCTS}
    assert all(ean13(s[:12]) == s for s in skus)
    with manager.engine.connect() as conn:
        assert audit.verify(conn, manager.seal_key).intact


def test_search_finds_a_series_by_what_an_officer_remembers(
    demo: DemoResult, manager: Vault
) -> None:
    series = demo.series_named(READY)
    found = listing.list_incidents(manager, listing.IncidentFilter(search="KXD"), limit=100)
    assert {s.reference for s in found} >= set(series.incident_references)


def test_a_folder_holding_a_vault_is_refused_and_left_alone(demo: DemoResult) -> None:
    before = (demo.folder / "vault.keys").read_bytes()
    with pytest.raises(VaultExists, match="already exists"):
        build_demo(demo.folder, incidents=100, password=PASSWORD)
    assert (demo.folder / "vault.keys").read_bytes() == before


def test_too_few_incidents_is_refused_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="between"):
        build_demo(tmp_path / "v", incidents=MIN_INCIDENTS - 1, password=PASSWORD)
    assert not (tmp_path / "v").exists()


def test_five_thousand_incidents_are_made_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    result = build_demo(tmp_path / "big", incidents=5000, seed=2, password=PASSWORD)
    took = time.perf_counter() - started
    assert result.incident_count == 5000
    assert took < 45, f"5,000 demo incidents took {took:.1f} s"


def test_series_incidents_carry_cctv_stills_kept_as_exhibits(tmp_path: Path) -> None:
    from opal_desktop.evidence import exhibits

    result = build_demo(tmp_path / "stills", incidents=60, seed=5, password="demo password long")
    assert result.stills_count >= sum(len(s.incident_references) for s in result.series)
    vault = Vault.open(result.folder, "manager", "demo password long")
    try:
        first = result.series[0].incident_references[0]
        stills = exhibits.list_exhibits(vault, first)
        assert stills and all(e.is_master and e.camera.startswith("Cam ") for e in stills)
        assert stills[0].clock_offset_seconds is not None and stills[0].cctv_time_shown
        assert records.get(vault, first).id is not None
    finally:
        vault.close()
