"""No folder a file dialog visited is left in Qt's settings outside the vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from opal_desktop.gui.widgets import file_dialogs

CCTV = "LDS01-2026-00042-cctv"


def _settings_text() -> str:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    path = Path(settings.fileName())
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _close_when_shown(folder: Path, qtbot: QtBot) -> QTimer:
    """Once the dialog is up (opened in the stills folder), it is closed as a person would
    with Esc: what Qt remembers is written however the dialog ends."""

    def choose() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.reject()
                timer.stop()

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(choose)
    timer.start()
    return timer


def test_a_chosen_stills_folder_is_not_remembered_by_qt(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / CCTV
    folder.mkdir()
    (folder / "cam1.jpg").write_bytes(b"\xff\xd8\xff")
    parent = QWidget()
    qtbot.addWidget(parent)
    picker = _close_when_shown(folder, qtbot)
    chosen = file_dialogs.open_file_name(parent, "Add stills", str(folder), "Pictures (*.jpg)")
    picker.stop()
    assert chosen == ""
    assert CCTV not in _settings_text()


def test_without_forgetting_qt_would_keep_the_folder(qtbot: QtBot, tmp_path: Path) -> None:
    """The leak this guards against is real on this Qt: the plain dialog writes the folder."""
    folder = tmp_path / CCTV
    folder.mkdir()
    (folder / "cam1.jpg").write_bytes(b"\xff\xd8\xff")
    parent = QWidget()
    qtbot.addWidget(parent)
    picker = _close_when_shown(folder, qtbot)
    QFileDialog.getOpenFileName(parent, "Add stills", str(folder), "Pictures (*.jpg)")
    picker.stop()
    assert CCTV in _settings_text()
    file_dialogs.forget_history()
    assert CCTV not in _settings_text()
