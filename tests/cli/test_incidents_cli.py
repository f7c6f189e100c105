"""`incidents import-csv`, `incidents list` and `incidents show`, run in-process on real vaults."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

from .helpers import OFFICER, OFFICER_PASSWORD, Cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "csv"


def _json(result: Any) -> dict[str, Any]:
    doc = result.json()
    assert isinstance(doc, dict)
    return doc


def _import(cli: Cli, name: str, *extra: str) -> Any:
    return cli("incidents", "import-csv", str(FIXTURES / name), *extra)


def test_import_checks_first_and_needs_yes_when_not_at_a_terminal(cli: Cli) -> None:
    checked = _import(cli, "bad_rows.csv")
    assert checked.code == 1, checked.err
    assert "UTF-8, comma-delimited, 7 rows" in checked.out
    assert "occurred_date  Date" in checked.out
    assert "Row 3: the date '31/02/2026' is not a date." in checked.out
    assert "Row 7: the store code 'XXX99' is not a store in this vault" in checked.out
    assert "Nothing was imported. Run again with --yes to import the 2 good rows." in checked.out
    assert _json(cli("incidents", "list", "--json"))["total"] == 0

    done = _import(cli, "bad_rows.csv", "--yes")
    assert done.code == 0, done.err
    assert "Imported 2 incidents: LDS01-2025-00001 to LDS01-2025-00002." in done.out
    assert _json(cli("incidents", "list", "--json"))["total"] == 2


def test_import_asks_at_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    from opal_desktop.cli import main

    args = ["--vault", str(cli.folder), "--user", "admin", "incidents", "import-csv"]
    monkeypatch.setenv("OPAL_DESKTOP_PASSWORD", "kettle orbit velvet")
    assert main([*args, str(FIXTURES / "good.csv")]) == 1
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert main([*args, str(FIXTURES / "good.csv")]) == 0
    assert _json(cli("incidents", "list", "--json"))["total"] == 3


def test_import_json_and_map_overrides(cli: Cli) -> None:
    result = _import(
        cli, "cp1252_semicolon.csv", "--map", "narrative=", "--map", "location=Details", "--json"
    )
    assert result.code == 1  # checked, not confirmed
    doc = _json(result)
    assert (doc["encoding"], doc["delimiter"], doc["ready"], doc["imported"]) == (
        "Windows-1252",
        "semicolon",
        1,
        0,
    )
    assert "narrative" not in doc["mapping"] and doc["mapping"]["location"] == "Details"
    done = _json(_import(cli, "cp1252_semicolon.csv", "--yes", "--json"))
    assert (done["imported"], done["first_reference"]) == (1, "LDS01-2025-00001")
    shown = _json(cli("incidents", "show", "LDS01-2025-00001", "--json"))
    assert shown["narrative"].startswith("\u201cHe said")
    assert shown["loss_pence"] == 12050 and shown["police"]["crime_reference"] == "WY/2025/0099"


def test_import_mistakes_are_one_sentence_and_exit_2(cli: Cli, tmp_path: Path) -> None:
    missing = cli("incidents", "import-csv", str(tmp_path / "nope.csv"))
    assert missing.code == 2 and "Cannot read" in missing.err
    (tmp_path / "junk.csv").write_bytes(b"PK\x03\x04junk")
    junk = cli("incidents", "import-csv", str(tmp_path / "junk.csv"))
    assert junk.code == 2 and "Excel workbook" in junk.err and junk.out == ""
    wrong = _import(cli, "good.csv", "--map", "crime_reference=Nope")
    assert wrong.code == 2 and "There is no column called 'Nope'" in wrong.err
    (tmp_path / "allbad.csv").write_bytes(b"Date\n31/02/2025\n")
    nothing = cli("incidents", "import-csv", str(tmp_path / "allbad.csv"), "--yes")
    assert nothing.code == 2 and "None of the rows can be imported" in nothing.err
    usage = cli("incidents", "import-csv", "x.csv", "--map", "nonsense")
    assert usage.code == 2 and "FIELD=COLUMN" in usage.err


def test_list_filters_and_flags_missing_crime_references(cli: Cli) -> None:
    assert _import(cli, "good.csv", "--yes").code == 0
    listed = cli("incidents", "list")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert lines[0].split() == ["REFERENCE", "OCCURRED", "(UK)", "TYPE", "LOSS", "CRIME", "REF", "STILLS", "OFFENDERS", "STATUS"]  # fmt: skip
    assert lines[2].startswith("LDS01-2025-00003  23/11/2025 00:00 GMT  Criminal damage")
    assert "MISSING" in lines[2] and "£1,050.00" in lines[4] and " yes " in lines[4]
    assert "Showing 3 of 3 incidents." in listed.out

    def refs(*args: str) -> list[str]:
        doc = _json(cli("incidents", "list", *args, "--json"))
        return [row["reference"] for row in doc["incidents"]]

    assert refs("--missing-crime-ref") == ["LDS01-2025-00003", "LDS01-2025-00002"]
    assert refs("--type", "Robbery") == ["LDS01-2025-00002"]
    assert refs("--status", "complete") == ["LDS01-2025-00001"]
    assert refs("--from", "22/11/2025", "--to", "22/11/2025") == ["LDS01-2025-00002"]
    assert refs("--sort", "loss", "--ascending", "--limit", "2") == [
        "LDS01-2025-00003",
        "LDS01-2025-00002",
    ]
    assert refs("--search", "knife") == ["LDS01-2025-00002"]
    assert refs("--search", "AB12") == ["LDS01-2025-00001"]  # part of a plate
    assert refs("--store", "YRK02") == []
    searched = cli("incidents", "list", "--search", "knife")
    assert "MATCH" in searched.out and "knife" in searched.out
    bad_date = cli("incidents", "list", "--from", "31/02/2025")
    assert bad_date.code == 2 and "is not a date" in bad_date.err
    bad_type = cli("incidents", "list", "--type", "Teleport")
    assert bad_type.code == 2 and "not a known incident type" in bad_type.err


def test_show_prints_every_section_and_json(cli: Cli) -> None:
    assert _import(cli, "good.csv", "--yes").code == 0
    shown = cli("incidents", "show", "lds01-2025-00001", "--history")
    assert shown.code == 0, shown.err
    for expected in (
        "Reference:    LDS01-2025-00001",
        "Occurred:     21/11/2025 18:05 GMT",
        "Type:         Theft from shop",
        "Tactics:      Foil-lined or booster bag, Distraction",
        "Force:                 West Yorkshire Police",
        "Crime reference:       13/123456/25",
        "Incident (log) number: LOG-0042",
        "Whisky 70cl  -    3    £350.00  £1,050.00",
        "Loss:      £1,050.00",
        "1. male, grey hoodie, black cap",
        "AB12CDE",
        "History",
    ):
        assert expected in shown.out, expected
    draft = cli("incidents", "show", "LDS01-2025-00002")
    assert "Crime reference:       MISSING: add it when the force gives one" in draft.out
    assert "Still to do" in draft.out and "reported to the police" in draft.out
    doc = _json(cli("incidents", "show", "LDS01-2025-00001", "--json", "--history"))
    assert doc["occurred_start"] == "2025-11-21T18:05:00+00:00"
    assert doc["goods"] == [
        {"description": "Whisky 70cl", "quantity": 3, "unit_pence": 35000, "sku": "", "total_pence": 105000}
    ]  # fmt: skip
    assert (doc["stolen_pence"], doc["has_crime_reference"], doc["status"]) == (
        105000,
        True,
        "complete",
    )
    assert doc["vehicles"][0]["vrm"] == "AB12CDE" and isinstance(doc["history"], list)
    unknown = cli("incidents", "show", "LDS01-2025-09999")
    assert unknown.code == 2 and "There is no incident LDS01-2025-09999" in unknown.err


def test_officers_list_their_own_store(with_officer: Cli) -> None:
    cli = with_officer
    assert _import(cli, "good.csv", "--yes").code == 0
    doc = _json(cli("incidents", "list", "--json", user=OFFICER, password=OFFICER_PASSWORD))
    assert doc["total"] == 3  # the officer's own store, LDS01
    imported = cli(
        "incidents", "import-csv", str(FIXTURES / "formula.csv"), "--yes",
        user=OFFICER, password=OFFICER_PASSWORD,
    )  # fmt: skip
    assert imported.code == 0, imported.err
    shown = _json(cli("incidents", "show", "LDS01-2025-00004", "--json", user=OFFICER, password=OFFICER_PASSWORD))  # fmt: skip
    assert shown["narrative"] == '=HYPERLINK("http://x","click")'
    assert shown["created_by"] == OFFICER
