"""`check` and `rules` from the command line: exit 0 ready, 1 not ready, 2 a problem to fix."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.incidents import records
from opal_desktop.packages.cms import sign_detached
from opal_desktop.referral.rules import shipped_rules
from opal_desktop.vault import identity
from opal_desktop.vault.vault import Vault

from .helpers import ADMIN, ADMIN_PASSWORD, Cli


def _incidents(folder: Path, crime_refs: list[str]) -> list[str]:
    vault = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
    try:
        refs = []
        for day, crime in enumerate(crime_refs, start=1):
            incident = records.new_incident(vault)
            incident.occurred_start = parse_uk_datetime(f"{day:02d}/11/2026 15:00")
            incident.police.crime_reference = crime
            incident.police.reported_on = date(2026, 11, day)
            refs.append(records.save(vault, incident).reference)
        return refs
    finally:
        vault.close()


def test_check_exit_codes_and_lines(cli: Cli, vault_folder: Path) -> None:
    ready = _incidents(vault_folder, ["13/1/26", "13/2/26"])
    not_ready = _incidents(vault_folder, ["13/3/26", ""])
    good = cli("check", "--incidents", ",".join(ready))
    assert good.code == 0 and good.out.startswith(
        "Ready to refer  (rules opal-indicative 2026.1, indicative"
    )
    bad = cli("check", "--incidents", ",".join(not_ready))
    assert bad.code == 1 and bad.out.startswith("Not ready: 1 blocking")
    assert "FAIL  1 of 2 incidents have no police crime reference number." in bad.out
    assert f"      {not_ready[1]}" in bad.out
    doc = json.loads(cli("check", "--incidents", ",".join(not_ready), "--json").out)
    failing = [line for line in doc["lines"] if line["status"] == "fail"]
    assert failing[0]["incidents"] == [not_ready[1]] and doc["rules"]["version"] == "2026.1"
    missing = cli("check", "--series", "SER-0404")
    assert missing.code == 2 and missing.err.strip() == "There is no series SER-0404 in this vault."


def test_rules_show_import_and_trust(cli: Cli, tmp_path: Path) -> None:
    shown = cli("rules", "show")
    assert shown.code == 0 and "indicative values, shipped with the app, not signed" in shown.out
    doc = json.loads(shipped_rules().raw)
    doc["version"] = "2027.1"
    newer = tmp_path / "rules.json"
    newer.write_bytes(json.dumps(doc).encode())
    refused = cli("rules", "import", str(newer))
    assert refused.code == 2 and "not signed" in refused.err
    issuer = identity.generate("Opal Rules Office", "HQ", "HQ01")
    (tmp_path / "issuer.pem").write_text(identity.certificate_pem(issuer.certificate_der))
    (tmp_path / "rules.json.p7s").write_bytes(sign_detached(newer.read_bytes(), issuer))
    assert cli("rules", "trust", str(tmp_path / "issuer.pem")).code == 0
    imported = cli("rules", "import", str(newer), "--signature", str(tmp_path / "rules.json.p7s"))
    assert (
        imported.code == 0 and "signed by" in imported.out and "Opal Rules Office" in imported.out
    )
    versions = json.loads(cli("rules", "show", "--json").out)["imported"]
    assert [(v["version"], v["signed"]) for v in versions] == [("2027.1", True)]
