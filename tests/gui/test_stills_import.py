"""The stills strip: files, folders, drops and pastes become exhibits; bad files are explained."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from opal_desktop.evidence.models import ImportReport
from opal_desktop.gui.session import Session
from opal_desktop.gui.stills.delete import DeleteExhibitDialog
from opal_desktop.gui.stills.grid import StillsGrid
from opal_desktop.gui.stills.strip import StillsStrip
from opal_desktop.gui.stills.summary import ImportSummaryDialog
from opal_desktop.gui.tasks import TaskRunner

from . import stills_support
from .conftest import WAIT_MS
from .stills_support import import_and_wait, listed, stored_bytes, write_pictures

# The shared fixtures, made visible to pytest here.
incident_reference = stills_support.incident_reference
stills_session = stills_support.stills_session
strip = stills_support.strip

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _labels(strip: StillsStrip) -> list[str]:
    return [strip.list.item(row).text() for row in range(strip.list.count())]


def test_files_added_through_the_strip_show_as_thumbnails(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    assert strip.empty_label.isVisible()
    report = import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 3))
    assert isinstance(report, ImportReport)
    assert [e.reference for e in report.added] == ["JS/1", "JS/2", "JS/3"]
    qtbot.waitUntil(lambda: strip.list.count() == 3, timeout=WAIT_MS)
    assert _labels(strip) == ["JS/1", "JS/2", "JS/3"]
    assert not strip.empty_label.isVisible()
    assert not strip.list.item(0).icon().isNull()
    assert strip.message.text() == "3 stills added."
    assert strip.summary is None  # a clean import needs no dialog
    assert strip.count_label.text() == "3 stills · Enter opens one"


def test_dropped_files_are_imported_as_drops(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    incident_reference: str,
    tmp_path: Path,
) -> None:
    paths = write_pictures(tmp_path / "drag", 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = strip.list.viewport()
    enter = QDragEnterEvent(
        QPoint(40, 40),  # PySide6 6.11 takes a QPoint here (6.12 also a QPointF)
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(40, 40),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS):
        QApplication.sendEvent(viewport, drop)
    qtbot.waitUntil(lambda: strip.list.count() == 2, timeout=WAIT_MS)
    stored = listed(qtbot, runner, stills_session, incident_reference)
    assert [(e.original_filename, e.source) for e in stored] == [
        ("cam01.jpg", "drop"),
        ("cam02.jpg", "drop"),
    ]


def test_a_batch_with_bad_files_adds_the_good_and_explains_the_rest(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    good = write_pictures(tmp_path / "export", 2)
    import_and_wait(qtbot, strip, good[:1])
    notes = tmp_path / "export" / "notes.jpg"
    notes.write_bytes(b"Shift notes: nothing to report.\n" * 20)
    report = import_and_wait(qtbot, strip, [good[0], notes, good[1]])
    assert isinstance(report, ImportReport)
    assert [e.reference for e in report.added] == ["JS/2"]
    dialog = strip.summary
    assert isinstance(dialog, ImportSummaryDialog)
    assert dialog.isVisible()
    lines = dialog.lines()
    assert "JS/2: cam02.jpg" in lines
    assert "cam01.jpg: already attached as JS/1" in lines
    assert any(
        line.startswith("notes.jpg is not a picture in a format we accept") for line in lines
    )
    assert strip.message.text() == "1 still added, 1 already attached, 1 not added."
    assert all("Traceback" not in line for line in lines)
    dialog.accept()


def test_a_folder_adds_its_pictures_and_says_what_it_left_out(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    folder = tmp_path / "CCTV export 21-11"
    write_pictures(folder, 2)
    write_pictures(folder / "camera 3", 1)
    (folder / "player.exe").write_bytes(b"MZ" + b"\0" * 100)
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS) as blocker:
        strip.add_paths([folder], "folder")
    report = blocker.args[0]
    assert [e.original_filename for e in report.added] == ["cam01.jpg", "cam02.jpg", "cam01.jpg"][
        : len(report.added)
    ]
    # cam01.jpg in "camera 3" is the same picture as the first: pointed out, not stored twice.
    assert len(report.added) == 2 and report.duplicates == [("cam01.jpg", "JS/1")]
    assert report.rejected == [
        ("CCTV export 21-11", "1 file that is not a picture in CCTV export 21-11 was left out.")
    ]
    assert all(e.source == "folder" for e in report.added)


def test_paste_imports_the_clipboard_picture_as_png_bytes(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    incident_reference: str,
) -> None:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS):
        assert strip.paste()
    qtbot.waitUntil(lambda: strip.list.count() == 1, timeout=WAIT_MS)
    (info,) = listed(qtbot, runner, stills_session, incident_reference)
    assert info.source == "clipboard"
    assert info.format == "PNG"
    assert info.original_filename.startswith("Pasted ") and info.original_filename.endswith(".png")
    assert (info.width, info.height) == (320, 200)
    assert stored_bytes(qtbot, runner, stills_session, info.id).startswith(PNG_SIGNATURE)


def test_paste_with_no_picture_says_so(qtbot: QtBot, strip: StillsStrip) -> None:
    QGuiApplication.clipboard().setText("just words")
    assert not strip.paste()
    assert strip.message.text().startswith("There is no picture on the clipboard.")


def test_cancel_keeps_the_stills_already_added(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    strip: StillsStrip,
    incident_reference: str,
    tmp_path: Path,
) -> None:
    paths = write_pictures(tmp_path / "many", 40, size=(1280, 720))

    def cancel_after_two(done: int, _total: int) -> None:
        if done >= 2:
            strip.import_bar.cancel()

    strip.job.progressed.connect(cancel_after_two)
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS * 2) as blocker:
        strip.add_paths(paths)
        assert strip.import_bar.isVisible()
        assert not strip.add_button.isEnabled()
    report = blocker.args[0]
    assert report.cancelled
    assert 2 <= len(report.added) < 40
    stored = listed(qtbot, runner, stills_session, incident_reference)
    assert [e.reference for e in stored] == [e.reference for e in report.added]
    qtbot.waitUntil(lambda: strip.list.count() == len(report.added), timeout=WAIT_MS)
    assert strip.message.text().startswith("Import cancelled:")
    assert not strip.import_bar.isVisible()
    assert strip.add_button.isEnabled()
    assert strip.summary is not None
    assert "The stills added before you cancelled were kept." in strip.summary.lines()
    strip.summary.accept()


def test_the_grid_shows_the_same_stills(qtbot: QtBot, strip: StillsStrip, tmp_path: Path) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 4))
    qtbot.waitUntil(lambda: strip.list.count() == 4, timeout=WAIT_MS)
    grid = strip.open_grid()
    assert isinstance(grid, StillsGrid)
    assert grid.list.count() == 4
    assert grid.title.text().endswith("(4)")
    grid.close()


def test_the_delete_key_asks_for_a_reason(qtbot: QtBot, strip: StillsStrip, tmp_path: Path) -> None:
    import_and_wait(qtbot, strip, write_pictures(tmp_path / "export", 2))
    qtbot.waitUntil(lambda: strip.list.count() == 2, timeout=WAIT_MS)
    strip.list.setCurrentRow(1)
    QTest.keyClick(strip.list, Qt.Key.Key_Delete)
    dialog = strip.findChild(DeleteExhibitDialog)
    assert isinstance(dialog, DeleteExhibitDialog)
    assert dialog.info.reference == "JS/2"
    QTest.keyClicks(dialog.reason_edit, "Duplicate of JS/1 from another camera export")
    with qtbot.waitSignal(dialog.deleted, timeout=WAIT_MS):
        dialog.delete_button.click()
    qtbot.waitUntil(lambda: strip.list.count() == 1, timeout=WAIT_MS)
    assert strip.message.text().startswith("Deleted JS/2.")


def test_closing_the_strip_mid_import_stops_cleanly_and_keeps_what_was_added(
    qtbot: QtBot,
    runner: TaskRunner,
    stills_session: Session,
    incident_reference: str,
    tmp_path: Path,
) -> None:
    closing = StillsStrip(stills_session.vault, runner, incident_reference)
    paths = write_pictures(tmp_path / "many", 40, size=(1280, 720))
    seen: list[int] = []
    closing.job.progressed.connect(lambda done, _total: seen.append(done))
    closing.add_paths(paths)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    closing.deleteLater()  # the editor window was closed
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS * 2)
    stored = listed(qtbot, runner, stills_session, incident_reference)
    assert 1 <= len(stored) < 40
    assert [e.reference for e in stored] == [f"JS/{n}" for n in range(1, len(stored) + 1)]


def test_hostile_files_in_a_folder_are_listed_and_the_rest_is_added(
    qtbot: QtBot, strip: StillsStrip, tmp_path: Path
) -> None:
    """An APNG declaring zero frames and a TIFF Pillow cannot size used to abort the whole
    folder import with a traceback; now each is one line under Not added."""
    import os

    from hostile_images import mpo, tiff_missing_dimensions, zero_frame_apng

    folder = tmp_path / "CCTV export 22-11"
    write_pictures(folder, 2)
    (folder / "anim.png").write_bytes(zero_frame_apng())
    (folder / "cam03.tif").write_bytes(tiff_missing_dimensions())
    (folder / "DSCF0001.MPO").write_bytes(mpo())
    with qtbot.waitSignal(strip.import_finished, timeout=WAIT_MS) as blocker:
        strip.add_paths([folder], "folder")
    report = blocker.args[0]
    assert [e.original_filename for e in report.added] == ["DSCF0001.MPO", "cam01.jpg", "cam02.jpg"]
    assert [name for name, _ in report.rejected] == ["anim.png", "cam03.tif"]
    assert strip.message.text() == "3 stills added, 2 not added."
    dialog = strip.summary
    assert isinstance(dialog, ImportSummaryDialog)
    lines = dialog.lines()
    assert "Not added (2)" in lines
    assert (
        "anim.png is an animated PNG that declares 0 frames, so it is damaged. "
        "Export the still again from the CCTV system as a single picture."
    ) in lines
    assert "cam03.tif is damaged and cannot be read. Export it again from the CCTV system." in lines
    assert all("Traceback" not in line and "Error" not in line for line in lines)
    qtbot.waitUntil(lambda: strip.list.count() == 3, timeout=WAIT_MS)
    if os.environ.get("OPAL_GRAB"):
        dialog.grab().save(os.environ["OPAL_GRAB"])
    dialog.accept()
