"""The referral checklist: verdict in words, the rules used, incidents at fault that open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.gui.app import AppController
from opal_desktop.gui.referral.checklist import ChecklistDialog
from opal_desktop.gui.referral.rules_group import RulesGroup
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.windows.main_window import MainWindow

from .conftest import (
    MANAGER,
    MANAGER_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    WAIT_MS,
    open_main_window,
    run_on_worker,
)


def add_incidents(qtbot: QtBot, controller: AppController, crime_refs: list[str]) -> list[str]:
    """Reported incidents on consecutive days; an empty crime reference is left missing."""
    from opal_desktop.incidents import records

    assert controller.session is not None
    vault = controller.session.vault

    def work() -> list[str]:
        made = []
        for day, crime in enumerate(crime_refs, start=1):
            incident = records.new_incident(vault)
            incident.occurred_start = parse_uk_datetime(f"{day:02d}/11/2026 15:00")
            incident.incident_type = "theft-from-shop"
            incident.police.crime_reference = crime
            incident.police.reported_on = date(2026, 11, day)
            made.append(records.save(vault, incident).reference)
        return made

    return run_on_worker(qtbot, controller.runner, work)


def checked(qtbot: QtBot, dialog: ChecklistDialog) -> ChecklistDialog:
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.busy.running, timeout=WAIT_MS)
    return dialog


def select_all_in_list(qtbot: QtBot, main: MainWindow, count: int) -> None:
    main.incident_list.refresh()
    qtbot.waitUntil(
        lambda: len(main.incident_list.selected_references()) == count or _select(main),
        timeout=WAIT_MS,
    )


def _select(main: MainWindow) -> bool:
    main.incident_list.ui.table.selectAll()
    return False


def test_not_ready_names_the_incident_and_enter_opens_it(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    refs = add_incidents(qtbot, controller, ["13/100/26", ""])
    select_all_in_list(qtbot, main, 2)
    main.action_check_referral.trigger()
    dialog = checked(qtbot, main._open_windows["referral"])  # type: ignore[arg-type]
    assert isinstance(dialog, ChecklistDialog)

    assert dialog.verdict.text() == "✗  Not ready: 1 blocking"
    assert dialog.verdict.property("status") == "fail"
    first = dialog.line_views[0]  # blocking lines come first
    assert first.line.requirement_id == "crime-reference"
    assert first.mark.text() == "✗  Blocking"
    assert first.sentence.text().startswith("1 of 2 incidents have no police crime reference")
    assert first.links is not None and first.links.references() == [refs[1]]
    assert QApplication.focusWidget() is first.links or not dialog.isActiveWindow()

    first.links.setFocus()
    first.links.setCurrentRow(0)
    QTest.keyClick(first.links, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.reference for e in main.editors] == [refs[1]], timeout=WAIT_MS)

    assert "Not ready: 1 blocking" in dialog.text()
    assert "FAIL  1 of 2 incidents" in dialog.text() and refs[1] in dialog.text()
    dialog.copy_text()
    assert QApplication.clipboard().text() == dialog.text()


def test_ready_shows_ready_and_the_indicative_rules(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    refs = add_incidents(qtbot, controller, ["13/1/26", "13/2/26"])
    dialog = checked(qtbot, main.open_checklist(CheckTarget(incidents=tuple(refs))))  # type: ignore[arg-type]
    assert dialog.verdict.text() == "✓  Ready to refer"
    assert dialog.verdict.property("status") == "pass"
    assert dialog.rules.text() == (
        "Rules: Indicative referral checks (opal-indicative 2026.1) — "
        "indicative values, shipped with the app, not signed"
    )
    assert all(view.line.status != "fail" for view in dialog.line_views)
    assert dialog.about.text().startswith("2 incidents checked at ")

    # Another check asked for while one is under way: the last one asked for is shown
    dialog.again_button.click()
    assert dialog.busy.running
    main.open_checklist(CheckTarget(incidents=(refs[0],)))
    qtbot.waitUntil(lambda: dialog.about.text().startswith("1 incident checked"), timeout=WAIT_MS)
    assert dialog.verdict.text() == "✓  Ready to refer" and dialog.view is not None
    assert dialog.view.result.incidents == (refs[0],)


def test_nothing_selected_says_what_to_do(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    assert main.action_check_referral.shortcut().toString() == "Ctrl+R"
    assert main.check_referral() is None
    label = main.incident_list.ui.messageLabel
    assert label.text().startswith("Select the incidents to check in the list first")


def test_officer_checks_own_incidents_and_never_sees_rules_import(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, OFFICER, OFFICER_PASSWORD)
    refs = add_incidents(qtbot, controller, [""])
    assert main.action_check_referral.isVisible()
    dialog = checked(qtbot, main.open_checklist(CheckTarget(incidents=tuple(refs))))  # type: ignore[arg-type]
    assert dialog.verdict.text() == "✗  Not ready: 1 blocking"

    missing = main.open_checklist(CheckTarget(incidents=("LDS01-2026-99999",)))
    assert isinstance(missing, ChecklistDialog)
    qtbot.waitUntil(lambda: bool(missing.error.text()), timeout=WAIT_MS)
    assert "LDS01-2026-99999" in missing.error.text() and "\n" not in missing.error.text()

    assert not main.ui.actionSettings.isVisible()
    assert controller.session is not None
    group = RulesGroup(controller.session.vault, controller.runner)
    qtbot.addWidget(group)
    qtbot.waitUntil(lambda: group.view is not None, timeout=WAIT_MS)
    assert group.import_button.isHidden() and group.trust_button.isHidden()
