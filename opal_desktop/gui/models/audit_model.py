"""The audit trail as a table that never loads every row (see models/paged.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from opal_desktop.gui.formatting import local_time
from opal_desktop.gui.models.paged import LOADING, PagedTableModel
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.audit_view import AuditFilter, AuditRow

CountFn = Callable[["AuditFilter"], int]
PageFn = Callable[["AuditFilter", int, int], "list[AuditRow]"]
HEADERS = ("#", "When", "User", "Action", "Record", "Summary")
__all__ = ["HEADERS", "LOADING", "AuditTableModel"]


class AuditTableModel(PagedTableModel):
    def __init__(
        self,
        runner: TaskRunner,
        count_entries: CountFn,
        list_page: PageFn,
        page_size: int = 200,
        max_cached_pages: int = 8,
    ) -> None:
        super().__init__(runner, page_size, max_cached_pages)
        self._count_entries = count_entries
        self._list_page = list_page

    def count_rows(self, flt: Any) -> int:
        return self._count_entries(flt)

    def fetch_rows(self, flt: Any, offset: int, limit: int) -> list[Any]:
        return list(self._list_page(flt, offset, limit))

    def headers(self) -> tuple[str, ...]:
        return HEADERS

    def loading_column(self) -> int:
        return 1

    def cell(self, row: Any, column: int, role: int) -> object:
        entry: AuditRow = row
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.summary if column == 5 else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return _cell(entry, column)


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
