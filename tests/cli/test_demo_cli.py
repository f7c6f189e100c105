"""`opal-desktop demo`: a demo vault from the command line, its output, and what it refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from .helpers import ADMIN_PASSWORD, Cli


@pytest.fixture
def fresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    """The CLI pointed at a folder that holds no vault yet."""
    return Cli(tmp_path / "demo", capsys, monkeypatch)


def test_demo_json_lists_what_was_made(fresh: Cli) -> None:
    result = fresh("demo", "--incidents", "120", "--seed", "3", "--json", user=None)
    assert result.code == 0, result.err
    doc = cast(dict[str, Any], result.json())
    assert doc["vault"] == str(fresh.folder)
    assert doc["incidents"]["count"] == 120
    assert doc["password"] is None and doc["password_source"] == "given"
    assert doc["recovery_code"]
    users = {u["username"]: u for u in doc["users"]}
    assert users["admin"]["role"] == "admin" and users["manager"]["role"] == "manager"
    assert users["officer.lds01"] == {
        "username": "officer.lds01",
        "role": "officer",
        "store_code": "LDS01",
    }
    assert len({s["force_id"] for s in doc["stores"]}) >= 3
    series = {s["name"]: s for s in doc["series"]}
    assert series["Grey Audi spirits team"]["ready_to_refer"] is True
    assert series["Razor blade sweep pair"]["missing_crime_references"]
    assert all(s["incidents"] == len(s["incident_references"]) for s in doc["series"])
    assert "sign in as manager" in doc["try_it"]

    signed_in = fresh("info", "--json", user="manager", password=ADMIN_PASSWORD)
    assert signed_in.code == 0, signed_in.err
    assert "must change" not in signed_in.err


def test_without_a_password_three_words_are_chosen_and_printed(fresh: Cli) -> None:
    result = fresh("demo", "--incidents", "60", user=None, password=None)
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if x.startswith("Password (every user):"))
    password = line.split(":", 1)[1].strip()
    assert len(password.split()) == 3 and len(password) >= 12
    assert "Recovery code:" in result.out
    assert f"Try it: opal-desktop --vault {fresh.folder}" in result.out
    assert "officer.man01" in result.out
    officer = fresh("info", user="officer.man01", password=password)
    assert officer.code == 0, officer.err


def test_until_moves_the_year_of_incidents(fresh: Cli) -> None:
    result = fresh("demo", "--incidents", "60", "--until", "31/03/2026", "--json", user=None)
    assert result.code == 0, result.err
    doc = cast(dict[str, Any], result.json())
    assert doc["until"] == "2026-03-31"
    assert doc["incidents"]["last_reference"].split("-")[1] in {"2025", "2026"}
    bad = fresh("demo", "--until", "31/02/2026", user=None, vault=fresh.folder.with_name("x"))
    assert bad.code == 2 and "not a date" in bad.err


def test_the_password_can_come_from_stdin(fresh: Cli) -> None:
    result = fresh(
        "demo",
        "--incidents",
        "60",
        "--password-stdin",
        "--json",
        user=None,
        password=None,
        stdin="lantern pebble walrus\n",
    )
    assert result.code == 0, result.err
    assert cast(dict[str, Any], result.json())["password"] is None
    assert fresh("info", user="officer.hul01", password="lantern pebble walrus").code == 0


def test_a_folder_with_a_vault_is_refused_in_one_sentence(cli: Cli) -> None:
    result = cli("demo", "--incidents", "60")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "already exists" in result.err and result.out == ""


@pytest.mark.parametrize("count", ["5", "999999"])
def test_an_impossible_number_of_incidents_is_refused(fresh: Cli, count: str) -> None:
    result = fresh("demo", "--incidents", count, user=None)
    assert result.code == 2
    assert "between" in result.err and result.err.count("\n") == 1
    assert not fresh.folder.exists()


def test_a_short_password_is_refused_before_anything_is_made(fresh: Cli) -> None:
    result = fresh("demo", "--incidents", "60", user=None, password="short")
    assert result.code == 2
    assert "12 characters" in result.err
    assert not fresh.folder.exists()


def test_the_demo_folder_must_be_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from opal_desktop.cli import main

    monkeypatch.setenv("OPAL_DESKTOP_VAULT", str(tmp_path / "default"))
    assert main(["demo", "--incidents", "60"]) == 2
    assert "--vault DIR" in capsys.readouterr().err
    assert not (tmp_path / "default").exists()
