"""Settings > Referral rules: the rules in use, importing newer ones, the trusted issuer."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.referral.import_dialog import ImportRulesDialog
from opal_desktop.gui.referral.rules_group import INDICATIVE_TEXT, NO_ISSUER, RulesGroup
from opal_desktop.gui.windows.settings_dialog import SettingsDialog
from opal_desktop.packages.cms import sign_detached
from opal_desktop.referral.rules import shipped_rules
from opal_desktop.vault import identity

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window


def rules_group(qtbot: QtBot, controller: AppController) -> RulesGroup:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_settings()
    dialog = main._open_windows["settings"]
    assert isinstance(dialog, SettingsDialog)
    group = dialog.rules_group
    qtbot.waitUntil(lambda: group.view is not None, timeout=WAIT_MS)
    return group


def newer_rules(folder: Path, version: str = "2027.1") -> Path:
    doc = json.loads(shipped_rules().raw)
    doc["version"] = version
    path = folder / f"opal-rules-{version}.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def chosen(qtbot: QtBot, group: RulesGroup, path: Path) -> ImportRulesDialog:
    dialog = group.open_import()
    dialog.use_rules_file(path)
    qtbot.waitUntil(lambda: not dialog.busy.running, timeout=WAIT_MS)
    return dialog


def test_shows_the_shipped_rules_as_indicative(qtbot: QtBot, controller: AppController) -> None:
    group = rules_group(qtbot, controller)
    assert group.in_use.text() == (
        "Indicative referral checks (opal-indicative 2026.1) — "
        "indicative values, shipped with the app, not signed"
    )
    assert group.indicative.text() == INDICATIVE_TEXT and not group.indicative.isHidden()
    assert group.issuer.text() == NO_ISSUER
    assert group.versions.topLevelItemCount() == 0 and not group.no_versions.isHidden()


def test_an_unsigned_newer_file_needs_confirming_then_is_in_use(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    group = rules_group(qtbot, controller)
    dialog = chosen(qtbot, group, newer_rules(tmp_path))
    assert "version 2027.1" in dialog.summary.text()
    assert dialog.signature is None and dialog.unsigned_check.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()  # not until confirmed
    dialog.import_now()
    assert dialog.error.text().startswith("Tick the box to confirm")
    assert group.view is not None and group.view.in_use.rules.version == "2026.1"

    dialog.unsigned_check.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        dialog.import_button.click()
    assert group.in_use.text().startswith("Indicative referral checks (opal-indicative 2027.1) —")
    assert group.in_use.text().endswith("imported by j.smith, not signed")
    assert group.done.text() == "Imported: version 2027.1 is now in use."
    assert group.versions.topLevelItemCount() == 1
    row = group.versions.topLevelItem(0)
    assert row is not None
    assert row.text(0) == "opal-indicative 2027.1 (in use)" and row.text(1) == "Unsigned"


def test_a_malformed_file_shows_the_reason_and_the_rules_stay(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    group = rules_group(qtbot, controller)
    bad = tmp_path / "rules.json"
    doc = json.loads(shipped_rules().raw)
    doc["version"] = "2027.1"
    doc["requirements"][0]["kind"] = "guess"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    dialog = chosen(qtbot, group, bad)
    assert dialog.error.text().startswith(
        "rules.json does not follow the rules format at requirements/0"
    )
    assert dialog.error.text().endswith("The rules in use stay as they are.")
    assert dialog.chosen is None and not dialog.import_button.isEnabled()

    bad.write_bytes(b"{not json")
    dialog.use_rules_file(bad)
    qtbot.waitUntil(
        lambda: "not a readable JSON rules file" in dialog.error.text(), timeout=WAIT_MS
    )
    dialog.reject()
    assert group.in_use.text().startswith("Indicative referral checks (opal-indicative 2026.1)")


def test_a_signed_file_from_the_trusted_issuer_needs_no_confirmation(
    qtbot: QtBot,
    controller: AppController,
    tmp_path: Path,
    signing_material: identity.IdentityMaterial,
) -> None:
    group = rules_group(qtbot, controller)
    pem = tmp_path / "issuer.pem"
    pem.write_text(identity.certificate_pem(signing_material.certificate_der), encoding="ascii")
    group.trust(pem)
    qtbot.waitUntil(lambda: group.issuer.text() != NO_ISSUER, timeout=WAIT_MS)
    assert "Northgate Retail Ltd" in group.issuer.text()

    rules = newer_rules(tmp_path, "2027.2")
    rules.with_name(rules.name + ".p7s").write_bytes(
        sign_detached(rules.read_bytes(), signing_material)
    )
    dialog = chosen(qtbot, group, rules)
    assert dialog.signature == rules.with_name(rules.name + ".p7s")  # found beside the file
    assert not dialog.unsigned_check.isVisibleTo(dialog) and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        dialog.import_now()
    assert "(opal-indicative 2027.2)" in group.in_use.text()
    assert "signed by" in group.in_use.text() and "Northgate Retail Ltd" in group.in_use.text()
    row = group.versions.topLevelItem(0)
    assert row is not None and row.text(1) == "Signed" and "Northgate" in row.toolTip(1)

    not_pem = tmp_path / "not.pem"
    not_pem.write_text("hello", encoding="ascii")
    group.trust(not_pem)
    qtbot.waitUntil(lambda: bool(group.message.text()), timeout=WAIT_MS)
    assert group.message.text().startswith("That is not a PEM certificate file")
