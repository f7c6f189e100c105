"""The series window's "Check readiness…" opens the referral checklist for that series."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.linking.series_window import SeriesWindow
from opal_desktop.gui.referral.checklist import ChecklistDialog

from .conftest import MANAGER, MANAGER_PASSWORD, WAIT_MS, open_main_window, run_on_worker
from .test_referral_checklist import add_incidents, checked


def test_check_readiness_from_the_series_window(qtbot: QtBot, controller: AppController) -> None:
    from opal_desktop.linking import series

    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    window = main.open_series()
    assert isinstance(window, SeriesWindow)
    window.check_button.click()  # nothing chosen yet
    assert window.message.text() == "Choose a series in the list first, then check it."

    refs = add_incidents(qtbot, controller, ["13/1/26", "", "13/3/26"])
    assert controller.session is not None
    vault = controller.session.vault

    def make() -> str:
        reference = series.create_series(vault, "Red cap razor team")
        series.add_members(vault, reference, "incident", refs)
        return reference

    reference = run_on_worker(qtbot, controller.runner, make)
    window.refresh(reference)
    qtbot.waitUntil(lambda: window.view is not None, timeout=WAIT_MS)
    window.check_button.click()
    dialog = main._open_windows["referral"]
    assert isinstance(dialog, ChecklistDialog)
    checked(qtbot, dialog)
    assert dialog.target.series == reference
    assert dialog.verdict.text() == "✗  Not ready: 1 blocking"
    assert dialog.about.text().startswith(f"Series {reference} checked at ")
    assert dialog.line_views[0].links is not None
    assert dialog.line_views[0].links.references() == [refs[1]]
