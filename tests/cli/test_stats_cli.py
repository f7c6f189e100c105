"""`opal-desktop stats` and `opal-desktop report` on a real demo vault: the figures against the
demo's own incidents, the signed PDF checked with poppler (pdfsig, pdftotext), bad input in
one sentence."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from opal_desktop.domain.incident import Incident
from opal_desktop.domain.timeutil import utc_to_london
from opal_desktop.incidents.demo import build_demo
from opal_desktop.incidents.demo_generate import generate
from opal_desktop.vault import keyfile

from .helpers import FAST_KDF, Cli

PASSWORD = "demo password long"
COUNT, SEED = 150, 5


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    saved = keyfile.DEFAULT_KDF
    keyfile.DEFAULT_KDF = FAST_KDF
    try:
        return build_demo(tmp_path_factory.mktemp("stats") / "vault", incidents=COUNT, seed=SEED,
                          password=PASSWORD).folder  # fmt: skip
    finally:
        keyfile.DEFAULT_KDF = saved


@pytest.fixture
def cli(
    demo_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Cli:
    return Cli(demo_folder, capsys, monkeypatch)


def _planned_in_november(stores: set[str] | None = None) -> list[Incident]:
    plan = generate(COUNT, SEED)
    return [
        i for i in plan.incidents
        if i.occurred_start and utc_to_london(i.occurred_start).strftime("%Y-%m") == "2026-11"
        and (stores is None or i.store_code in stores)
    ]  # fmt: skip


def test_stats_json_without_options_counts_everything_the_manager_may_see(cli: Cli) -> None:
    result = cli("stats", "--json", user="manager", password=PASSWORD)
    assert result.code == 0, result.err
    doc: Any = result.json()
    plan = generate(COUNT, SEED).incidents
    assert doc["scope"]["period"] is None and len(doc["scope"]["stores"]) == 9
    assert doc["incidents"] == COUNT
    assert doc["loss_pence"] == sum(i.loss_pence for i in plan)
    missing = sum(1 for i in plan if not i.has_crime_reference)
    assert doc["readiness"]["missing_crime_reference"] == missing > 0
    assert doc["readiness"]["with_crime_reference"] == COUNT - missing
    assert sum(sum(hours) for hours in doc["weekday_hour"].values()) == COUNT
    assert {"top_types", "top_tactics", "top_goods", "repeat_subjects", "repeat_vehicles"} <= set(
        doc
    )


def test_stats_for_a_period_and_stores(cli: Cli) -> None:
    result = cli("stats", "--period", "2026-11", "--stores", "LDS01,YRK01", "--json", user="manager",
                 password=PASSWORD)  # fmt: skip
    assert result.code == 0, result.err
    doc: Any = result.json()
    expected = _planned_in_november({"LDS01", "YRK01"})
    assert doc["scope"] == {"period": {"start": "2026-11-01", "end": "2026-11-30", "label": "November 2026"},
                            "stores": ["LDS01", "YRK01"]}  # fmt: skip
    assert doc["incidents"] == len(expected)
    assert doc["loss_pence"] == sum(i.loss_pence for i in expected)
    assert sum(w["incidents"] for w in doc["weeks"]) == len(expected)
    text = cli("stats", "--period", "2026-11", user="manager", password=PASSWORD)
    assert text.code == 0 and "November 2026 · all stores" in text.out
    assert "Incidents:" in text.out and "With a crime reference:" in text.out


@pytest.mark.parametrize(
    ("args", "user", "message"),
    [
        (
            ["stats", "--period", "2026-13"],
            "manager",
            "The period '2026-13' is not one: give a month like 2026-11",
        ),
        (["stats", "--stores", "LDS01,NOPE1"], "manager", "There is no store NOPE1 in this vault"),
        (
            ["stats", "--stores", "LDS01"],
            "officer.yrk01",
            "You may see only YRK01's figures, not LDS01's",
        ),
        (
            ["report", "--period", "2026-13", "--out", "x.pdf"],
            "manager",
            "The period '2026-13' is not one",
        ),
        (["report", "--out", "x.pdf"], "officer.yrk01", "does not allow you to sign reports"),
        (["report", "--out", "report.txt"], "manager", "give --out a name ending in .pdf"),
    ],
)
def test_bad_input_is_one_sentence(
    cli: Cli, tmp_path: Path, args: list[str], user: str, message: str
) -> None:
    args = [str(tmp_path / a) if a.endswith((".pdf", ".txt")) else a for a in args]
    result = cli(*args, user=user, password=PASSWORD)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []  # nothing half-written


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_report_is_a_signed_pdf_with_the_charts(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = cli("report", "--period", "2026-11", "--stores", "LDS01,YRK01", "--out", str(out),
                 user="manager", password=PASSWORD)  # fmt: skip
    assert result.code == 0, result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.pdf"
    ]  # no chart or temp files left
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False).stdout
    assert "Signature is Valid." in sig and "Total document signed" in sig
    assert "Northern Grocers Ltd (DEMO)" in sig
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    expected = _planned_in_november({"LDS01", "YRK01"})
    for words in ("Loss-prevention report", "OFFICIAL-SENSITIVE", "November 2026", "LDS01, YRK01",
                  "Incidents per week", "Loss per week (£)", "Week starting (UK dates, dd/mm)",
                  "UK local time", "Top tactics", "Opal readiness", "Same dates a year earlier"):  # fmt: skip
        assert words in text, words
    assert f"Incidents {len(expected)}" in " ".join(text.split())
    # a changed byte breaks the signature
    data = bytearray(out.read_bytes())
    at = data.index(b"/Title")
    data[at + 8] ^= 1
    (tmp_path / "tampered.pdf").write_bytes(bytes(data))
    tampered = subprocess.run(["pdfsig", str(tmp_path / "tampered.pdf")], capture_output=True, text=True,
                              check=False).stdout  # fmt: skip
    assert "Signature is Valid." not in tampered


def test_report_defaults_to_the_last_full_month(cli: Cli, tmp_path: Path) -> None:
    from opal_desktop.dashboard.scope import last_full_month
    from opal_desktop.domain.timeutil import utc_now

    out = tmp_path / "r.pdf"
    result = cli("report", "--out", str(out), user="manager", password=PASSWORD)
    assert result.code == 0, result.err
    assert last_full_month(utc_to_london(utc_now()).date()).label in result.err
    audit = cli("audit", "list", "--json", user="admin", password=PASSWORD)
    assert "report_exported" in audit.out
