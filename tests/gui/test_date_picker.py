"""The calendar inside the editor's date fields: picking a day is an edit like typing one."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from opal_desktop.domain.timeutil import utc_to_london
from opal_desktop.gui.app import AppController
from opal_desktop.gui.widgets.date_picker import TOOLTIP, CalendarPopup
from opal_desktop.incidents import records

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window, run_on_worker
from .incident_data import add_incident, open_editor


def _open_calendar(qtbot: QtBot, edit: QLineEdit, popup: CalendarPopup) -> None:
    button = next(a for a in edit.actions() if a.toolTip() == TOOLTIP)
    button.trigger()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)


def test_picking_a_day_keeps_the_time_and_is_saved(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    incident = add_incident(qtbot, controller, when="14/11/2026 16:20")
    editor = open_editor(qtbot, main, incident.reference)
    when = editor.ui.when
    _open_calendar(qtbot, when.start_edit, when.start_calendar)
    assert when.start_calendar.calendar.selectedDate() == QDate(2026, 11, 14)  # opens on its day
    when.start_calendar.calendar.clicked.emit(QDate(2026, 11, 10))
    assert not when.start_calendar.isVisible()
    assert when.start_edit.text() == "10/11/2026 16:20"
    editor.save_now()
    assert controller.session is not None
    vault = controller.session.vault

    def moved() -> bool:
        saved = run_on_worker(
            qtbot, controller.runner, lambda: records.get(vault, incident.reference)
        )
        start = saved.occurred_start
        return (
            start is not None
            and utc_to_london(start).strftime("%d/%m/%Y %H:%M") == "10/11/2026 16:20"
        )

    qtbot.waitUntil(moved, timeout=WAIT_MS)
    editor.close()


def test_an_empty_field_gets_the_day_and_waits_for_the_time(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    editor = open_editor(qtbot, main)
    when, police = editor.ui.when, editor.ui.police
    assert when.end_edit.text() == ""
    _open_calendar(qtbot, when.end_edit, when.end_calendar)
    calendar = when.end_calendar.calendar
    assert calendar.maximumDate() == QDate.currentDate()  # nothing has happened tomorrow yet
    calendar.activated.emit(QDate(2026, 11, 3))
    assert when.end_edit.text() == "03/11/2026 " and when.end_edit.hasFocus()
    _open_calendar(qtbot, police.reported_edit, police.reported_calendar)
    police.reported_calendar.calendar.clicked.emit(QDate(2026, 11, 4))
    assert police.reported_edit.text() == "04/11/2026"  # a date field gets no time
    editor.close()
