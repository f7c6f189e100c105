"""The audit trail as a table that never loads every row.

One COUNT gives the row count; pages of rows are fetched on the worker around the rows
the view asks for and kept in a small cache (TECH_NOTES: a model that knows its row count
and fetches on demand paints fast and scrolls to the end fast).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from opal_desktop.gui.formatting import local_time
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.audit_view import AuditFilter, AuditRow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a table has no children
CountFn = Callable[["AuditFilter"], int]
PageFn = Callable[["AuditFilter", int, int], "list[AuditRow]"]
HEADERS = ("#", "When", "User", "Action", "Record", "Summary")
LOADING = "…"


class AuditTableModel(QAbstractTableModel):
    count_changed = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        count_entries: CountFn,
        list_page: PageFn,
        page_size: int = 200,
        max_cached_pages: int = 8,
    ) -> None:
        super().__init__()
        self.runner = runner
        self._count_entries = count_entries
        self._list_page = list_page
        self.page_size = page_size
        self._max_cached_pages = max_cached_pages
        self._filter: AuditFilter | None = None
        self._count = 0
        self._generation = 0  # answers for an older filter are dropped
        self._pages: OrderedDict[int, list[AuditRow]] = OrderedDict()
        self._requested: set[int] = set()

    # --- filtering ------------------------------------------------------------------

    def set_filter(self, flt: AuditFilter) -> None:
        self._generation += 1
        generation = self._generation
        count = self._count_entries
        self.runner.run(lambda: count(flt), lambda n: self._counted(generation, flt, n))

    def _counted(self, generation: int, flt: AuditFilter, count: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._filter = flt
        self._count = count
        self._pages.clear()
        self._requested.clear()
        self.endResetModel()
        self.count_changed.emit(count)

    @property
    def cached_pages(self) -> list[int]:
        return list(self._pages)

    # --- paging ---------------------------------------------------------------------

    def row(self, row: int) -> AuditRow | None:
        """The entry at `row` if its page is loaded; otherwise ask for the page and say None."""
        page, offset = divmod(row, self.page_size)
        rows = self._pages.get(page)
        if rows is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    def _request(self, page: int) -> None:
        if page in self._requested or self._filter is None:
            return
        self._requested.add(page)
        generation, flt, size = self._generation, self._filter, self.page_size
        fetch = self._list_page
        self.runner.run(
            lambda: fetch(flt, page * size, size),
            lambda rows: self._page_arrived(generation, page, rows),
        )

    def _page_arrived(self, generation: int, page: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        self._pages[page] = rows
        while len(self._pages) > self._max_cached_pages:
            self._pages.popitem(last=False)
        first = page * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    # --- Qt model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        entry = self.row(index.row())
        if entry is None:
            return LOADING if index.column() == 1 and role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.summary if index.column() == 5 else None
        return _cell(entry, index.column())


def _cell(entry: AuditRow, column: int) -> str:
    if column == 0:
        return str(entry.id)
    if column == 1:
        return local_time(entry.at)
    if column == 2:
        return entry.actor
    if column == 3:
        return entry.action.replace("_", " ")
    if column == 4:
        record_id = entry.record_id
        if len(record_id) > 20:  # certificate fingerprints and the like
            record_id = record_id[:16] + "…"
        return f"{entry.record_type} {record_id}".strip()
    return entry.summary
