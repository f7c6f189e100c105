"""The first rows of a CSV file as a read-only table, each column headed by what it feeds.

Cells are shown as the plain text they are: `=HYPERLINK(...)` is a string, never a formula,
and `<b>` is never markup (item views draw text literally; tooltips are escaped here).
Columns that no field uses are greyed, so the person sees at a glance what will come in.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a table has no children
UNUSED_COLOUR = QColor("#7a828c")
TOOLTIP_CHARS = 400


def one_line(text: str) -> str:
    """A cell on one line: line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


class CsvPreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._headers: tuple[str, ...] = ()
        self._rows: list[tuple[str, ...]] = []
        self._row_numbers: list[int] = []
        self._feeds: dict[str, str] = {}  # column heading -> the field label it feeds

    def set_preview(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], row_numbers: Sequence[int]
    ) -> None:
        self.beginResetModel()
        self._headers = tuple(headers)
        width = len(self._headers)
        self._rows = [tuple((list(r) + [""] * width)[:width]) for r in rows]
        self._row_numbers = list(row_numbers)[: len(self._rows)]
        self._feeds = {}
        self.endResetModel()

    def set_feeds(self, feeds: Mapping[str, str]) -> None:
        """{column heading: field label} for the columns the mapping uses."""
        self._feeds = dict(feeds)
        if self._headers:
            last = len(self._headers) - 1
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(len(self._rows) - 1, last),
                    [Qt.ItemDataRole.ForegroundRole],
                )

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole and text:
            shown = text if len(text) <= TOOLTIP_CHARS else text[:TOOLTIP_CHARS] + "…"
            return f"<p style='white-space:pre-wrap'>{html.escape(shown)}</p>"
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and self._headers[index.column()] not in self._feeds
        ):
            return UNUSED_COLOUR
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._row_numbers):
                return f"Row {self._row_numbers[section]}"
            return None
        if not 0 <= section < len(self._headers):
            return None
        heading = self._headers[section]
        feeds = self._feeds.get(heading)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{one_line(heading)}\n→ {feeds}" if feeds else f"{one_line(heading)}\n(not used)"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"goes into: {feeds}" if feeds else "not imported"
            return f"<p>{html.escape(heading)}: {html.escape(where)}</p>"
        if role == Qt.ItemDataRole.ForegroundRole and not feeds:
            return UNUSED_COLOUR
        return None
