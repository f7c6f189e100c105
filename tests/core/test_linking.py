"""Subjects, vehicles, links, series and merges: recorded, reversible, and within the store rule."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from opal_desktop.domain.incident import GoodsLine
from opal_desktop.domain.roles import Role
from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.incidents import records
from opal_desktop.linking import links, merge, series, subjects, vehicles
from opal_desktop.linking.models import SubjectDetails, SubjectRole, VehicleRole
from opal_desktop.vault import users
from opal_desktop.vault.audit_view import AuditFilter, list_entries, verify_trail
from opal_desktop.vault.models import Store
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


def _incident(
    vault: Vault, when: str, store: str = "LDS01", loss: int = 5000, tactics: tuple[str, ...] = ()
) -> str:
    incident = records.new_incident(vault)
    incident.store_code = store
    incident.occurred_start = parse_uk_datetime(when)
    incident.incident_type = "theft-from-shop"
    incident.goods = [GoodsLine("Whisky 70cl", 1, loss)]
    incident.tactics = list(tactics)
    incident.police.force_id = "north-yorkshire" if store == "YRK02" else "west-yorkshire"
    incident.police.crime_reference = "" if store == "YRK02" else "13/1/26"
    return records.save(vault, incident).reference


@pytest.fixture
def two_stores(new_vault: NewVault) -> Vault:
    vault, _ = new_vault()
    with vault.session() as session, session.begin():
        session.add(
            Store(
                code="YRK02",
                name="York",
                retailer="Northern Grocers Ltd",
                address="",
                postcode="",
                force_id="north-yorkshire",
                is_home=False,
                created_at="2026-01-01T00:00:00+00:00",
            )
        )
    return vault


def test_a_subject_is_labelled_until_a_name_is_known(two_stores: Vault) -> None:
    vault = two_stores
    tall = subjects.create_subject(
        vault,
        SubjectDetails(sex="male", height="tall", clothing="red cap", marks="scar under left eye"),
    )
    assert tall.reference == "SUBJ-0001" and tall.label == "SUBJ-0001 “tall, male, red cap”"
    named = subjects.update_subject(
        vault, tall.reference, SubjectDetails(**{**vars(tall.details), "name": "J. Doe"})
    )
    assert named.label == "SUBJ-0001 J. Doe"
    with pytest.raises(InvalidInput, match="Describe the person"):
        subjects.create_subject(vault, SubjectDetails())
    entries = list_entries(vault, AuditFilter(record="SUBJ-0001"))
    assert [e.action for e in entries] == ["subject_changed", "subject_created"]
    assert "J. Doe" not in entries[0].summary  # the trail says a name was set, not what it is


def test_links_record_who_why_and_unlinking_keeps_the_history(two_stores: Vault) -> None:
    vault = two_stores
    leeds = _incident(vault, "01/11/2026 17:00")
    york = _incident(vault, "05/11/2026 16:30", store="YRK02")
    person = subjects.create_subject(vault, SubjectDetails(sex="male", clothing="red cap"))
    first = links.link_subject(
        vault, leeds, person.reference, SubjectRole.OFFENDER, "Red cap and scar on CCTV"
    )
    links.link_subject(vault, york, person.reference, SubjectRole.SUSPECT, "Same cap, same car")
    links.link_vehicle(vault, york, "yr19 kxd", "Left in it on CCTV", make="Audi", colour="grey")
    links.link_subject_vehicle(
        vault, person.reference, "YR19KXD", VehicleRole.DRIVER, "Seen driving it"
    )
    with pytest.raises(InvalidInput, match="already linked"):
        links.link_subject(vault, leeds, person.reference, SubjectRole.OFFENDER, "again")
    with pytest.raises(InvalidInput, match="Say why"):
        links.link_vehicle(vault, leeds, "YR19KXD", " ")
    assert vehicles.get_vehicle(vault, "YR19 KXD").label == "YR19KXD (grey Audi)"
    links.unlink(vault, "incident-subject", first.id, "Wrong person: different height")
    active = links.links_of(vault, subject=person.reference)
    assert [(link.left, link.role) for link in active if link.kind == "incident-subject"] == [
        (york, "suspect")
    ]
    history = links.links_of(vault, subject=person.reference, history=True)
    undone = next(link for link in history if link.left == leeds)
    assert (
        undone.unlink_reason == "Wrong person: different height" and undone.unlinked_by == "admin"
    )
    assert verify_trail(vault).intact


def test_officers_link_only_within_their_store(two_stores: Vault, vault_dir: Path) -> None:
    vault = two_stores
    leeds = _incident(vault, "01/11/2026 17:00")
    york = _incident(vault, "05/11/2026 16:30", store="YRK02")
    person = subjects.create_subject(vault, SubjectDetails(sex="female", clothing="green parka"))
    links.link_subject(vault, york, person.reference, SubjectRole.OFFENDER, "CCTV")
    users.add_user(
        vault,
        "olly",
        "Olly Officer",
        Role.OFFICER,
        "officer first password",
        must_change_password=False,
    )
    vault.close()
    officer = Vault.open(vault_dir, "olly", "officer first password")
    try:
        with pytest.raises(PermissionDenied, match="link incidents of store YRK02"):
            links.link_vehicle(officer, york, "AB12CDE", "seen")
        # A subject seen only at York is not theirs to see...
        with pytest.raises(InvalidInput, match="no subject SUBJ-0001 you can see"):
            subjects.get_subject(officer, person.reference)
        mine = subjects.create_subject(
            officer, SubjectDetails(sex="male", clothing="blue tracksuit")
        )
        links.link_subject(officer, leeds, mine.reference, SubjectRole.OFFENDER, "CCTV")
        assert [s.reference for s in subjects.list_subjects(officer)] == [mine.reference]
        with pytest.raises(PermissionDenied):
            series.create_series(officer, "My series")
    finally:
        officer.close()


def test_series_summary_and_timeline(two_stores: Vault) -> None:
    vault = two_stores
    a = _incident(vault, "01/11/2026 17:00", loss=10000, tactics=("distraction", "vehicle-used"))
    b = _incident(vault, "05/11/2026 16:30", store="YRK02", loss=2500, tactics=("vehicle-used",))
    person = subjects.create_subject(vault, SubjectDetails(sex="male", clothing="red cap"))
    links.link_subject(vault, b, person.reference, SubjectRole.OFFENDER, "CCTV")
    links.link_vehicle(vault, b, "YR19KXD", "CCTV")
    reference = series.create_series(vault, "Grey Audi spirits team", "Two males, grey Audi")
    assert series.add_members(vault, reference, "incident", [b, a, a]) == 2
    series.add_members(vault, reference, "subject", [person.reference])
    series.add_members(vault, reference, "vehicle", ["yr19 kxd"])
    found = series.summary(vault, reference)
    assert found.incident_references == (a, b)  # in time order
    assert found.total_loss_pence == 12500 and found.store_codes == ("LDS01", "YRK02")
    assert found.force_ids == ("north-yorkshire", "west-yorkshire")
    assert found.tactics[0] == ("vehicle-used", 2)
    assert found.missing_crime_references == (b,)
    line = series.timeline(vault, reference)
    assert [row["reference"] for row in line] == [a, b] and line[1]["subjects"] == [
        person.reference
    ]
    assert line[1]["vrms"] == ["YR19KXD"]
    with pytest.raises(InvalidInput, match="Say why"):
        series.remove_member(vault, reference, "incident", a, "")
    series.remove_member(vault, reference, "incident", a, "Different group")
    assert series.summary(vault, reference).incident_references == (b,)


def test_merging_two_profiles_is_recorded_and_reversible(two_stores: Vault) -> None:
    vault = two_stores
    a = _incident(vault, "01/11/2026 17:00")
    b = _incident(vault, "05/11/2026 16:30", store="YRK02")
    first = subjects.create_subject(vault, SubjectDetails(sex="male", clothing="red cap"))
    second = subjects.create_subject(vault, SubjectDetails(sex="male", marks="scar under left eye"))
    links.link_subject(vault, a, first.reference, SubjectRole.OFFENDER, "CCTV")
    links.link_subject(vault, b, second.reference, SubjectRole.OFFENDER, "CCTV")
    merge_id = merge.merge_subjects(vault, first.reference, second.reference, "Same scar, same cap")
    assert subjects.get_subject(vault, first.reference).incident_count == 2
    assert subjects.get_subject(vault, second.reference).merged_into == first.reference
    assert [s.reference for s in subjects.list_subjects(vault)] == [first.reference]
    with pytest.raises(InvalidInput, match="was merged into SUBJ-0001"):
        links.link_subject(vault, a, second.reference, SubjectRole.SUSPECT, "x")
    merge.undo_merge(vault, merge_id, "Custody photos show two people")
    assert subjects.get_subject(vault, first.reference).incident_count == 1
    assert subjects.get_subject(vault, second.reference).incident_count == 1
    assert not subjects.get_subject(vault, second.reference).merged_into
    actions = [e.action for e in list_entries(vault, AuditFilter(record=first.reference))]
    assert "subjects_merged" in actions and "subjects_unmerged" in actions
    assert merge.merges(vault)[0]["undone"] is True


def test_the_link_chart_shows_who_is_linked_to_what(two_stores: Vault) -> None:
    import io

    from PIL import Image

    from opal_desktop.linking import chart

    vault = two_stores
    a = _incident(vault, "01/11/2026 17:00")
    b = _incident(vault, "05/11/2026 16:30", store="YRK02")
    person = subjects.create_subject(
        vault, SubjectDetails(sex="male", height="tall", clothing="red cap")
    )
    links.link_subject(vault, a, person.reference, SubjectRole.OFFENDER, "CCTV")
    links.link_subject(vault, b, person.reference, SubjectRole.OFFENDER, "CCTV")
    links.link_vehicle(vault, b, "YR19KXD", "CCTV", make="Audi", colour="grey")
    links.link_subject_vehicle(vault, person.reference, "YR19KXD", VehicleRole.DRIVER, "Driving")
    reference = series.create_series(vault, "Grey Audi spirits team")
    series.add_members(vault, reference, "incident", [a, b])
    graph = chart.series_graph(vault, reference)
    kinds = {n.key: n.kind for n in graph.nodes}
    assert kinds == {
        a: "incident",
        b: "incident",
        person.reference: "subject",
        "YR19KXD": "vehicle",
    }
    assert {(e.a, e.b) for e in graph.edges} == {
        (person.reference, a),
        (person.reference, b),
        ("YR19KXD", b),
        (person.reference, "YR19KXD"),
    }
    assert graph.node(a).x < graph.node(b).x  # incidents in time order
    assert graph.node(person.reference).y < graph.node("YR19KXD").y < graph.node(a).y
    assert graph.node(b).attention and not graph.node(a).attention  # York has no crime reference
    picture = Image.open(io.BytesIO(chart.render_png(graph, 1200, 700)))
    assert picture.format == "PNG" and picture.size == (1200, 700)
