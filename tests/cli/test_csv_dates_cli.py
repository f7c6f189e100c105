"""`incidents import-csv` says how dates that read either way round are read, and
--month-first reads them the other way."""

from __future__ import annotations

from pathlib import Path

from .helpers import Cli


def test_the_check_names_each_either_way_date_column_once_and_month_first_changes_it(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "us.csv"
    path.write_text("Date,Type\n03/04/2026,Theft\n02/01/2026,Theft\n", encoding="utf-8")
    checked = cli("incidents", "import-csv", str(path))
    assert checked.code == 1, checked.err
    said = [line for line in checked.out.splitlines() if line.startswith("Column 'Date'")]
    assert said == [
        "Column 'Date': 2 rows have dates like 03/04/2026 that could be read either way round; "
        "they are read day first, as in the UK (3 April 2026). If this file puts the month "
        "first, run the import again with --month-first."
    ]
    done = cli("incidents", "import-csv", str(path), "--month-first", "--yes", "--json")
    assert done.code == 0, done.err
    doc = done.json()
    assert isinstance(doc, dict)
    assert doc["dates_read"] == "month first"
    assert doc["ambiguous_dates"][0]["read_as"] == "2026-03-04"
    listed = cli("incidents", "list", "--json").json()
    assert isinstance(listed, dict)
    assert sorted(row["occurred_start"][:10] for row in listed["incidents"]) == [
        "2026-02-01",
        "2026-03-04",
    ]
