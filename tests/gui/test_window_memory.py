"""Windows come back as large (and the main window where) they were last left."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window
from .incident_data import add_incident, open_editor


def test_the_main_window_comes_back_as_it_was_left(qtbot: QtBot, controller: AppController) -> None:
    # The offscreen screen is 800 pixels wide, less than the window's least width: Qt keeps a
    # restored window on screen, so only its height is free to compare here.
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert main.height() != 540
    main.resize(main.width(), 540)
    qtbot.waitUntil(lambda: main.height() == 540, timeout=WAIT_MS)
    controller.sign_out()  # hides the window: its geometry is kept then
    again = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert again is not main
    assert again.height() == 540


def test_editors_open_at_the_size_last_used(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    first = add_incident(qtbot, controller)
    second = add_incident(qtbot, controller, when="15/11/2026 10:00")
    editor = open_editor(qtbot, main, first.reference)
    assert editor.size() != QSize(720, 520)
    editor.resize(720, 520)
    qtbot.waitUntil(lambda: editor.size() == QSize(720, 520), timeout=WAIT_MS)
    editor.close()
    other = open_editor(qtbot, main, second.reference)
    assert other.size() == QSize(720, 520)
    other.close()
