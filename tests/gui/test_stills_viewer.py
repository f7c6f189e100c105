"""The viewer: stepping, zooming and turning change the view only; details are saved."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opal_desktop.evidence import exhibits
from opal_desktop.gui.session import Session
from opal_desktop.gui.stills.delete import DeleteExhibitDialog
from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.stills.viewer import ViewerWindow
from opal_desktop.gui.tasks import TaskRunner

from . import stills_support
from .conftest import WAIT_MS, run_on_worker
from .stills_support import import_and_wait, listed, picture, stored_bytes, write_pictures

# The shared fixtures, made visible to pytest here.
incident_reference = stills_support.incident_reference
stills_session = stills_support.stills_session
strip = stills_support.strip


def _open(qtbot: QtBot, strip: StillsStrip, index: int = 0) -> ViewerWindow:
    qtbot.waitUntil(lambda: strip.list.count() > index, timeout=WAIT_MS)
    viewer = strip.open_viewer(strip.list.ids()[index])
    assert isinstance(viewer, ViewerWindow)
    qtbot.waitUntil(lambda: viewer.view is not None, timeout=WAIT_MS)
    return viewer


def _hashes(qtbot: QtBot, runner: TaskRunner, session: Session, ids: list[int]) -> list[str]:
    return [hashlib.sha256(stored_bytes(qtbot, runner, session, i)).hexdigest() for i in ids]


def test_next_previous_zoom_and_rotate_change_only_the_view(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    tmp_path: Path,
) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 3))
    qtbot.waitUntil(lambda: strip.list.count() == 3, timeout=WAIT_MS)
    ids = strip.list.ids()
    before = _hashes(qtbot, runner, stills_session, ids)
    viewer = _open(qtbot, strip)
    assert viewer.details.title.text() == "JS/1"
    assert viewer.details.sha_edit.toPlainText() == before[0]
    assert viewer.details.sha_edit.isReadOnly()
    viewer.details.copy_button.click()
    assert QGuiApplication.clipboard().text() == before[0]
    assert viewer.position.text() == "1 of 3"
    assert not viewer.prev_button.isEnabled()

    QTest.keyClick(viewer.canvas, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: viewer.details.title.text() == "JS/2", timeout=WAIT_MS)
    assert viewer.position.text() == "2 of 3"
    viewer.next_button.click()
    qtbot.waitUntil(lambda: viewer.details.title.text() == "JS/3", timeout=WAIT_MS)
    assert not viewer.next_button.isEnabled()
    QTest.keyClick(viewer.canvas, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: viewer.details.title.text() == "JS/2", timeout=WAIT_MS)

    viewer.right_button.click()
    assert viewer.canvas.rotation == 90
    QTest.keyClick(viewer.canvas, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert viewer.canvas.rotation == 180
    viewer.actual_button.click()
    assert abs(viewer.canvas.zoom - 1.0) < 1e-6
    assert viewer.zoom_label.text() == "100%"
    viewer.in_button.click()
    assert abs(viewer.canvas.zoom - 1.25) < 1e-6
    viewer.fit_button.click()
    assert viewer.canvas.fitting

    assert _hashes(qtbot, runner, stills_session, ids) == before
    infos = listed(qtbot, runner, stills_session, strip.incident_reference)
    assert [i.sha256 for i in infos] == before
    assert viewer.view is not None
    assert [e.action for e in viewer.view.custody] == ["imported"]
    viewer.close()


def test_details_are_saved_and_the_offset_explained(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    tmp_path: Path,
) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 2))
    viewer = _open(qtbot, strip)
    details = viewer.details
    QTest.keyClicks(details.offset_edit, "-1:05")
    assert details.offset_explained.text().startswith("CCTV clock slow by 1 min 5 s")
    QTest.keyClicks(details.camera_edit, "Cam 4 front door")
    QTest.keyClicks(details.time_edit, "21/11/2026 18:04:12")
    details.caption_edit.setPlainText("Offender 1 leaving with the basket")
    assert details.save_state.text() == "Not saved yet"
    QTest.keyClick(details.caption_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: details.save_state.text() == "Saved.", timeout=WAIT_MS)
    exhibit_id = strip.list.ids()[0]
    vault = stills_session.vault
    info = run_on_worker(qtbot, runner, lambda: exhibits.get_exhibit(vault, exhibit_id))
    assert info.caption == "Offender 1 leaving with the basket"
    assert info.clock_offset_seconds == -65
    assert info.camera == "Cam 4 front door"
    assert info.cctv_time_shown == "21/11/2026 18:04:12"
    assert details.offset_edit.text() == "-1:05"
    assert viewer.view is not None
    assert [e.action for e in viewer.view.custody] == ["imported", "details_changed"]
    assert details.custody_list.count() == 2
    # Moving on saves what was typed.
    details.caption_edit.setPlainText("Changed before moving on")
    viewer.next()
    qtbot.waitUntil(lambda: details.title.text() == "JS/2", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
    info = run_on_worker(qtbot, runner, lambda: exhibits.get_exhibit(vault, exhibit_id))
    assert info.caption == "Changed before moving on"
    viewer.close()


def test_an_unreadable_offset_is_explained_and_not_saved(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 2))
    viewer = _open(qtbot, strip)
    QTest.keyClicks(viewer.details.offset_edit, "about a minute")
    assert viewer.details.offset_explained.property("cssClass") == "error"
    assert not viewer.save_details()
    assert viewer.details.save_state.text().startswith("Enter the clock offset as")
    viewer.next()
    assert viewer.details.title.text() == "JS/1"  # stays until the offset is fixed
    viewer.details.offset_edit.clear()
    viewer.details.caption_edit.setPlainText("")
    viewer.close()


def test_a_large_still_is_shown_from_a_scaled_copy(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(picture((5000, 2600), fmt="PNG"))
    import_and_wait(qtbot, strip, [big])
    viewer = _open(qtbot, strip)
    assert viewer.view is not None
    assert viewer.view.picture.width() == 3840
    assert (viewer.view.upright_width, viewer.view.upright_height) == (5000, 2600)
    assert viewer.canvas.image_rect().width() == 5000
    assert viewer.status.text().startswith("Shown from a scaled copy")
    viewer.close()


def test_deleting_needs_a_reason_and_the_custody_log_keeps_it(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    tmp_path: Path,
) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 2))
    viewer = _open(qtbot, strip)
    viewer.ask_delete()
    dialog = viewer.findChild(DeleteExhibitDialog)
    assert isinstance(dialog, DeleteExhibitDialog)
    dialog.delete_button.click()
    assert dialog.message.text().startswith("Say why this exhibit is being deleted")
    assert dialog.isVisible()
    assert len(listed(qtbot, runner, stills_session, strip.incident_reference)) == 2
    QTest.keyClicks(dialog.reason_edit, "Wrong incident")
    with qtbot.waitSignal(dialog.deleted, timeout=WAIT_MS):
        dialog.delete_button.click()
    qtbot.waitUntil(lambda: viewer.details.title.text() == "JS/2", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: strip.list.count() == 1, timeout=WAIT_MS)
    vault = stills_session.vault
    log = run_on_worker(qtbot, runner, lambda: exhibits.custody_log(vault, "JS/1"))
    assert (log[-1].action, log[-1].details) == ("deleted", "Wrong incident")
    viewer.close()
