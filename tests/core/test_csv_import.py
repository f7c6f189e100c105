"""CSV import: encodings, delimiters, mapping, bad rows, hostile files, all-or-nothing, 100k rows."""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from opal_desktop.domain.incident import Status
from opal_desktop.domain.roles import Role
from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.incidents import listing, records
from opal_desktop.incidents.csv_import import ImportDefaults, commit, import_defaults, parse
from opal_desktop.incidents.csv_mapping import saved_mapping, suggest_mapping
from opal_desktop.incidents.csv_read import MAX_COLUMNS, preview, read_table
from opal_desktop.incidents.listing import IncidentFilter
from opal_desktop.vault import users
from opal_desktop.vault.models import Store
from opal_desktop.vault.vault import Vault

NewVault = Callable[..., tuple[Vault, str]]
FIXTURES = Path(__file__).parent.parent / "fixtures" / "csv"
DEFAULTS = ImportDefaults(
    store_code="LDS01",
    store_forces={"LDS01": "west-yorkshire", "YRK02": "north-yorkshire"},
    now=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
)


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _plan(data: bytes, defaults: ImportDefaults = DEFAULTS, **overrides: str):  # type: ignore[no-untyped-def]
    table = read_table(data)
    mapping = {**suggest_mapping(table.headers), **overrides}
    return parse(table, mapping, defaults)


def _count(vault: Vault) -> int:
    return listing.count(vault, IncidentFilter())


# --- reading -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["good.csv", "excel_bom.csv"])
def test_a_good_file_with_or_without_excels_bom(name: str) -> None:
    shown = preview(_fixture(name))
    assert shown.encoding == ("UTF-8 with BOM" if name == "excel_bom.csv" else "UTF-8")
    assert shown.headers[0] == "Incident Date"  # no BOM left on the first heading
    assert (shown.delimiter_name, shown.total_rows) == ("comma", 3)
    plan = _plan(_fixture(name))
    assert plan.bad == []
    first, robbery, damage = (r.incident for r in plan.good)
    assert first.occurred_start == datetime(2025, 11, 21, 18, 5, tzinfo=UTC)  # GMT in November
    assert first.incident_type == "theft-from-shop"
    assert first.tactics == ["booster-bag", "distraction"]
    assert first.location == "Aisle 4, spirits"
    assert (first.goods[0].quantity, first.goods[0].unit_pence) == (3, 35000)
    assert first.police.crime_reference == "13/123456/25"
    assert first.police.incident_number == "LOG-0042"
    assert first.police.reported_on == date(2025, 11, 21)
    assert first.vehicles[0].vrm == "AB12CDE"
    assert first.offender_count == 2 and first.offenders[0].clothing.startswith("male")
    assert first.status is Status.COMPLETE
    assert robbery.store_code == "LDS01" and robbery.police.force_id == "west-yorkshire"
    assert robbery.goods[0].total_pence == 25000  # "GBP 250"
    assert robbery.status is Status.DRAFT  # not reported to the police yet
    assert damage.police.crime_reference == ""  # "N/A" means none yet
    assert damage.occurred_start == datetime(2025, 11, 23, 0, 0, tzinfo=UTC)  # ISO date, no time


def test_windows_1252_semicolons_pound_signs_and_curly_quotes() -> None:
    shown = preview(_fixture("cp1252_semicolon.csv"))
    assert (shown.encoding, shown.delimiter_name) == ("Windows-1252", "semicolon")
    assert shown.headers[6] == "Loss £"
    plan = _plan(_fixture("cp1252_semicolon.csv"))
    (row,) = plan.good
    assert row.incident.narrative.startswith("\u201cHe said \u2018sorry\u2019\u201d and ran \u2013")
    assert row.incident.loss_pence == 12050
    assert row.incident.police.crime_reference == "WY/2025/0099"  # kept verbatim


def test_tab_delimited_utf16_as_excel_saves_unicode_text() -> None:
    data = codecs.BOM_UTF16_LE + "Date\tDetails\r\n01/06/2025\tTook £5 of sweets\r\n".encode(
        "utf-16-le"
    )
    shown = preview(data)
    assert (shown.encoding, shown.delimiter_name, shown.rows) == (
        "UTF-16",
        "tab",
        (("01/06/2025", "Took £5 of sweets"),),
    )
    # In June the UK is on BST: midnight local is 23:00 UTC the day before.
    assert _plan(data).good[0].incident.occurred_start == datetime(2025, 5, 31, 23, 0, tzinfo=UTC)


def test_formula_cells_are_kept_as_text_never_evaluated() -> None:
    plan = _plan(_fixture("formula.csv"))
    (row,) = plan.good
    assert row.incident.narrative == '=HYPERLINK("http://x","click")'
    assert row.incident.police.crime_reference == "+cmd|' /C calc'!A0"
    assert row.incident.location == "-2+3"
    assert row.incident.goods[0].description == "@SUM(1)"


def test_dates_times_and_money_as_uk_spreadsheets_write_them() -> None:
    data = (
        "Date,Time,Amount\n"
        '21/11/2025,18:05,"£1,234.50"\n'
        "21-11-25,6:05 pm,12.99 GBP\n"
        "21.11.2025 18:05:00,,GBP 3\n"
        "2025-07-01,00:30,£0.99\n"
    ).encode()
    good = [r.incident for r in _plan(data).good]
    assert [i.stolen_pence for i in good] == [123450, 1299, 300, 99]
    assert [i.occurred_start for i in good] == [
        datetime(2025, 11, 21, 18, 5, tzinfo=UTC),
        datetime(2025, 11, 21, 18, 5, tzinfo=UTC),
        datetime(2025, 11, 21, 18, 5, tzinfo=UTC),
        datetime(2025, 6, 30, 23, 30, tzinfo=UTC),  # BST
    ]


# --- bad rows ----------------------------------------------------------------------------


def test_bad_rows_are_listed_by_spreadsheet_row_number_with_a_reason() -> None:
    plan = _plan(_fixture("bad_rows.csv"))
    assert [r.row for r in plan.good] == [2, 9]  # row 8 is blank and skipped, still counted
    assert plan.blank_rows == 1
    sentences = {b.row: b.sentence for b in plan.bad}
    assert sentences[3] == (
        "Row 3: the date '31/02/2026' is not a date. Type it as day/month/year, like 21/11/2026."
    )
    assert sentences[4].startswith("Row 4: the time '25:00' is not a time of day.")
    assert sentences[5].startswith("Row 5: the value of goods 'twelve pounds' is not an amount")
    assert sentences[6].startswith("Row 6: the type 'Teleportation' is not a known incident type")
    assert sentences[7].startswith("Row 7: the store code 'XXX99' is not a store in this vault")
    assert "5 rows have problems" in plan.summary()


def test_every_problem_in_a_row_is_given_and_future_dates_refused() -> None:
    data = b"Date,Type,Police force,Offenders\n01/01/2030,Teleport,Gotham,lots\n"
    (bad,) = _plan(data).bad
    assert bad.row == 2 and len(bad.reasons) == 4
    assert "in the future" in bad.reasons[0]
    assert "Gotham" in bad.sentence and "'lots' is not a whole number" in bad.sentence


def test_a_row_with_more_cells_than_headings_or_an_overlong_cell_is_bad() -> None:
    data = ("Date,Crime Ref\n01/01/2025,13/1/25,surprise\n02/01/2025," + "9" * 61 + "\n").encode()
    first, second = _plan(data).bad
    assert "more cells than there are column headings" in first.sentence
    assert "longer than 60 characters" in second.sentence


def test_the_mapping_must_name_real_columns_and_the_date() -> None:
    table = read_table(_fixture("good.csv"))
    with pytest.raises(InvalidInput, match="no column called 'Nope'"):
        parse(table, {"occurred_date": "Nope"}, DEFAULTS)
    with pytest.raises(InvalidInput, match="not a field that can be imported"):
        parse(table, {"occurred_date": "Time", "colour_of_sky": "Type"}, DEFAULTS)
    with pytest.raises(InvalidInput, match="every incident needs the date"):
        parse(table, {"narrative": "Description"}, DEFAULTS)


def test_headings_people_use_are_recognised() -> None:
    headers = ["Occurred", "CRN", "Incident No", "Loss £", "Reg", "Site code", "Category", "Narrative", "Force"]  # fmt: skip
    assert suggest_mapping(headers) == {
        "occurred_date": "Occurred",
        "crime_reference": "CRN",
        "police_incident_number": "Incident No",
        "goods_value": "Loss £",
        "vehicle_vrm": "Reg",
        "store_code": "Site code",
        "incident_type": "Category",
        "narrative": "Narrative",
        "police_force": "Force",
    }
    # The saved mapping wins where the file has that column.
    saved = {"narrative": "Force", "goods_value": "Not in this file"}
    suggested = suggest_mapping(headers, saved)
    assert suggested["narrative"] == "Force" and suggested["goods_value"] == "Loss £"
    assert "police_force" not in suggested  # its column is taken


# --- hostile files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"  \r\n\r\n", "The file is empty"),
        (b"PK\x03\x04rest-of-a-zip", "Excel workbook"),
        (b"Date,Notes\n01/01/2025,a\x00b\n", "NUL bytes"),
        (bytes(range(256)) * 40, "NUL bytes"),
        (b"\x81\x8d\x8f\x90\x9d" * 100, "not readable text"),
        (b"Date\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f,x\n" * 3, "does not look like text"),
        (",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)).encode(), "at most 200 columns"),
        (b'Date,Notes\n01/01/2025,"' + b"x" * 200_000 + b"\n", "cell too long"),
    ],
)
def test_hostile_files_are_refused_with_a_sentence(data: bytes, message: str) -> None:
    with pytest.raises(BadFile, match=message):
        read_table(data)


def test_a_file_with_only_headings_has_nothing_to_import() -> None:
    assert preview(b"Date,Description\r\n").total_rows == 0
    with pytest.raises(BadFile, match="no incidents under it"):
        _plan(b"Date,Description\r\n")


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from opal_desktop.incidents import csv_read

    monkeypatch.setattr(csv_read, "MAX_ROWS", 3)
    with pytest.raises(BadFile, match="more than 3 rows"):
        read_table(b"Date\n1/1/25\n2/1/25\n3/1/25\n4/1/25\n")


# --- into a vault ------------------------------------------------------------------------


def test_nothing_is_added_until_commit_and_then_only_the_good_rows(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    plan = parse(_fixture("bad_rows.csv"), suggest_mapping(read_table(_fixture("bad_rows.csv")).headers), import_defaults(vault))  # fmt: skip
    assert _count(vault) == 0
    result = commit(vault, plan, "bad_rows.csv")
    assert (result.count, result.first_reference) == (2, "LDS01-2025-00001")
    assert _count(vault) == 2
    added = records.get(vault, "LDS01-2025-00002")
    assert added.goods[0].total_pence == 750 and added.created_by == "admin"
    with vault.engine.connect() as conn:
        from sqlalchemy import text

        summary = conn.execute(
            text("SELECT summary FROM audit_log WHERE action = 'incidents_imported'")
        ).scalar_one()
    assert summary == "2 incidents added from CSV file bad_rows.csv; 5 rows with problems left out"


def test_zero_good_rows_are_refused_and_nothing_changes(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    plan = _plan(b"Date\n31/02/2025\n", import_defaults(vault))
    with pytest.raises(InvalidInput, match="None of the rows can be imported"):
        commit(vault, plan, "x.csv")
    assert _count(vault) == 0 and saved_mapping(vault) == {}


def test_the_mapping_is_saved_and_offered_next_time(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    data = (
        b"When did it happen,Crime No,What\n01/02/2025,13/1/25,Took sweets from the pick and mix\n"
    )
    plan = _plan(data, import_defaults(vault), occurred_date="When did it happen", narrative="What")
    commit(vault, plan, "first.csv")
    assert saved_mapping(vault) == {
        "crime_reference": "Crime No",
        "narrative": "What",
        "occurred_date": "When did it happen",
    }
    later = read_table(b"What,When did it happen\nx,01/03/2025\n")
    assert suggest_mapping(later.headers, saved_mapping(vault)) == {
        "narrative": "What",
        "occurred_date": "When did it happen",
    }


def test_store_codes_must_exist_and_officers_import_only_their_store(
    new_vault: NewVault, vault_dir: Path
) -> None:
    vault, _ = new_vault()
    with vault.session() as session, session.begin():
        session.add(
            Store(
                code="YRK02", name="York", retailer="Northern Grocers Ltd", address="",
                postcode="", force_id="north-yorkshire", is_home=False,
                created_at="2026-01-01T00:00:00+00:00",
            )
        )  # fmt: skip
    data = b"Date,Store\n01/02/2025,YRK02\n02/02/2025,lds01\n03/02/2025,ZZZ01\n"
    plan = _plan(data, import_defaults(vault))
    assert [r.incident.store_code for r in plan.good] == ["YRK02", "LDS01"]
    assert plan.good[0].incident.police.force_id == "north-yorkshire"  # the store's force
    assert plan.bad[0].sentence.startswith("Row 4: the store code 'ZZZ01' is not a store")
    users.add_user(vault, "olly", "Olly", Role.OFFICER, "officer first password", must_change_password=False)  # fmt: skip
    vault.close()
    officer = Vault.open(vault_dir, "olly", "officer first password")
    try:
        plan = _plan(data, import_defaults(officer))
        assert [r.row for r in plan.good] == [3]
        assert (
            "your role lets you import only your own store's incidents (LDS01)"
            in plan.bad[0].sentence
        )
    finally:
        officer.close()


@pytest.mark.slow
def test_a_100k_row_file_imports_completely(new_vault: NewVault) -> None:
    vault, _ = new_vault()
    lines = ["Date,Time,Type,Location,Description,Goods,Value,Crime Ref,VRM,Offenders"]
    for i in range(100_000):
        year = 2024 + i % 2  # a store has 99,999 references a year
        lines.append(
            f"{1 + i % 28:02d}/{1 + i % 12:02d}/{year},{i % 24:02d}:{i % 60:02d},Shoplifting,"
            f"Aisle {i % 9},Row {i} took goods and left without paying,Item {i},"
            f'"£{i % 900},{i % 1000:03d}.{i % 100:02d}",{f"13/{i:06d}/25" if i % 3 else ""},'
            f"AB{i % 100:02d} CDE,1"
        )
    data = ("\r\n".join(lines) + "\r\n").encode()
    started = time.perf_counter()
    plan = _plan(data, import_defaults(vault))
    parsed = time.perf_counter()
    assert len(plan.good) == 100_000 and plan.bad == []
    result = commit(vault, plan, "big.csv")
    print(f"100k rows: parse {parsed - started:.1f} s, commit {time.perf_counter() - parsed:.1f} s")
    assert result.count == 100_000 == _count(vault)
    spot = records.get(vault, "LDS01-2025-00001")  # i = 1: the first 2025 row
    assert spot.narrative == "Row 1 took goods and left without paying"
    assert spot.goods[0].total_pence == 100101 and spot.vehicles[0].vrm == "AB01CDE"
    assert spot.police.crime_reference == "13/000001/25"
    assert listing.count(vault, IncidentFilter(search="AB77CDE")) == 1000


def test_a_quotation_mark_never_closed_is_reported_with_its_line_not_swallowed() -> None:
    data = (
        b"Date,Time,Narrative\r\n20/11/2026,17:45,First\r\n"
        b'21/11/2026,18:05,"Took two bottles\r\n22/11/2026,09:10,Lost into the cell above\r\n'
        b"23/11/2026,10:00,And this one\r\n"
    )
    with pytest.raises(BadFile, match=r"^Row 3 \(line 3 of the file\) opens a quotation mark"):
        read_table(data)


def test_stray_quotes_inside_cells_are_still_read_as_spreadsheets_write_them() -> None:
    table = read_table(b'Date,Goods\n20/11/2026,5" TV and "Sky" box\n21/11/2026,"a ""b"" c"\n')
    assert table.rows == [["20/11/2026", '5" TV and "Sky" box'], ["21/11/2026", 'a "b" c']]
