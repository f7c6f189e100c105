"""Windows open as large as they were last closed, and the main window where it was.

Qt keeps this in the computer user's own settings (the registry on Windows, a .conf file
elsewhere): window sizes and positions only, never anything about incidents.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize
from PySide6.QtWidgets import QWidget

ORGANISATION = APPLICATION = "Opal Desktop"


def remember_geometry(window: QWidget, key: str) -> None:
    """Restore the window's last position, size and maximised state; keep them when it closes."""
    saved = _settings().value(f"windows/{key}/geometry")
    if isinstance(saved, QByteArray):
        window.restoreGeometry(saved)  # Qt moves it back on screen if that screen is gone
    _Keeper(window, key, size_only=False)


def remember_size(window: QWidget, key: str) -> None:
    """Restore only the size: several of these windows open at once, cascaded by the system."""
    saved = _settings().value(f"windows/{key}/size")
    if isinstance(saved, QSize) and saved.isValid():
        window.resize(saved)
    _Keeper(window, key, size_only=True)


def _settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


class _Keeper(QObject):
    """Saves the window's geometry when it is closed or hidden (signing out hides it)."""

    def __init__(self, window: QWidget, key: str, size_only: bool) -> None:
        super().__init__(window)
        self.key, self.size_only = key, size_only
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() in (QEvent.Type.Close, QEvent.Type.Hide) and isinstance(watched, QWidget):
            if self.size_only:
                _settings().setValue(f"windows/{self.key}/size", watched.size())
            else:
                _settings().setValue(f"windows/{self.key}/geometry", watched.saveGeometry())
        return False
