"""All of an incident's stills at once, larger, in a window of their own.

A view onto the strip: it shows the strip's data, and opening, deleting or dropping here
goes through the strip, so there is one place that imports and one that refreshes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from opal_desktop.gui.stills.thumbs import ThumbnailList
from opal_desktop.gui.stills.work import StripData

if TYPE_CHECKING:
    from opal_desktop.gui.stills.strip import StillsStrip


class StillsGrid(QWidget):
    def __init__(self, strip: StillsStrip, incident_reference: str) -> None:
        super().__init__(strip, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.strip = strip
        self.setWindowTitle(f"Stills on {incident_reference} — Opal Desktop")
        self.title = QLabel()
        self.title.setProperty("cssClass", "title")
        hint = QLabel(
            "Enter or double-click opens a still; Delete deletes it (a reason is asked). "
            "Drop more stills here to add them."
        )
        hint.setProperty("cssClass", "hint")
        hint.setWordWrap(True)
        self.list = ThumbnailList(QSize(240, 180), wrapping=True)
        self.list.files_dropped.connect(lambda paths: strip.add_paths(paths, "drop"))
        self.list.open_requested.connect(strip.open_viewer)
        self.list.delete_requested.connect(strip.ask_delete)
        close_button = QPushButton("Close  (Esc)")
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(footer)
        QShortcut(QKeySequence("Esc"), self, self.close)
        self.resize(1040, 720)

    def show_data(self, data: StripData) -> None:
        masters = sum(1 for e in data.exhibits if e.is_master)
        reference = self.strip.incident_reference
        self.title.setText(f"Stills on {reference} ({masters})")
        self.list.show_exhibits(data.exhibits, data.thumbnails)
