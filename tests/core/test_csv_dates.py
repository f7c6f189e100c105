"""CSV import: dates that read either way round (03/04/2026) are said once per column in
the preview, with how they were read and how to choose the other order."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from opal_desktop.incidents.csv_import import ImportDefaults, parse
from opal_desktop.incidents.csv_mapping import suggest_mapping
from opal_desktop.incidents.csv_read import read_table

DEFAULTS = ImportDefaults(
    store_code="LDS01",
    store_forces={"LDS01": "west-yorkshire"},
    now=datetime(2026, 11, 21, 12, 0, tzinfo=UTC),
)
SWITCH = "choose month first"
FILE = (
    "Date,Type,Reported to police\r\n"
    "03/04/2026 10:00,Theft,05/04/2026\r\n"  # either way round, both columns
    "13/04/2026,Theft,14/04/2026\r\n"  # only day first
    "02/01/26,Theft,\r\n"  # either way round (two-digit year)
    "04/04/2026,Theft,\r\n"  # the same either way
    "2026-03-04,Theft,\r\n"  # ISO: never ambiguous
    "03/04/2026,Theft,\r\n"
)


def _plan(data: str, month_first: bool = False):  # type: ignore[no-untyped-def]
    table = read_table(data.encode())
    return parse(table, suggest_mapping(table.headers), DEFAULTS, month_first=month_first)


def test_each_date_column_with_either_way_dates_is_said_once_with_its_count() -> None:
    plan = _plan(FILE)
    assert plan.bad == [] and not plan.month_first
    by_column = {note.column: note for note in plan.ambiguous_dates}
    assert set(by_column) == {"Date", "Reported to police"}
    occurred = by_column["Date"]
    assert (occurred.rows, occurred.example, occurred.read_as) == (
        3,
        "03/04/2026",
        date(2026, 4, 3),
    )
    assert occurred.sentence(SWITCH) == (
        "Column 'Date': 3 rows have dates like 03/04/2026 that could be read either way "
        "round; they are read day first, as in the UK (3 April 2026). If this file puts the "
        "month first, choose month first."
    )
    reported = by_column["Reported to police"]
    assert reported.sentence(SWITCH).startswith(
        "Column 'Reported to police': 1 row has a date like 05/04/2026 that could be read "
        "either way round; it is read day first, as in the UK (5 April 2026)."
    )
    first = plan.good[0].incident
    assert first.occurred_start is not None and first.occurred_start.month == 4
    assert first.police.reported_on == date(2026, 4, 5)


def test_month_first_reads_them_the_other_way_and_says_so() -> None:
    plan = _plan(FILE, month_first=True)
    first = plan.good[0].incident
    assert first.occurred_start is not None
    assert (first.occurred_start.month, first.occurred_start.day) == (3, 4)
    assert first.police.reported_on == date(2026, 5, 4)
    occurred = next(n for n in plan.ambiguous_dates if n.column == "Date")
    assert occurred.read_as == date(2026, 3, 4)
    assert (
        "they are read month first, US style (4 March 2026). If this file puts the day first"
        in (occurred.sentence("choose day first"))
    )
    # 13/04/2026 has no 13th month: that row is refused with a sentence, not guessed
    assert [row.row for row in plan.bad] == [3]
    assert "is not a month/day/year date" in plan.bad[0].sentence


def test_a_file_with_no_either_way_dates_says_nothing_about_them() -> None:
    plan = _plan("Date,Type\r\n13/04/2026,Theft\r\n04/04/2026,Theft\r\n2026-03-04,Theft\r\n")
    assert plan.bad == [] and plan.ambiguous_dates == ()


def test_a_us_date_in_a_day_first_file_is_refused_with_the_way_out() -> None:
    plan = _plan("Date,Type\r\n04/21/2026,Theft\r\n")
    assert "looks like month first (US style)" in plan.bad[0].sentence


@pytest.mark.parametrize("rows", [1, 1000])
def test_counting_is_per_row_not_per_distinct_date(rows: int) -> None:
    plan = _plan("Date,Type\r\n" + "03/04/2026,Theft\r\n" * rows)
    assert plan.ambiguous_dates[0].rows == rows
