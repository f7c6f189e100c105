"""Incident records: references, money, UK times, roles, conflicts, history and search."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from opal_desktop.domain.incident import (
    GoodsLine,
    Incident,
    OffenderDescription,
    Status,
    VehicleSeen,
    normalise_vrm,
    problems,
)
from opal_desktop.domain.money import format_pence, parse_pence
from opal_desktop.domain.roles import Role
from opal_desktop.domain.timeutil import parse_uk_datetime, show
from opal_desktop.errors import InvalidInput, PermissionDenied
from opal_desktop.incidents import listing, records
from opal_desktop.incidents.history import incident_history
from opal_desktop.incidents.listing import IncidentFilter, SortKey
from opal_desktop.vault import users
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]


def _theft(vault: Vault, when: str = "20/11/2026 17:45", **changes: object) -> Incident:
    incident = records.new_incident(vault)
    incident.occurred_start = parse_uk_datetime(when)
    incident.incident_type = "theft-from-shop"
    incident.location = "Aisle 4, spirits"
    incident.narrative = "Two males swept the whisky shelf into a foil-lined bag and left on foot."
    incident.goods = [GoodsLine("Jameson 70cl", 6, 2200, "5011007003029")]
    incident.offender_count = 2
    incident.offenders = [
        OffenderDescription("male", "25-35", clothing="red cap, black puffer jacket")
    ]
    incident.vehicles = [VehicleSeen("ab12 cde", "Audi", "A4", "grey")]
    incident.police.reported_on = date(2026, 11, 20)
    return dataclasses.replace(incident, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("12.99", 1299), ("£1,250", 125000), ("  £3.5 ", 350), ("", 0), ("GBP 10", 1000), ("0.01", 1)],
)
def test_money_is_read_as_people_write_it(typed: str, pence: int) -> None:
    assert parse_pence(typed) == pence


@pytest.mark.parametrize("typed", ["12.999", "-5", "ten pounds", "1.2.3", "£££"])
def test_money_that_is_not_money_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_pence(typed, "unit value")


def test_money_is_shown_in_pounds() -> None:
    assert format_pence(123450) == "£1,234.50" and format_pence(5) == "£0.05"


def test_uk_times_across_the_clock_changes() -> None:
    summer = parse_uk_datetime("15/07/2026 18:00")
    winter = parse_uk_datetime("15/01/2026 18:00")
    assert summer == datetime(2026, 7, 15, 17, 0, tzinfo=UTC)  # BST = UTC+1
    assert winter == datetime(2026, 1, 15, 18, 0, tzinfo=UTC)  # GMT
    assert show(summer, with_zone=True) == "15/07/2026 18:00 BST"
    # 25/10/2026 01:30 happens twice in the UK: the first (BST) one is meant.
    assert parse_uk_datetime("25/10/2026 01:30") == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    # 29/03/2026 01:30 never happens in the UK (clocks jump 01:00 -> 02:00): read as GMT.
    assert parse_uk_datetime("29/03/2026 01:30") == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_vrms_are_normalised() -> None:
    assert normalise_vrm(" ab12 cde ") == "AB12CDE"
    assert normalise_vrm("ab-12-c?e") == "AB12C?E"
    assert VehicleSeen("yx 68 ??z").vrm == "YX68??Z"


def test_references_are_allocated_per_store_and_year(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    first = records.save(vault, _theft(vault))
    second = records.save(vault, _theft(vault))
    older = records.save(vault, _theft(vault, when="31/12/2025 23:30"))
    assert (first.reference, second.reference) == ("LDS01-2026-00001", "LDS01-2026-00002")
    assert older.reference == "LDS01-2025-00001"  # the year it happened, in UK time


def test_totals_and_review_date(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    saved = records.save(vault, _theft(vault, recovered_pence=2200, damage_pence=500))
    assert saved.stolen_pence == 13200 and saved.loss_pence == 13200 - 2200 + 500
    assert saved.review_date == date(2028, 11, 20)  # occurred + 24 months by default


def test_draft_may_be_incomplete_but_complete_needs_the_referral_fields(
    new_vault: NewVault,
) -> None:
    vault, _ = new_vault()
    bare = records.save(vault, records.new_incident(vault))
    assert bare.status is Status.DRAFT and bare.reference
    with pytest.raises(InvalidInput, match=r"To mark it complete: Enter when it happened"):
        records.mark_complete(vault, bare)
    done = records.mark_complete(vault, _theft(vault))
    assert done.status is Status.COMPLETE
    # A missing crime number is flagged but does not block completion.
    flagged = [p for p in problems(done) if p.field == "police.crime_reference"]
    assert flagged and not flagged[0].blocks_completion


def test_every_change_is_in_the_incident_history(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    saved = records.save(vault, _theft(vault))
    saved.police.crime_reference = "13/123456/26"
    saved = records.save(vault, saved)
    same = records.save(vault, saved)  # nothing changed: no new version, no entry
    assert same.version == saved.version == 2
    history = incident_history(vault, saved.reference)
    assert [h.action for h in history] == ["incident_created", "incident_changed"]
    assert history[1].summary == "crime reference none → 13/123456/26"


def test_a_stale_edit_is_refused_not_lost(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    saved = records.save(vault, _theft(vault))
    mine = dataclasses.replace(saved, narrative=saved.narrative + " Mine.")
    theirs = dataclasses.replace(saved, narrative=saved.narrative + " Theirs.")
    records.save(vault, theirs)
    with pytest.raises(InvalidInput, match="was changed by admin while you were editing"):
        records.save(vault, mine)


def test_officers_only_touch_their_own_store(new_vault: NewVault, vault_dir: Path) -> None:
    vault, _ = new_vault()
    from opal_desktop.vault.models import Store

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
    users.add_user(
        vault, "olly", "Olly", Role.OFFICER, "officer first password", must_change_password=False
    )
    york = records.save(vault, _theft(vault, store_code="YRK02"))
    leeds = records.save(vault, _theft(vault))
    vault.close()
    officer = Vault.open(vault_dir, "olly", "officer first password")
    try:
        with pytest.raises(PermissionDenied, match="incidents of store YRK02"):
            records.get(officer, york.reference)
        with pytest.raises(PermissionDenied, match="incidents of store YRK02"):
            records.get_many(officer, [leeds.reference, york.reference])
        assert [i.reference for i in records.get_many(officer, [leeds.reference.lower()])] == [
            leeds.reference
        ]
        with pytest.raises(PermissionDenied):
            records.save(officer, _theft(officer, store_code="YRK02"))
        assert [s.reference for s in listing.list_incidents(officer)] == [leeds.reference]
        records.save(
            officer, dataclasses.replace(records.get(officer, leeds.reference), location="Till 3")
        )
    finally:
        officer.close()


def test_search_finds_what_a_user_remembers(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    target = _theft(
        vault, narrative="He pulled a Stanley knife on the cashier and took cigarettes."
    )
    target.police.crime_reference = "13/123456/26"
    target = records.save(vault, target)
    other = records.save(
        vault,
        _theft(
            vault,
            narrative="Shoplifter took razor blades, no threats made at all.",
            vehicles=[VehicleSeen("YX68 ABC")],
            goods=[GoodsLine("Gillette blades", 2, 1500)],
        ),
    )

    def found(typed: str) -> list[str]:
        return [s.reference for s in listing.list_incidents(vault, IncidentFilter(search=typed))]

    assert found("stanley knife") == [target.reference]
    assert found("STAN") == [target.reference]  # prefix, any case, as you type
    assert found("cashier cigarettes") == [target.reference]
    assert found("gillette") == [other.reference]
    assert found("red cap") == sorted([target.reference, other.reference], reverse=True)
    assert found("12CD") == [target.reference]  # part of a plate
    assert found("ab12 cde") == [target.reference]
    assert found("123456") == [target.reference]  # part of a crime number
    assert found("knife blades") == []  # every word must match the same incident
    assert len(found("s")) == 2  # one letter typed so far: nothing is filtered out yet
    assert found('"; DROP TABLE incidents; --') == []  # typed text never becomes query syntax
    hit = listing.rows_for_ids(vault, [target.id or 0], IncidentFilter(search="stanley"))[0]
    assert "\x02Stanley\x03" in hit.snippet


def test_list_filters_and_sorting(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    cheap = records.save(
        vault, _theft(vault, when="01/11/2026 10:00", goods=[GoodsLine("Gum", 1, 100)])
    )
    dear = records.save(
        vault, _theft(vault, when="05/11/2026 10:00", goods=[GoodsLine("Perfume", 3, 8000)])
    )
    dear.police.crime_reference = "WY/1"
    dear = records.save(vault, dear)
    abuse = records.save(
        vault, _theft(vault, when="10/11/2026 10:00", incident_type="abuse", goods=[])
    )

    def refs(**kw: object) -> list[str]:
        return [s.reference for s in listing.list_incidents(vault, IncidentFilter(**kw))]  # type: ignore[arg-type]

    assert refs() == [abuse.reference, dear.reference, cheap.reference]
    assert refs(sort=SortKey.LOSS, descending=True)[0] == dear.reference
    assert refs(types=("abuse",)) == [abuse.reference]
    assert refs(missing_crime_reference=True) == [abuse.reference, cheap.reference]
    assert refs(date_from=date(2026, 11, 2), date_to=date(2026, 11, 5)) == [dear.reference]
    assert refs(status="complete") == []
    assert listing.count(vault, IncidentFilter()) == 3
    assert [s.reference for s in listing.page(vault, IncidentFilter(), 1, 5)] == [
        dear.reference,
        cheap.reference,
    ]


def test_deleting_keeps_a_record_in_the_trail(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    saved = records.save(vault, _theft(vault))
    with pytest.raises(InvalidInput, match="Say why"):
        records.delete_incident(vault, saved, " ")
    records.delete_incident(vault, saved, "Logged twice by mistake")
    assert listing.list_incidents(vault) == []
    from opal_desktop.vault.audit_view import AuditFilter, list_entries

    entry = list_entries(vault, AuditFilter(action="incident_deleted"))[0]
    assert entry.record_id == saved.reference and "Logged twice by mistake" in entry.summary


def test_bulk_added_incidents_each_have_a_history_and_the_trail_stays_intact(
    new_vault: NewVault,
) -> None:
    from opal_desktop.incidents import bulk
    from opal_desktop.vault.audit_view import verify_trail

    vault, _ = new_vault()
    result = bulk.add_incidents(
        vault, [_theft(vault), _theft(vault, when="01/11/2026 09:00")], source="test.csv"
    )
    assert (result.first_reference, result.last_reference) == (
        "LDS01-2026-00001",
        "LDS01-2026-00002",
    )
    history = incident_history(vault, result.last_reference)
    assert [(h.action, h.summary) for h in history] == [
        ("incident_created", "LDS01-2026-00002: imported from test.csv")
    ]
    saved = records.get(vault, result.first_reference)
    saved.police.crime_reference = "WY/77"
    records.save(vault, saved)
    assert len(incident_history(vault, result.first_reference)) == 2
    assert verify_trail(vault).intact
