"""Read-only tables the linking screens share: links with why, by whom and when; merges."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from opal_desktop.gui.formatting import local_time

KEY_ROLE = Qt.ItemDataRole.UserRole


class RecordTable(QTableWidget):
    """Rows of text; the first column carries each row's key. Enter or double-click opens it."""

    open_requested = Signal(str)

    def __init__(self, headers: Sequence[str], name: str, stretch: int) -> None:
        """Every column as wide as its contents, but `stretch`, which takes the room left."""
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activated)

    def fill(self, rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        """(key, cell texts) for each row."""
        self.setRowCount(len(rows))
        for number, (key, cells) in enumerate(rows):
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setData(KEY_ROLE, key)
                self.setItem(number, column, item)

    def selected_key(self) -> str:
        items = self.selectedItems()
        return str(items[0].data(KEY_ROLE)) if items else ""

    def select_key(self, key: str) -> None:
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            if item is not None and item.data(KEY_ROLE) == key:
                self.selectRow(row)
                return

    def _activated(self, item: QTableWidgetItem) -> None:
        self.open_requested.emit(str(item.data(KEY_ROLE)))


def when(iso_utc: str | None) -> str:
    return local_time(iso_utc, "")
