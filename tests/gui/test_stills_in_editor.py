"""The incident editor hosts the stills strip once the incident has a reference."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.models.incident_model import Column
from opal_desktop.gui.stills.section import WAITING_TEXT
from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.windows.incident_editor import IncidentEditor

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window
from .incident_data import add_incident, open_editor, wait_for_list
from .stills_support import write_pictures


def _strip(editor: IncidentEditor) -> StillsStrip | None:
    return editor.stills.strip


def test_a_new_incident_asks_for_a_save_before_stills(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    editor = open_editor(qtbot, main)
    assert _strip(editor) is None
    assert editor.stills.waiting.text() == WAITING_TEXT
    QTest.keyClicks(editor.ui.what.narrative_edit, "Stills to follow")
    editor.save_now()
    qtbot.waitUntil(lambda: _strip(editor) is not None, timeout=WAIT_MS)
    strip = _strip(editor)
    assert strip is not None
    assert strip.incident_reference == editor.reference
    assert not editor.stills.waiting.isVisibleTo(editor)
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS):
        strip.add_paths(write_pictures(tmp_path / "export", 2))
    qtbot.waitUntil(lambda: strip.list.count() == 2, timeout=WAIT_MS)
    editor.close()


def test_a_saved_incident_opens_with_its_stills(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    incident = add_incident(qtbot, controller)
    editor = open_editor(qtbot, main, incident.reference)
    strip = editor.stills.strip
    assert strip is not None and strip.incident_reference == incident.reference
    assert strip.empty_label.isVisibleTo(editor)
    editor.close()


def test_the_list_counts_stills_added_in_the_editor(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    # Adding stills does not save the incident, but the list's Stills column must follow.
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    incident = add_incident(qtbot, controller)
    main.incident_list.refresh()
    wait_for_list(qtbot, main, 1)
    model = main.incident_list.model
    stills = model.index(0, model.column_of(Column.STILLS))
    before = str(stills.data())
    editor = open_editor(qtbot, main, incident.reference)
    strip = _strip(editor)
    assert strip is not None
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS):
        strip.add_paths(write_pictures(tmp_path / "export", 3))
    qtbot.waitUntil(
        lambda: str(model.index(0, model.column_of(Column.STILLS)).data()) == "3", timeout=WAIT_MS
    )
    assert before != "3"
    editor.close()
