"""`subjects`, `vehicles` and `series` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.incidents import records
from opal_desktop.linking import links, series, subjects
from opal_desktop.linking.models import SubjectDetails, SubjectRole
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli


def _seed(folder: Path) -> str:
    vault = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
    try:
        refs = []
        for when in ("01/11/2026 17:00", "05/11/2026 16:30"):
            incident = records.new_incident(vault)
            incident.occurred_start = parse_uk_datetime(when)
            refs.append(records.save(vault, incident).reference)
        person = subjects.create_subject(
            vault, SubjectDetails(sex="male", height="tall", clothing="red cap")
        )
        for ref in refs:
            links.link_subject(
                vault, ref, person.reference, SubjectRole.OFFENDER, "Red cap on CCTV"
            )
        links.link_vehicle(vault, refs[1], "YR19 KXD", "Left in it", make="Audi", colour="grey")
        reference = series.create_series(vault, "Grey Audi spirits team")
        series.add_members(vault, reference, "incident", refs)
        return reference
    finally:
        vault.close()


def test_subjects_vehicles_and_series(cli: Cli, vault_folder: Path, tmp_path: Path) -> None:
    reference = _seed(vault_folder)
    listed = cli("subjects", "list")
    assert listed.code == 0 and "SUBJ-0001 “tall, male, red cap”" in listed.out
    shown = json.loads(cli("subjects", "show", "SUBJ-0001", "--json").out)
    assert [link["reason"] for link in shown["links"]] == ["Red cap on CCTV", "Red cap on CCTV"]
    assert "YR19KXD" in cli("vehicles", "list").out
    assert json.loads(cli("vehicles", "show", "yr19 kxd", "--json").out)["incident_count"] == 1
    chart = tmp_path / "chart.png"
    detail = cli("series", "show", reference, "--chart", str(chart))
    assert detail.code == 0 and "Grey Audi spirits team" in detail.out and "MISSING" in detail.out
    with Image.open(chart) as picture:
        assert picture.format == "PNG"
    as_json = json.loads(cli("series", "show", reference, "--json").out)
    assert [row["vrms"] for row in as_json["timeline"]] == [[], ["YR19KXD"]]
    assert json.loads(cli("series", "list", "--json").out)[0]["incidents"] == 2


def test_unknown_series_is_one_sentence(cli: Cli) -> None:
    result = cli("series", "show", "SER-0999")
    assert result.code == 2 and result.err.strip() == "There is no series SER-0999 in this vault."
