"""Redaction: rectangles drawn at any zoom become regions in the still's own pixels."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.gui.session import Session
from opal_desktop.gui.stills.redaction import DrawingCanvas, RedactionWindow
from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.stills.viewer import ViewerWindow
from opal_desktop.gui.tasks import TaskRunner

from . import stills_support
from .conftest import WAIT_MS
from .stills_support import import_and_wait, listed, stored_bytes, write_pictures

# The shared fixtures, made visible to pytest here.
incident_reference = stills_support.incident_reference
stills_session = stills_support.stills_session
strip = stills_support.strip


def _drag(
    qtbot: QtBot, canvas: DrawingCanvas, start: tuple[int, int], end: tuple[int, int]
) -> None:
    """Drag between two points of the still (image pixels), as a person would on screen."""
    viewport = canvas.viewport()
    a = canvas.mapFromScene(QPointF(*start))
    b = canvas.mapFromScene(QPointF(*end))
    assert viewport.rect().contains(a) and viewport.rect().contains(b)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    QTest.mouseMove(viewport, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    QTest.mouseMove(viewport, b)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def _open_redaction(qtbot: QtBot, strip: StillsStrip) -> tuple[ViewerWindow, RedactionWindow]:
    qtbot.waitUntil(lambda: strip.list.count() > 0, timeout=WAIT_MS)
    viewer = strip.open_viewer(strip.list.ids()[0])
    assert isinstance(viewer, ViewerWindow)
    qtbot.waitUntil(lambda: viewer.view is not None, timeout=WAIT_MS)
    viewer.redact_button.click()
    window = viewer.findChild(RedactionWindow)
    assert isinstance(window, RedactionWindow)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    return viewer, window


def test_rectangles_drawn_zoomed_in_are_saved_as_a_working_copy(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    tmp_path: Path,
) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 2, size=(1280, 720)))
    master_id = strip.list.ids()[0]
    master_hash = hashlib.sha256(stored_bytes(qtbot, runner, stills_session, master_id)).hexdigest()
    viewer, window = _open_redaction(qtbot, strip)
    canvas = window.canvas
    assert not window.save_button.isEnabled()

    canvas.set_zoom(2.0, QPointF(300, 200))
    assert abs(canvas.zoom - 2.0) < 1e-6
    _drag(qtbot, canvas, (200, 150), (320, 260))  # blur
    window.fill_radio.click()
    _drag(qtbot, canvas, (380, 230), (300, 180))  # fill, dragged up and to the left
    _drag(qtbot, canvas, (250, 250), (251, 251))  # a slip of the mouse: ignored
    assert window.count_label.text() == "2 rectangles"
    assert window.save_button.isEnabled()

    with qtbot.waitSignal(window.saved, timeout=WAIT_MS) as blocker:
        QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    copy = blocker.args[0]
    assert isinstance(copy, ExhibitInfo)
    assert copy.reference == "JS/1-R1"
    assert window.message.text().startswith("Saved working copy JS/1-R1.")
    expected = [("blur", 200, 150, 120, 110), ("fill", 300, 180, 80, 50)]
    got = [(r.style, r.x, r.y, r.width, r.height) for r in copy.regions]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (_s, *want), (_t, *have) in zip(expected, got, strict=True):
        assert all(abs(w - h) <= 3 for w, h in zip(want, have, strict=True)), (want, have)

    stored = listed(qtbot, runner, stills_session, strip.incident_reference)
    assert [e.reference for e in stored] == ["JS/1", "JS/1-R1", "JS/2"]
    assert stored[0].sha256 == master_hash
    assert (
        hashlib.sha256(stored_bytes(qtbot, runner, stills_session, master_id)).hexdigest()
        == master_hash
    )
    qtbot.waitUntil(
        lambda: (
            [strip.list.item(r).text().split("\n")[0] for r in range(strip.list.count())]
            == ["JS/1", "JS/1-R1", "JS/2"]
        ),
        timeout=WAIT_MS,
    )
    qtbot.waitUntil(lambda: viewer.details.custody_list.count() == 2, timeout=WAIT_MS)
    window.close()
    viewer.close()


def test_undo_clear_and_a_copy_cannot_be_redacted_again(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 1))
    viewer, window = _open_redaction(qtbot, strip)
    canvas = window.canvas
    _drag(qtbot, canvas, (20, 20), (120, 90))
    _drag(qtbot, canvas, (200, 100), (260, 160))
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [(r.x, r.y) for r in canvas.regions()] == [(20, 20)]
    window.clear_button.click()
    assert canvas.regions() == []
    assert window.count_label.text() == "Nothing drawn yet"
    assert not window.save_button.isEnabled()
    _drag(qtbot, canvas, (20, 20), (120, 90))
    with qtbot.waitSignal(window.saved, timeout=WAIT_MS):
        window.save_button.click()
    window.close()
    assert not window.isVisible() or window.isHidden()
    viewer.next()
    qtbot.waitUntil(lambda: viewer.details.title.text() == "JS/1-R1", timeout=WAIT_MS)
    assert not viewer.redact_button.isEnabled()
    assert "Redacted working copy of JS/1" in viewer.details.kind.text()
    assert viewer.details.regions.text().startswith("blur 100×70 at (20, 20)")
    viewer.close()


def test_closing_with_unsaved_rectangles_asks_first(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 1))
    viewer, window = _open_redaction(qtbot, strip)
    _drag(qtbot, window.canvas, (20, 20), (120, 90))
    window.close()
    assert window.isVisible()
    box = window.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    viewer.close()


def test_an_exif_rotated_still_is_redacted_upright(
    qtbot: QtBot, runner: TaskRunner, stills_session: Session, strip: StillsStrip, tmp_path: Path
) -> None:
    import io

    from PIL import Image

    image = Image.new("RGB", (800, 400), (200, 30, 30))
    exif = image.getexif()
    exif[274] = 6  # stored on its side: "turn 90° clockwise to view"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    path = tmp_path / "sideways.jpg"
    path.write_bytes(out.getvalue())
    import_and_wait(qtbot, strip, [path])
    _viewer, window = _open_redaction(qtbot, strip)
    assert window.canvas.image_rect().size().toTuple() == (400, 800)  # upright
    _drag(qtbot, window.canvas, (50, 600), (150, 700))  # only exists on the upright picture
    with qtbot.waitSignal(window.saved, timeout=WAIT_MS) as blocker:
        window.save_button.click()
    copy = blocker.args[0]
    assert (copy.width, copy.height) == (400, 800)
    (region,) = copy.regions
    assert abs(region.x - 50) <= 3 and abs(region.y - 600) <= 3
    assert abs(region.width - 100) <= 3 and abs(region.height - 100) <= 3
    stored = listed(qtbot, runner, stills_session, strip.incident_reference)
    assert stored[0].orientation == 6 and (stored[0].width, stored[0].height) == (800, 400)
    window.close()
