"""The incident list as a paged table: COUNT for the row count, pages fetched on the worker.

Sorting runs in the database: clicking a header asks for the same filter with another
SortKey. The store column appears only when the vault holds more than one store, the
retailer column only when they belong to more than one organisation (two retailers may
both have a store LDS01), and a "Found" column with the highlighted extract only while searching.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from opal_desktop.domain import catalogue
from opal_desktop.domain.money import format_pence
from opal_desktop.domain.timeutil import show
from opal_desktop.gui.models.paged import PagedTableModel
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.highlight_delegate import near_match

if TYPE_CHECKING:
    from opal_desktop.incidents.listing import IncidentFilter, IncidentSummary
    from opal_desktop.vault.vault import Vault

MISSING = "Missing"
ATTENTION = QColor("#a33a00")  # dark amber-red: readable on white and on the alternate rows
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 1  # the raw snippet with highlight markers
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2  # the IncidentSummary of the row


class Column(enum.Enum):
    REFERENCE = "Reference"
    OCCURRED = "Occurred"
    STORE = "Store"
    RETAILER = "Retailer"
    TYPE = "Type"
    LOSS = "Loss"
    CRIME_REF = "Crime ref"
    STILLS = "Stills"
    OFFENDERS = "Offenders"
    STATUS = "Status"
    FOUND = "Found"


_SORT_KEYS = {
    Column.REFERENCE: "reference",
    Column.OCCURRED: "occurred_start",
    Column.TYPE: "incident_type",
    Column.LOSS: "loss_pence",
    Column.CRIME_REF: "has_crime_reference",
    Column.STILLS: "stills_count",
    Column.OFFENDERS: "offender_count",
    Column.STATUS: "status",
}
_NUMERIC = {Column.LOSS, Column.STILLS, Column.OFFENDERS}


class IncidentTableModel(PagedTableModel):
    def __init__(
        self, runner: TaskRunner, vault: Vault, page_size: int = 100, max_cached_pages: int = 6
    ) -> None:
        super().__init__(runner, page_size, max_cached_pages)
        self.vault = vault
        self._many_stores = False
        self._many_organisations = False
        self._columns = self._columns_for(searching=False)
        self._type_labels = {c.id: c.label for c in catalogue.incident_types()}

    # --- columns --------------------------------------------------------------------

    def set_many_stores(self, many: bool, many_organisations: bool = False) -> None:
        """Show the store (and retailer) column (decided once the stores are known; applied
        on next reset)."""
        self._many_stores, self._many_organisations = many, many and many_organisations

    def _columns_for(self, searching: bool) -> tuple[Column, ...]:
        columns: list[Column] = [c for c in Column if c is not Column.FOUND]
        if not self._many_stores:
            columns.remove(Column.STORE)
        if not self._many_organisations:
            columns.remove(Column.RETAILER)
        if searching:
            columns.append(Column.FOUND)
        return tuple(columns)

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def column_of(self, column: Column) -> int:
        return self._columns.index(column) if column in self._columns else -1

    def filter_applied(self, flt: Any) -> None:
        self._columns = self._columns_for(searching=bool(flt.search.strip()))

    def headers(self) -> tuple[str, ...]:
        return tuple(c.value for c in self._columns)

    def loading_column(self) -> int:
        return 0

    # --- sorting (in the database) --------------------------------------------------

    def sort_column(self, flt: IncidentFilter) -> int:
        for column, key in _SORT_KEYS.items():
            if flt.sort.value == key:
                return self.column_of(column)
        return -1

    def sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column] in _SORT_KEYS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        from opal_desktop.incidents.listing import SortKey

        if self._filter is None or not 0 <= column < len(self._columns):
            return
        key = _SORT_KEYS.get(self._columns[column])
        if key is None:
            return  # store and found: not sortable in the database
        descending = order == Qt.SortOrder.DescendingOrder
        flt = self._filter
        if flt.sort.value == key and flt.descending == descending:
            return
        self.set_filter(dataclasses.replace(flt, sort=SortKey(key), descending=descending))

    # --- worker ---------------------------------------------------------------------

    def count_rows(self, flt: Any) -> int:
        from opal_desktop.incidents.listing import count

        return count(self.vault, flt)

    def fetch_rows(self, flt: Any, offset: int, limit: int) -> list[Any]:
        from opal_desktop.incidents.listing import page

        return list(page(self.vault, flt, offset, limit))

    # --- cells ----------------------------------------------------------------------

    def cell(self, row: Any, column: int, role: int) -> object:
        summary: IncidentSummary = row
        which = self._columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(summary, which)
        if role == SUMMARY_ROLE:
            return summary
        if role == SNIPPET_ROLE:
            return summary.snippet if which is Column.FOUND else None
        missing = which is Column.CRIME_REF and not summary.has_crime_reference
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QBrush(ATTENTION)
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and missing:
            return "No police crime reference yet. Opal needs one for a referral."
        if role == Qt.ItemDataRole.ToolTipRole and which in (Column.STORE, Column.RETAILER):
            return f"{summary.store_code} of {summary.retailer}"  # the column may be cut short
        if role == Qt.ItemDataRole.ToolTipRole and which is Column.FOUND:
            from opal_desktop.incidents.search import plain

            return plain(summary.snippet)
        if role == Qt.ItemDataRole.TextAlignmentRole and which in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, summary: IncidentSummary, which: Column) -> str:
        from opal_desktop.incidents.search import plain

        if which is Column.REFERENCE:
            return summary.reference
        if which is Column.OCCURRED:
            return show(summary.occurred_start) or "Not set"
        if which is Column.STORE:
            return summary.store_code
        if which is Column.RETAILER:
            return summary.retailer
        if which is Column.TYPE:
            return self._type_labels.get(summary.incident_type, summary.incident_type or "Not set")
        if which is Column.LOSS:
            return format_pence(summary.loss_pence)
        if which is Column.CRIME_REF:
            return "Yes" if summary.has_crime_reference else MISSING
        if which is Column.STILLS:
            return str(summary.stills_count)
        if which is Column.OFFENDERS:
            return str(summary.offender_count)
        if which is Column.STATUS:
            return "Complete" if summary.status == "complete" else "Draft"
        return plain(near_match(summary.snippet))
