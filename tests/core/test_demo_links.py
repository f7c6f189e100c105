"""The demo vault's subjects, vehicles, links and series follow its seeded groups."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import FAST_KDF

from opal_desktop.evidence.queries import list_exhibits
from opal_desktop.incidents import records
from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.incidents.demo_series import SERIES
from opal_desktop.linking import links, series, subjects, vehicles
from opal_desktop.vault import audit, keyfile
from opal_desktop.vault.vault import Vault

PASSWORD = "lantern copper thistle"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoResult]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)
        folder = tmp_path_factory.mktemp("links") / "vault"
        yield build_demo(folder, incidents=200, seed=5, password=PASSWORD)


@pytest.fixture(scope="module")
def manager(demo: DemoResult) -> Iterator[Vault]:
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    yield vault
    vault.close()


def test_every_seeded_group_is_a_series_of_its_linked_incidents_people_and_vehicles(
    demo: DemoResult, manager: Vault
) -> None:
    assert [name for _ref, name, _n in series.list_series(manager)] == [p.name for p in SERIES]
    for plan, truth in zip(SERIES, demo.series, strict=True):
        summary = series.summary(manager, truth.series_reference)
        linked = [r for r in truth.incident_references if r not in truth.unlinked_references]
        assert summary.name == plan.name
        assert list(summary.incident_references) == linked
        assert set(summary.subject_references) == set(truth.subject_references)
        assert set(summary.vrms) == {v.vrm for v in plan.vehicles}
        assert len(truth.subject_references) == len(plan.offenders)
        assert 1 <= len(truth.unlinked_references) <= 2


def test_subjects_are_described_as_on_the_reports_with_a_best_image(
    demo: DemoResult, manager: Vault
) -> None:
    for plan, truth in zip(SERIES, demo.series, strict=True):
        for offender, reference in zip(plan.offenders, truth.subject_references, strict=True):
            subject = subjects.get_subject(manager, reference)
            details = subject.details
            assert (details.marks, details.clothing, details.hair) == (
                offender.marks,
                offender.clothing,
                offender.hair,
            )
            assert not details.name  # a known name is never invented
            assert subject.best_exhibit_id is not None
            shown_in = {
                link.left
                for link in links.links_of(manager, subject=reference)
                if link.kind == "incident-subject"
            }
            stills = {e.id for ref in shown_in for e in list_exhibits(manager, ref)}
            assert subject.best_exhibit_id in stills


def test_links_say_why_and_follow_who_was_seen_where(demo: DemoResult, manager: Vault) -> None:
    for plan, truth in zip(SERIES, demo.series, strict=True):
        people = dict(zip((o.marks for o in plan.offenders), truth.subject_references, strict=True))
        for reference in truth.incident_references:
            incident = records.get(manager, reference)
            found = links.links_of(manager, incident=reference)
            if reference in truth.unlinked_references:
                assert found == []
                continue
            assert {link.right for link in found if link.kind == "incident-subject"} == {
                people[o.marks] for o in incident.offenders
            }
            assert {link.right for link in found if link.kind == "incident-vehicle"} == {
                v.vrm for v in incident.vehicles
            }
            assert all(link.reason.startswith("Seeded demo link: ") for link in found)
            assert all(link.role == "offender" for link in found if link.kind == "incident-subject")
        driver, *others = truth.subject_references
        roles = {
            (link.left, link.right, link.role)
            for ref in truth.subject_references
            for link in links.links_of(manager, subject=ref)
            if link.kind == "subject-vehicle"
        }
        main = plan.vehicles[0].vrm
        assert (driver, main, "driver") in roles
        assert {(p, main, "passenger") for p in others} <= roles


def test_vehicles_carry_make_model_and_colour(demo: DemoResult, manager: Vault) -> None:
    for plan, truth in zip(SERIES, demo.series, strict=True):
        linked = [r for r in truth.incident_references if r not in truth.unlinked_references]
        plates = [v.vrm for r in linked for v in records.get(manager, r).vehicles]
        for seen in plan.vehicles:
            vehicle = vehicles.get_vehicle(manager, seen.vrm)
            assert (vehicle.make, vehicle.model, vehicle.colour) == (
                seen.make,
                seen.model,
                seen.colour,
            )
            assert vehicle.incident_count == plates.count(seen.vrm)


def test_the_half_read_plate_and_the_newest_incident_are_left_to_find(
    demo: DemoResult, manager: Vault
) -> None:
    for truth in demo.series:
        assert truth.unlinked_references[-1] == truth.incident_references[-1]
        for reference in truth.incident_references:
            half_read = any("?" in v.vrm for v in records.get(manager, reference).vehicles)
            if half_read:
                assert reference in truth.unlinked_references
    assert any(len(t.unlinked_references) == 2 for t in demo.series)  # the razor pair's plate
    assert demo.series[0].to_json()["unlinked_references"] == list(
        demo.series[0].unlinked_references
    )
    with manager.engine.connect() as conn:
        assert audit.verify(conn, manager.seal_key).intact
