"""Series (managers and administrators): the list on the left, the chosen series on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.linking.link_tables import RecordTable
from opal_desktop.gui.linking.series_dialogs import NewSeriesDialog
from opal_desktop.gui.linking.series_view import SeriesView
from opal_desktop.gui.linking.series_work import series_rows
from opal_desktop.gui.linking.window import LinkingWindow
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

EMPTY_TEXT = (
    "No series yet. Start one with “New series…”, or add incidents to a series from the "
    "suggestions in an incident's Links section."
)


class SeriesWindow(LinkingWindow):
    check_requested = Signal(str)  # a series reference: show its referral checklist
    package_requested = Signal(str)  # a series reference: build a package from it

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.view: SeriesView | None = None
        self.setWindowTitle("Series — Opal Desktop")
        self.list = RecordTable(("Series", "Name", "Incidents"), "Series", stretch=1)
        self.list.itemSelectionChanged.connect(self._selected)
        self.new_button = QPushButton("&New series…")
        self.new_button.clicked.connect(self.new_series)
        self.check_button = QPushButton("&Check readiness…")
        self.check_button.setToolTip("Check whether the chosen series is ready to refer to Opal")
        self.check_button.clicked.connect(self.request_check)
        self.package_button = QPushButton("&Build package…")
        self.package_button.setToolTip(
            "Build an intelligence package for Opal from the chosen series"
        )
        self.package_button.clicked.connect(self.request_package)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Series")
        heading.setProperty("cssClass", "title")
        left_column.addWidget(heading)
        left_column.addWidget(self.list, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_button)
        new_row.addWidget(self.check_button)
        new_row.addWidget(self.package_button)
        new_row.addStretch(1)
        left_column.addLayout(new_row)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setProperty("cssClass", "hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 910])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.close_footer())
        show_message(self.message, "")
        self.resize(1240, 760)
        self._wanted = ""
        self.refresh()

    def refresh(self, select: str = "") -> None:
        self._wanted = select or self.list.selected_key()
        vault = self.vault
        self.runner.run(
            lambda: series_rows(vault),
            self._show,
            self.show_error,
            busy=self.busy,
            busy_text="Loading series…",
        )

    def _show(self, rows: list[tuple[str, str, int]]) -> None:
        if not shiboken6.isValid(self):
            return
        self.list.blockSignals(True)
        self.list.fill([(ref, (ref, name, str(count))) for ref, name, count in rows])
        self.list.blockSignals(False)
        if self._wanted:
            self.list.select_key(self._wanted)
        elif rows:
            self.list.selectRow(0)
        if not rows:
            self.pages.setCurrentWidget(self.empty_label)

    def _selected(self) -> None:
        reference = self.list.selected_key()
        if not reference or (self.view is not None and self.view.reference == reference):
            return
        self.open_series(reference)

    def open_series(self, reference: str) -> SeriesView:
        if self.view is not None:
            self.pages.removeWidget(self.view)
            self.view.deleteLater()
        self.view = SeriesView(self.vault, self.runner, reference)
        self.view.changed.connect(lambda: self.refresh(reference))
        self.view.open_incident_requested.connect(self.open_incident_requested)
        self.pages.addWidget(self.view)
        self.pages.setCurrentWidget(self.view)
        return self.view

    def request_check(self) -> None:
        if self.view is None:
            show_message(self.message, "Choose a series in the list first, then check it.")
            return
        show_message(self.message, "")
        self.check_requested.emit(self.view.reference)

    def request_package(self) -> None:
        if self.view is None:
            show_message(self.message, "Choose a series in the list first, then build its package.")
            return
        show_message(self.message, "")
        self.package_requested.emit(self.view.reference)

    def new_series(self) -> NewSeriesDialog:
        dialog = NewSeriesDialog(self.vault, self.runner, self)
        dialog.ask(lambda reference: self.refresh(str(reference)))
        return dialog
