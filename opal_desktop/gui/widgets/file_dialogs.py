"""Qt's file dialogs, without the history Qt keeps of them outside the vault.

Qt's own dialog saves the last folder visited and a history of folders in its per-user
settings (QtProject.conf, or the registry on Windows) when it closes: a folder such as
".../LDS01-2026-00042-cctv" would then sit in plain text beside nothing we control. Every
dialog the app opens goes through here, and that history is wiped as each one closes (and
at start, for what an older version left). Native dialogs keep their own lists, which the
operating system owns.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget


def forget_history() -> None:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    if "FileDialog" in settings.childGroups():
        settings.remove("FileDialog")
        settings.sync()


def open_file_name(parent: QWidget, caption: str, start: str = "", filters: str = "") -> str:
    try:
        return QFileDialog.getOpenFileName(parent, caption, start, filters)[0]
    finally:
        forget_history()


def open_file_names(parent: QWidget, caption: str, start: str = "", filters: str = "") -> list[str]:
    try:
        return QFileDialog.getOpenFileNames(parent, caption, start, filters)[0]
    finally:
        forget_history()


def save_file_name(parent: QWidget, caption: str, start: str = "", filters: str = "") -> str:
    try:
        return QFileDialog.getSaveFileName(parent, caption, start, filters)[0]
    finally:
        forget_history()


def existing_directory(parent: QWidget, caption: str, start: str = "") -> str:
    try:
        return QFileDialog.getExistingDirectory(parent, caption, start)
    finally:
        forget_history()
