"""The incident list in the main window: search as you type, filters, and a paged table.

Typing in the search box waits ~250 ms after the last key, then counts and fetches on the
worker. Enter or a double-click on a row asks for that incident to be opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QWidget

from opal_desktop.domain import catalogue
from opal_desktop.domain.roles import Permission
from opal_desktop.errors import UserError
from opal_desktop.gui.forms.incident_list_ui import Ui_IncidentList
from opal_desktop.gui.models.incident_model import (
    SNIPPET_ROLE,
    SUMMARY_ROLE,
    Column,
    IncidentTableModel,
)
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.highlight_delegate import HighlightDelegate
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.incidents.listing import IncidentFilter, StoreChoice
    from opal_desktop.vault.vault import Vault

SEARCH_DELAY_MS = 250
ANY_TYPE, ANY_STATUS, ANY_STORE = "Any type", "Any status", "Any store"
WIDTHS = {
    Column.REFERENCE: 165,
    Column.OCCURRED: 145,
    Column.STORE: 70,
    Column.LOSS: 90,
    Column.CRIME_REF: 95,
    Column.STILLS: 62,
    Column.OFFENDERS: 98,
    Column.STATUS: 85,
}


class IncidentListView(QWidget):
    open_requested = Signal(str)  # reference
    total_changed = Signal(int)  # incidents in the vault this person may see, unfiltered

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IncidentList()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        self.model = IncidentTableModel(runner, vault)
        self._drill: IncidentFilter | None = None  # a dashboard figure's incidents, until cleared
        self._drill_caption = ""
        table = self.ui.table
        table.setModel(self.model)
        table.setItemDelegate(HighlightDelegate(SNIPPET_ROLE, table))
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(30)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(self._sort)
        self.model.modelReset.connect(self._after_reset)
        self.model.count_changed.connect(self._counted)
        table.activated.connect(self._activated)  # Enter, double-click
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self._fill_filters()
        self._connect_filters()
        self.ui.searchEdit.installEventFilter(self)
        show_message(self.ui.messageLabel, "")
        self.ui.noMatchLabel.setVisible(False)
        self.runner.run(lambda: _stores(vault), self._stores_known, self.show_error)

    # --- filters --------------------------------------------------------------------

    def _fill_filters(self) -> None:
        ui = self.ui
        ui.typeCombo.addItem(ANY_TYPE, "")
        for choice in catalogue.incident_types():
            ui.typeCombo.addItem(choice.label, choice.id)
        ui.statusCombo.addItem(ANY_STATUS, "")
        ui.statusCombo.addItem("Draft", "draft")
        ui.statusCombo.addItem("Complete", "complete")
        ui.storeCombo.addItem(ANY_STORE, "")
        today = QDate.currentDate()
        ui.fromDate.setDate(today.addMonths(-1))
        ui.toDate.setDate(today)
        ui.fromDate.setEnabled(False)
        ui.toDate.setEnabled(False)
        managers = self.vault.can(Permission.EDIT_ANY_STORE_INCIDENTS)
        ui.storeLabel.setVisible(False)  # shown once more than one store is known
        ui.storeCombo.setVisible(False)
        self._may_pick_store = managers
        self._stores: list[StoreChoice] | None = None

    def _connect_filters(self) -> None:
        ui = self.ui
        ui.searchEdit.textChanged.connect(lambda _text: self._search_timer.start())
        ui.fromCheck.toggled.connect(ui.fromDate.setEnabled)
        ui.toCheck.toggled.connect(ui.toDate.setEnabled)
        for check in (ui.fromCheck, ui.toCheck, ui.missingCheck):
            check.toggled.connect(lambda _on: self.apply_filter())
        for date_edit in (ui.fromDate, ui.toDate):
            date_edit.dateChanged.connect(lambda _date: self.apply_filter())
        for combo in (ui.typeCombo, ui.statusCombo, ui.storeCombo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        ui.clearButton.clicked.connect(self.clear_filters)

    def _stores_known(self, stores: list[StoreChoice]) -> None:
        if not shiboken6.isValid(self):
            return  # signed out meanwhile
        self._show_stores(stores)
        self.refresh()

    def _stores_again(self, stores: list[StoreChoice]) -> None:
        """After a refresh: an import may have brought stores (another retailer's LDS01)."""
        if shiboken6.isValid(self) and self._show_stores(stores):
            self.apply_filter()

    def _show_stores(self, stores: list[StoreChoice]) -> bool:
        """The store filter and the Store and Retailer columns; False if nothing changed."""
        if stores == self._stores:
            return False
        self._stores = stores
        many = len(stores) > 1
        retailers = len({(s.organisation_code, s.retailer) for s in stores}) > 1
        self.model.set_many_stores(many, retailers)
        if many and self._may_pick_store:
            combo = self.ui.storeCombo
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:  # keep "Any store"
                combo.removeItem(1)
            for store in stores:  # NG/LDS01 when another organisation also has an LDS01
                label = f"{store.code} · {store.name}" + (
                    f" · {store.retailer}" if retailers else ""
                )
                combo.addItem(label, store.key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
            self.ui.storeLabel.setVisible(True)
            combo.setVisible(True)
        return True

    def current_filter(self) -> IncidentFilter:
        from opal_desktop.incidents.listing import IncidentFilter, SortKey

        ui = self.ui
        previous = self.model.current_filter
        store = str(ui.storeCombo.currentData() or "")
        type_id = str(ui.typeCombo.currentData() or "")
        typed = IncidentFilter(
            search=ui.searchEdit.text().strip(),
            date_from=ui.fromDate.date().toPython() if ui.fromCheck.isChecked() else None,  # type: ignore[arg-type]
            date_to=ui.toDate.date().toPython() if ui.toCheck.isChecked() else None,  # type: ignore[arg-type]
            types=(type_id,) if type_id else (),
            status=str(ui.statusCombo.currentData() or ""),
            missing_crime_reference=ui.missingCheck.isChecked(),
            store_codes=(store,) if store else (),
            sort=previous.sort if previous is not None else SortKey.OCCURRED,
            descending=previous.descending if previous is not None else True,
        )
        if self._drill is None:
            return typed
        from opal_desktop.dashboard.drill import within

        return within(self._drill, typed)

    def show_drill(self, flt: IncidentFilter, caption: str) -> None:
        """List exactly what a dashboard figure counts (the list's own filters narrow it;
        Clear goes back to everything)."""
        self.clear_filters()
        self._drill, self._drill_caption = flt, caption
        self.apply_filter()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        show_message(self.ui.messageLabel, "")
        self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        ui = self.ui
        self._drill, self._drill_caption = None, ""
        for widget in (ui.fromCheck, ui.toCheck, ui.missingCheck, ui.typeCombo):
            widget.blockSignals(True)
        ui.fromCheck.setChecked(False)
        ui.toCheck.setChecked(False)
        ui.missingCheck.setChecked(False)
        ui.typeCombo.setCurrentIndex(0)
        for widget in (ui.fromCheck, ui.toCheck, ui.missingCheck, ui.typeCombo):
            widget.blockSignals(False)
        ui.fromDate.setEnabled(False)
        ui.toDate.setEnabled(False)
        ui.statusCombo.setCurrentIndex(0)
        ui.storeCombo.setCurrentIndex(0)
        self.apply_filter()

    def refresh(self) -> None:
        """Count again (after a save or delete): the filter, and everything for the empty state."""
        from opal_desktop.incidents.listing import IncidentFilter

        vault = self.vault
        self.runner.run(lambda: _count_all(vault, IncidentFilter()), self._total_known)
        self.apply_filter()
        if self._stores is not None:  # known: check again (the first look calls refresh)
            self.runner.run(lambda: _stores(vault), self._stores_again, self.show_error)

    # --- results --------------------------------------------------------------------

    def _total_known(self, total: int) -> None:
        if shiboken6.isValid(self):
            self.total_changed.emit(total)

    def _counted(self, count: int) -> None:
        noun = "incident" if count == 1 else "incidents"
        shown = f" · from the dashboard: {self._drill_caption}" if self._drill is not None else ""
        self.ui.countLabel.setText(f"{count:,} {noun}{shown}")
        self.ui.noMatchLabel.setVisible(count == 0)

    def _after_reset(self) -> None:
        header = self.ui.table.horizontalHeader()
        searching = Column.FOUND in self.model.columns
        for position, column in enumerate(self.model.columns):
            if column is Column.TYPE and searching:  # the found text gets the room
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(position, 160)
            elif column in WIDTHS:
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(position, WIDTHS[column])
            else:  # type and found share what is left
                header.setSectionResizeMode(position, QHeaderView.ResizeMode.Stretch)
        self._show_sort()

    def _show_sort(self) -> None:
        header = self.ui.table.horizontalHeader()
        flt = self.model.current_filter
        if flt is not None:
            order = Qt.SortOrder.DescendingOrder if flt.descending else Qt.SortOrder.AscendingOrder
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(flt), order)
            header.blockSignals(False)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        if self.model.sortable(column):
            self.model.sort(column, order)
        else:  # store and found text: put the arrow back where the sort really is
            self._show_sort()

    def _activated(self, index: QModelIndex) -> None:
        summary = self.model.index(index.row(), 0).data(SUMMARY_ROLE)
        if summary is not None:
            self.open_requested.emit(summary.name or summary.reference)  # NG/REF if shared

    def selected_references(self) -> list[str]:
        """The references of the selected rows that have loaded (in list order)."""
        rows = sorted(index.row() for index in self.ui.table.selectionModel().selectedRows())
        summaries = (self.model.index(row, 0).data(SUMMARY_ROLE) for row in rows)
        return [summary.name or summary.reference for summary in summaries if summary is not None]

    def show_error(self, error: UserError | str) -> None:
        if not shiboken6.isValid(self):
            return
        show_message(self.ui.messageLabel, str(error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down or Enter in the search box goes to the results."""
        if watched is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._search_timer.isActive():
                    self.apply_filter()
                if self.model.rowCount() > 0:
                    self.ui.table.setFocus()
                    self.ui.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)


# --- worker side ---------------------------------------------------------------------


def _stores(vault: Vault) -> list[StoreChoice]:
    from opal_desktop.incidents.listing import stores

    return stores(vault)


def _count_all(vault: Vault, flt: IncidentFilter) -> int:
    from opal_desktop.incidents.listing import count

    return count(vault, flt)
