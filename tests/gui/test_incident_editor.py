"""The incident editor driven from the keyboard: validation beside the fields, completing,
goods totals, conflicts, history and deleting."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from opal_desktop.domain.incident import Status
from opal_desktop.domain.timeutil import add_months, utc_to_london
from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.incident_delete import DeleteDialog
from opal_desktop.gui.windows.incident_editor import IncidentEditor
from opal_desktop.gui.windows.incident_history import HistoryWindow
from opal_desktop.incidents import records
from opal_desktop.paths import resource

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window, run_on_worker
from .incident_data import add_incident, message, open_editor, wait_for_list

CTRL = Qt.KeyboardModifier.ControlModifier


def _type(text: str) -> None:
    """Type into whatever has the keyboard focus, as a person would."""
    widget = QApplication.focusWidget()
    assert widget is not None
    QTest.keyClicks(widget, text)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def _tab(times: int = 1) -> None:
    for _ in range(times):
        widget = QApplication.focusWidget()
        assert widget is not None
        QTest.keyClick(widget, Qt.Key.Key_Tab)


def _saved(qtbot: QtBot, editor: IncidentEditor) -> None:
    qtbot.waitUntil(lambda: editor.ui.save_state.text().startswith("Saved"), timeout=WAIT_MS)


def test_keyboard_alone_logs_an_incident_and_marks_it_complete(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.activateWindow()
    QTest.keyClick(main, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(main.editors), timeout=WAIT_MS)
    editor = main.editors[0]
    ui = editor.ui
    editor.activateWindow()
    ui.first_field().setFocus()
    assert editor.windowTitle() == "New incident — Opal Desktop"
    assert not ui.history_button.isEnabled() and not ui.delete_button.isEnabled()

    logged = editor.context.incident.reported_at
    assert logged is not None  # until it happened is known, the review counts from logging
    expected = add_months(utc_to_london(logged).date(), 24).strftime("%d/%m/%Y")
    assert ui.witnesses.review_label.text().startswith(expected)
    _type("20/11/2026 17:45")
    assert ui.witnesses.review_label.text().startswith("20/11/2028 (24 months after")
    _tab()
    _type("32/11/2026")  # "until": not a date
    _tab()
    assert QApplication.focusWidget() is ui.when.location_edit
    _type("Aisle 4, spirits")
    _tab()
    assert QApplication.focusWidget() is ui.what.type_combo
    QTest.keyClick(ui.what.type_combo, Qt.Key.Key_Down)
    assert ui.what.type_combo.currentData() == "theft-from-shop"
    _tab()
    QTest.keyClick(ui.what.tactics_list, Qt.Key.Key_Space)
    _tab()
    assert QApplication.focusWidget() is ui.what.narrative_edit
    _type("Took whisky.")

    assert message(ui, "occurred_end") == (
        "The end time '32/11/2026' is not a date. Type it as day/month/year, like 21/11/2026."
    )
    assert message(ui, "narrative") == "Describe what happened in at least 20 characters."
    assert message(ui, "police.crime_reference") == (
        "No police crime reference yet: add it when the force gives one. "
        "Opal needs it for a referral."
    )
    assert message(ui, "offender_count") == ""  # not touched yet: not nagged yet
    assert "things to fill in" in ui.to_fix_label.text()

    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)
    assert ui.message_label.text() == (
        "To mark it complete, fix the messages in red first: The end time '32/11/2026' is "
        "not a date. Type it as day/month/year, like 21/11/2026."
    )
    assert QApplication.focusWidget() is ui.when.end_edit
    assert message(ui, "offender_count") == "Say how many offenders there were (at least 1)."
    assert message(ui, "police.reported_on").startswith("Enter the date it was reported")

    ui.when.end_edit.selectAll()
    QTest.keyClick(ui.when.end_edit, Qt.Key.Key_Delete)
    ui.what.narrative_edit.setFocus()
    _type(" Two males filled a foil-lined bag and left on foot.")
    ui.offenders.count_spin.setFocus()
    ui.offenders.count_spin.selectAll()
    _type("2")
    ui.police.reported_edit.setFocus()
    _type("20/11/2026")
    assert message(ui, "narrative") == "" and message(ui, "offender_count") == ""
    assert ui.to_fix_label.text() == "Everything needed is filled in: you can mark it complete."

    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: ui.status_label.text() == "Complete", timeout=WAIT_MS)
    reference = editor.reference
    assert reference == "LDS01-2026-00001"
    assert editor.windowTitle() == f"{reference} (complete) — Opal Desktop"
    assert ui.complete_button.text().startswith("Reopen as draft")
    assert controller.session is not None
    vault = controller.session.vault
    stored = run_on_worker(qtbot, controller.runner, lambda: records.get(vault, reference))
    assert stored.status is Status.COMPLETE
    assert stored.tactics == ["distraction"]
    assert stored.narrative.startswith("Took whisky. Two males")
    assert stored.offender_count == 2 and stored.occurred_end is None

    QTest.keyClick(_focus(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not main.editors, timeout=WAIT_MS)
    wait_for_list(qtbot, main, 1)


def test_goods_totals_follow_the_lines(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    editor = open_editor(qtbot, main)
    goods = editor.ui.goods
    goods.add_button.click()
    _item(goods.table, 0, 0).setText("Jameson 70cl")
    _item(goods.table, 0, 2).setText("3")
    _item(goods.table, 0, 3).setText("£22.50")
    goods.add_button.click()
    _item(goods.table, 1, 0).setText("Razor blades")
    _item(goods.table, 1, 3).setText("9.99")
    QTest.keyClicks(goods.recovered_edit, "20")
    QTest.keyClicks(goods.damage_edit, "£5")
    assert _item(goods.table, 0, 4).text() == "£67.50"
    assert _item(goods.table, 1, 4).text() == "£9.99"
    assert goods.totals_label.text() == (
        "Stolen <b>£77.49</b> · recovered <b>£20.00</b> · damage <b>£5.00</b> · "
        "loss to the store <b>£62.49</b>"
    )
    _item(goods.table, 1, 2).setText("two")
    assert message(editor.ui, "goods.2") == (
        "The quantity 'two' is not a whole number. Type it like 2."
    )
    QTest.keyClicks(goods.recovered_edit, "0")  # £200 recovered of £67.50 stolen
    assert "More was recovered than was stolen" in message(editor.ui, "recovered_pence")
    editor.close()


def test_ethnic_appearance_column_only_when_switched_on(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    editor = open_editor(qtbot, main)
    assert editor.ui.offenders.table.columnCount() == 7
    editor.close()
    assert controller.session is not None
    vault = controller.session.vault
    run_on_worker(
        qtbot, controller.runner, lambda: vault.update_settings(show_ethnic_appearance=True)
    )
    editor = open_editor(qtbot, main)
    table = editor.ui.offenders.table
    assert table.columnCount() == 8
    header_item = table.horizontalHeaderItem(7)
    assert header_item is not None and header_item.text() == "Ethnic appearance (IC)"
    editor.close()


def test_a_conflicting_save_keeps_the_typed_text(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    saved = add_incident(qtbot, controller)
    editor = open_editor(qtbot, main, saved.reference)
    assert controller.session is not None
    vault = controller.session.vault
    saved.location = "Changed elsewhere"
    run_on_worker(qtbot, controller.runner, lambda: records.save(vault, saved))

    editor.ui.what.narrative_edit.setFocus()
    _type(" Marker typed here.")
    editor.save_now()
    qtbot.waitUntil(lambda: bool(editor.ui.message_label.text()), timeout=WAIT_MS)
    assert editor.ui.message_label.text() == (
        f"{saved.reference} was changed by j.smith while you were editing it. "
        "Reopen it to see their changes, then make yours again."
    )
    assert "Marker typed here." in editor.ui.what.narrative_edit.toPlainText()
    assert editor.ui.save_state.text() == "Not saved"
    editor.close()  # tries to save first; the conflict keeps the window open, text and all
    qtbot.waitUntil(lambda: editor.ui.save_state.text() == "Not saved", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: controller.runner.idle, timeout=WAIT_MS)
    assert editor.isVisible() and main.editors == [editor]
    assert "Marker typed here." in editor.ui.what.narrative_edit.toPlainText()


def test_history_lists_the_changes(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    saved = add_incident(qtbot, controller)
    editor = open_editor(qtbot, main, saved.reference)
    editor.ui.when.location_edit.setFocus()
    editor.ui.when.location_edit.selectAll()
    _type("Till 3")
    QTest.keyClick(_focus(), Qt.Key.Key_S, CTRL)
    _saved(qtbot, editor)
    editor.ui.history_button.click()
    history = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryWindow))
    qtbot.waitUntil(lambda: history.table.rowCount() == 2, timeout=WAIT_MS)
    assert [_item(history.table, r, 2).text() for r in range(2)] == ["Created", "Changed"]
    assert _item(history.table, 1, 1).text() == ADMIN
    assert _item(history.table, 1, 3).text() == "location Aisle 4, spirits → Till 3"
    history.close()
    editor.close()


def test_deleting_needs_a_reason(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    saved = add_incident(qtbot, controller)
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 1)
    editor = open_editor(qtbot, main, saved.reference)
    editor.ui.delete_button.click()
    dialog = editor.findChild(DeleteDialog)
    assert dialog is not None
    dialog.delete_button.click()
    assert dialog.message.text() == "Say why this incident is being deleted."
    QTest.keyClicks(dialog.reason_edit, "Logged twice")
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: not main.editors, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: main.ui.homeStack.currentWidget() is main.ui.emptyPage, timeout=WAIT_MS)


class _StyleEvents(QObject):
    """Counts the events a re-polish sends a widget (its font and palette are set again)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self.count += 1
        return False


def test_typing_restyles_no_message_whose_words_stay_the_same(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    editor = open_editor(qtbot, main)
    editor.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))  # the app's rules
    editor.ui.what.narrative_edit.setFocus()
    _type("Male took four bottles of gin from aisle nine")
    qtbot.waitUntil(lambda: editor.ui.save_state.text().startswith("Saved"), timeout=WAIT_MS)
    events = _StyleEvents()
    for label in editor.ui.all_message_labels():
        label.installEventFilter(events)
    _type(" and left by the front door")  # no message changes its words
    QApplication.processEvents()
    assert events.count == 0
    QTest.keyClick(_focus(), Qt.Key.Key_Return, CTRL)  # Mark complete: the red messages show
    QApplication.processEvents()
    assert "Enter when it happened" in message(editor.ui, "occurred_start")
    assert events.count > 0  # a message that did change was restyled
