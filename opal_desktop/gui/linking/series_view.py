"""One series: its summary and timeline, its members, and its link chart."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.linking import series_work as work
from opal_desktop.gui.linking.chart_canvas import ChartCanvas
from opal_desktop.gui.linking.link_tables import RecordTable
from opal_desktop.gui.linking.series_dialogs import AddMembersDialog
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

TIMELINE_HEADERS = ("When", "Incident", "Store", "Type", "Loss", "People", "Vehicles", "Crime ref")
KIND_WORDS = {"incident": "Incident", "subject": "Person", "vehicle": "Vehicle"}


class SeriesView(QWidget):
    changed = Signal()  # members added or removed
    open_incident_requested = Signal(str)

    def __init__(
        self, vault: Vault, runner: TaskRunner, reference: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault, self.runner, self.reference = vault, runner, reference
        self.data: work.SeriesData | None = None
        self.title = QLabel(reference)
        self.title.setProperty("cssClass", "title")
        self.description = QLabel()
        self.description.setProperty("cssClass", "hint")
        self.description.setWordWrap(True)
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.message.setWordWrap(True)
        self.busy = BusyIndicator(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._summary_tab(), "&Summary and timeline")
        self.tabs.addTab(self._members_tab(), "&Members")
        self.tabs.addTab(self._chart_tab(), "&Link chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.description, self.message, self.busy):
            layout.addWidget(widget)
        layout.addWidget(self.tabs, 1)
        show_message(self.message, "")
        self.reload()

    def _summary_tab(self) -> QWidget:
        page = QWidget()
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(16)
        self.facts.setVerticalSpacing(4)
        self.facts.setColumnStretch(1, 1)
        self.timeline = RecordTable(TIMELINE_HEADERS, "Timeline", stretch=5)
        self.timeline.open_requested.connect(self.open_incident_requested)
        hint = QLabel("Incidents in the order they happened. Double-click one to open it.")
        hint.setProperty("cssClass", "hint")
        column = QVBoxLayout(page)
        column.addLayout(self.facts)
        column.addSpacing(8)
        column.addWidget(QLabel("<b>Timeline</b>"))
        column.addWidget(self.timeline, 1)
        column.addWidget(hint)
        return page

    def _members_tab(self) -> QWidget:
        page = QWidget()
        self.members = RecordTable(("What", "Reference"), "Members of the series", stretch=1)
        self.add_button = QPushButton("&Add…")
        self.remove_button = QPushButton("&Remove…")
        self.add_button.clicked.connect(self.add_members)
        self.remove_button.clicked.connect(self.ask_remove)
        self.members.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.members.selected_key()))
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(page)
        column.addWidget(self.members, 1)
        column.addLayout(buttons)
        return page

    def _chart_tab(self) -> QWidget:
        page = QWidget()
        self.chart = ChartCanvas()
        self.chart.open_incident_requested.connect(self.open_incident_requested)
        self.save_chart_button = QPushButton("Save chart as &image…")
        self.save_chart_button.clicked.connect(self.choose_chart_file)
        self.saved_label = QLabel()
        self.saved_label.setProperty("cssClass", "hint")
        self.saved_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.saved_label, 1)
        row.addWidget(self.save_chart_button)
        column = QVBoxLayout(page)
        column.addWidget(self.chart, 1)
        column.addLayout(row)
        return page

    # --- loading --------------------------------------------------------------------

    def reload(self) -> None:
        vault, reference = self.vault, self.reference
        self.runner.run(
            lambda: work.load_series(vault, reference),
            self._show,
            self._failed,
            busy=self.busy,
            busy_text="Loading the series…",
        )

    def _show(self, data: work.SeriesData) -> None:
        if not shiboken6.isValid(self):
            return
        self.data = data
        summary = data.summary
        self.title.setText(f"{summary.reference} {summary.name}")
        show_message(self.description, summary.description)
        while self.facts.count():
            item = self.facts.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        for row, (heading, value) in enumerate(data.facts):
            name, text = QLabel(f"<b>{heading}</b>"), QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if heading == "Crime references" and summary.missing_crime_references:
                text.setProperty("cssClass", "error")
            self.facts.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(text, row, 1)
        self.timeline.fill(
            [
                (
                    t.reference,
                    (
                        t.when,
                        t.reference,
                        t.store,
                        t.incident_type,
                        t.loss,
                        t.people,
                        t.vehicles,
                        t.crime_reference,
                    ),
                )
                for t in data.timeline
            ]
        )
        members = [("incident", r) for r in summary.incident_references]
        members += [("subject", r) for r in summary.subject_references]
        members += [("vehicle", v) for v in summary.vrms]
        self.members.fill([(f"{k}|{r}", (KIND_WORDS[k], r)) for k, r in members])
        self.remove_button.setEnabled(False)
        self.chart.show_graph(data.chart)

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, str(error))

    # --- members --------------------------------------------------------------------

    def _changed(self, _result: object = None) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, "")
            self.changed.emit()
            self.reload()

    def add_members(self) -> AddMembersDialog:
        dialog = AddMembersDialog(self.vault, self.runner, self.reference, self)
        dialog.ask(self._changed)
        return dialog

    def ask_remove(self) -> None:
        key = self.members.selected_key()
        if not key:
            return
        kind, member = key.split("|", 1)
        vault, reference = self.vault, self.reference
        ReasonDialog(
            self.runner,
            lambda why: work.remove_member(vault, reference, kind, member, why),
            parent=self,
            title="Remove from series",
            button="&Remove",
            destructive=True,
            intro=f"Take {member} out of {reference}? Its links to people and vehicles stay.",
            question="&Why is it being taken out? (required)",
            placeholder="For example: different offenders on CCTV",
        ).ask(self._changed)

    # --- chart ----------------------------------------------------------------------

    def choose_chart_file(self) -> None:
        suggested = f"{self.reference} link chart.png"
        name = file_dialogs.save_file_name(
            self, "Save chart as image", suggested, "PNG pictures (*.png)"
        )
        if name:
            self.save_chart(Path(name))

    def save_chart(self, path: Path) -> None:
        """Write the chart to `path` on the worker (the handler for a chosen file)."""
        vault, reference = self.vault, self.reference
        self.runner.run(
            lambda: work.save_chart(vault, reference, path),
            self._chart_saved,
            self._failed,
            busy=self.busy,
            busy_text="Saving the chart…",
        )

    def _chart_saved(self, path: Path) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, "")
            self.saved_label.setText(f"Saved as {path}")
