"""What the Linking menu's windows share: a window of their own that Esc closes, a
one-sentence message line, a "working…" line, and a way to ask the main window to open
an incident."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message


class LinkingWindow(QWidget):
    open_incident_requested = Signal(str)  # an incident reference, for the main window

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.message.setWordWrap(True)
        self.busy = BusyIndicator(self)

    def close_footer(self) -> QHBoxLayout:
        """The busy line on the left, "Close (Esc)" on the right."""
        close = QPushButton("Close  (Esc)")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.busy)
        footer.addStretch(1)
        footer.addWidget(close)
        return footer

    def refresh(self) -> None:
        """Load again what the window shows (when it is shown again from the menu)."""

    def show_error(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, str(error))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
