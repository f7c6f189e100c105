"""A table model that never loads every row: one COUNT, then pages on demand.

The row count comes from one COUNT on the worker; pages of rows are fetched on the
worker around the rows the view asks for and kept in a small LRU cache (TECH_NOTES: a
model that knows its row count and fetches on demand paints fast and scrolls to the end
fast). Answers for an older filter are dropped. Subclasses say how to count, how to fetch
a page, which columns there are and what each cell shows.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from opal_desktop.gui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: a table has no children
LOADING = "…"


class PagedTableModel(QAbstractTableModel):
    count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, page_size: int = 200, max_cached_pages: int = 8) -> None:
        super().__init__()
        self.runner = runner
        self.page_size = page_size
        self._max_cached_pages = max_cached_pages
        self._filter: Any = None
        self._count = 0
        self._generation = 0  # answers for an older filter are dropped
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._requested: set[int] = set()

    # --- for subclasses -------------------------------------------------------------

    def count_rows(self, flt: Any) -> int:
        """Worker: how many rows match `flt`."""
        raise NotImplementedError

    def fetch_rows(self, flt: Any, offset: int, limit: int) -> list[Any]:
        """Worker: rows offset..offset+limit of `flt`."""
        raise NotImplementedError

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> object:
        """What `row` shows in `column` for `role` (GUI thread; the row is loaded)."""
        raise NotImplementedError

    def loading_column(self) -> int:
        """The column showing LOADING while a row's page is on its way."""
        return 0

    def filter_applied(self, flt: Any) -> None:
        """Called inside the model reset once a new filter's count is known."""

    # --- filtering ------------------------------------------------------------------

    @property
    def current_filter(self) -> Any:
        return self._filter

    def set_filter(self, flt: Any) -> None:
        self._generation += 1
        generation = self._generation
        self.runner.run(lambda: self.count_rows(flt), lambda n: self._counted(generation, flt, n))

    def refresh(self) -> None:
        """Count and fetch again (after a save elsewhere), keeping the filter."""
        if self._filter is not None:
            self.set_filter(self._filter)

    def _counted(self, generation: int, flt: Any, count: int) -> None:
        if generation != self._generation:
            return
        if flt == self._filter and count == self._count:
            # Same rows, maybe changed (a draft saved elsewhere): reload what is on screen
            # without a reset, so the selection and scroll position stay where they are.
            self._pages.clear()
            self._requested.clear()
            if count:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(count - 1, self.columnCount() - 1)
                )
            self.count_changed.emit(count)
            return
        self.beginResetModel()
        self._filter = flt
        self._count = count
        self._pages.clear()
        self._requested.clear()
        self.filter_applied(flt)
        self.endResetModel()
        self.count_changed.emit(count)

    @property
    def cached_pages(self) -> list[int]:
        return list(self._pages)

    # --- paging ---------------------------------------------------------------------

    def row(self, row: int) -> Any:
        """The row at `row` if its page is loaded; otherwise ask for the page and say None."""
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
        self.runner.run(
            lambda: self.fetch_rows(flt, page * size, size),
            lambda rows: self._page_arrived(generation, page, rows),
        )

    def _page_arrived(self, generation: int, page: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._requested.discard(page)
        self._pages[page] = rows
        while len(self._pages) > self._max_cached_pages:
            self._pages.popitem(last=False)
        first = page * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # --- Qt model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        headers = self.headers()
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self.row(index.row())
        if entry is None:
            loading = role == Qt.ItemDataRole.DisplayRole
            return LOADING if loading and index.column() == self.loading_column() else None
        return self.cell(entry, index.column(), role)
