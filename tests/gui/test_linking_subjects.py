"""Subjects and vehicles windows: a profile opens and saves, merge and undo, the store rule."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.linking.subject_profile import SubjectProfileWindow
from opal_desktop.gui.linking.subjects_window import SubjectsWindow
from opal_desktop.gui.linking.vehicles_window import VehiclesWindow
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog
from opal_desktop.gui.windows.main_window import MainWindow

from .conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    WAIT_MS,
    open_main_window,
)
from .linking_data import RED_CAP, SCAR, cell, on_worker, person_linked_to, two_stores_incidents


def _subjects(qtbot: QtBot, main: MainWindow, rows: int) -> SubjectsWindow:
    window = main.open_subjects()
    assert isinstance(window, SubjectsWindow)
    qtbot.waitUntil(lambda: window.table.rowCount() == rows, timeout=WAIT_MS)
    return window


def _profile(qtbot: QtBot, subjects: SubjectsWindow, reference: str) -> SubjectProfileWindow:
    profile = subjects.open_profile(reference)
    qtbot.waitUntil(lambda: profile.data is not None, timeout=WAIT_MS)
    return profile


def _confirm(qtbot: QtBot, parent: SubjectProfileWindow, reason: str) -> None:
    dialog = parent.findChildren(ReasonDialog)[-1]
    dialog.confirm_button.click()
    assert "Say why" in dialog.message.text()  # nothing happens without a reason
    dialog.reason_edit.setText(reason)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.confirm_button.click()


def test_a_profile_opens_and_its_edits_save(qtbot: QtBot, controller: AppController) -> None:
    from opal_desktop.linking import subjects

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    leeds, _york = two_stores_incidents(qtbot, controller)
    reference = person_linked_to(qtbot, controller, leeds, RED_CAP)
    window = _subjects(qtbot, main, 1)
    assert cell(window.table, 0, 1) == f"{reference} “tall, male, red cap”"
    assert cell(window.table, 0, 2) == "1"
    window.table.selectRow(0)
    window.open_selected()
    profile = window.profiles[reference]
    qtbot.waitUntil(lambda: profile.data is not None, timeout=WAIT_MS)
    assert profile.detail_edits["clothing"].text() == "red cap"
    assert profile.incidents.rowCount() == 1 and cell(profile.incidents, 0, 0) == leeds
    captions = {label.text() for label in profile.findChildren(QLabel)}
    assert {"Name (sensitive)", "Aliases (sensitive)"} <= captions

    profile.detail_edits["marks"].setText("scar under left eye")
    profile.detail_edits["aliases"].setText("Red")
    profile.save_button.click()
    qtbot.waitUntil(lambda: profile.save_state.text() == "Saved.", timeout=WAIT_MS)
    saved = on_worker(qtbot, controller, lambda vault: subjects.get_subject(vault, reference))
    assert saved.details.marks == "scar under left eye" and saved.details.aliases == "Red"
    profile.close()
    window.close()
    assert main.open_subjects() is window  # shown again (and reloaded), not made twice
    qtbot.waitUntil(lambda: not window.busy.running, timeout=WAIT_MS)
    window.close()


def test_merge_then_undo_from_the_profile(qtbot: QtBot, controller: AppController) -> None:
    from opal_desktop.linking import subjects

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    leeds, york = two_stores_incidents(qtbot, controller)
    first = person_linked_to(qtbot, controller, leeds, RED_CAP)
    second = person_linked_to(qtbot, controller, york, SCAR)
    window = _subjects(qtbot, main, 2)
    profile = _profile(qtbot, window, first)
    assert profile.tabs.isTabVisible(profile.merges_index)
    merges = profile.merges
    merges.other_combo.setCurrentIndex(merges.other_combo.findData(second))
    merges.merge_button.click()
    _confirm(qtbot, profile, "Same scar and the same car")
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)  # merged one hidden
    qtbot.waitUntil(lambda: merges.table.rowCount() == 1, timeout=WAIT_MS)
    assert profile.incidents.rowCount() == 2  # the links moved across
    assert cell(merges.table, 0, 2) == "Same scar and the same car"

    merges.table.selectRow(0)
    assert merges.undo_button.isEnabled()
    merges.undo_button.click()
    _confirm(qtbot, profile, "Different height on the York CCTV")
    qtbot.waitUntil(lambda: window.table.rowCount() == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cell(merges.table, 0, 5) == "Yes", timeout=WAIT_MS)
    back = on_worker(qtbot, controller, lambda vault: subjects.get_subject(vault, second))
    assert back.merged_into == "" and back.incident_count == 1
    profile.close()
    window.close()


def test_an_officer_sees_only_their_store_and_no_series(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert main.action_series.isVisible()
    leeds, york = two_stores_incidents(qtbot, controller)
    mine = person_linked_to(qtbot, controller, leeds, RED_CAP)
    person_linked_to(qtbot, controller, york, SCAR)  # York's: not for a Leeds officer
    main.request_sign_out()
    officer = open_main_window(qtbot, controller, OFFICER, OFFICER_PASSWORD)
    assert officer.action_subjects.isVisible() and officer.action_vehicles.isVisible()
    assert not officer.action_series.isVisible()
    window = _subjects(qtbot, officer, 1)
    assert window.rows[0].subject.reference == mine
    profile = _profile(qtbot, window, mine)
    assert not profile.tabs.isTabVisible(profile.merges_index)  # merging is for managers
    profile.close()
    window.close()
    vehicles = officer.open_vehicles()
    assert isinstance(vehicles, VehiclesWindow)
    qtbot.waitUntil(lambda: vehicles.empty_label.isVisibleTo(vehicles), timeout=WAIT_MS)
    vehicles.close()
