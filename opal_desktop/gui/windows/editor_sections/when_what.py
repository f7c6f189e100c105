"""When and where; what happened (type, tactics, narrative)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QListView, QListWidget, QListWidgetItem, QWidget

from opal_desktop.domain import catalogue
from opal_desktop.domain.incident import MIN_NARRATIVE, Incident, Problem
from opal_desktop.domain.timeutil import parse_uk_datetime, show
from opal_desktop.gui.widgets.date_picker import add_calendar
from opal_desktop.gui.windows.editor_sections.base import Section, line_edit, read, text_box

WHEN_PLACEHOLDER = "dd/mm/yyyy hh:mm, like 21/11/2026 18:05"
TACTIC_CELL = QSize(280, 28)


class TacticsList(QListWidget):
    """Tick boxes in as many columns as fit, and always tall enough to show every one."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = max(1, (self.width() - 12) // TACTIC_CELL.width())
        rows = -(-self.count() // columns)
        height = rows * TACTIC_CELL.height() + 10
        if self.height() != height:
            self.setFixedHeight(height)


class WhenWhereSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("When and where", parent)
        self.start_edit = line_edit(WHEN_PLACEHOLDER, 320)
        self.end_edit = line_edit("Leave blank if it was over at once", 320)
        self.start_calendar = add_calendar(self.start_edit, with_time=True)
        self.end_calendar = add_calendar(self.end_edit, with_time=True)
        self.logged_label = QLabel()
        self.location_edit = line_edit("For example: Aisle 4, spirits")
        self.add_row(
            "When it &happened", self.start_edit, "occurred_start", self.start_edit.textEdited
        )
        self.add_row("&Until (optional)", self.end_edit, "occurred_end", self.end_edit.textEdited)
        self.add_row("Logged", self.logged_label)
        self.add_row(
            "Where in the s&tore", self.location_edit, "location", self.location_edit.textEdited
        )

    def load(self, incident: Incident) -> None:
        def fill() -> None:
            self.start_edit.setText(show(incident.occurred_start))
            self.end_edit.setText(show(incident.occurred_end))
            self.logged_label.setText(show(incident.reported_at, with_zone=True) or "Not yet")
            self.location_edit.setText(incident.location)

        self.loading(fill)

    def apply(self, incident: Incident) -> list[Problem]:
        found: list[Problem] = []
        incident.occurred_start = read(
            lambda t: parse_uk_datetime(t, "time it happened"),
            self.start_edit.text(),
            "occurred_start",
            None,
            found,
        )
        incident.occurred_end = read(
            lambda t: parse_uk_datetime(t, "end time"),
            self.end_edit.text(),
            "occurred_end",
            None,
            found,
        )
        incident.location = self.location_edit.text().strip()
        return found


class WhatHappenedSection(Section):
    def __init__(self, custom_tactics: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__("What happened", parent)
        self.type_combo = QComboBox()
        self.type_combo.addItem("Choose the type…", "")
        for choice in catalogue.incident_types():
            self.type_combo.addItem(choice.label, choice.id)
        self.type_combo.setMaximumWidth(360)
        self.tactics_list = TacticsList()
        self.tactics_list.setFlow(QListView.Flow.LeftToRight)
        self.tactics_list.setWrapping(True)
        self.tactics_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.tactics_list.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.tactics_list.setGridSize(TACTIC_CELL)
        self.tactics_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tactics_list.setFixedHeight(6 * TACTIC_CELL.height() + 10)
        self.tactics_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tactics_list.setAccessibleName("Tactics")
        for choice in catalogue.tactics(custom_tactics):
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tactics_list.addItem(item)
        self.tactics_list.setCurrentRow(0)  # Space ticks the first one straight away
        self.narrative_edit = text_box(
            "What happened, in order: who did what, what was said, how they left.", 150
        )
        self.add_row(
            "T&ype of incident",
            self.type_combo,
            "incident_type",
            self.type_combo.currentIndexChanged,
        )
        self.add_row(
            "Ta&ctics",
            self.tactics_list,
            "tactics",
            self.tactics_list.itemChanged,
            hint="Arrow keys move, Space ticks. Tick every one that applies.",
        )
        self.add_row(
            "&Narrative",
            self.narrative_edit,
            "narrative",
            self.narrative_edit.textChanged,
            hint=f"At least {MIN_NARRATIVE} characters. Stick to what was seen and heard.",
        )
        self._unknown_tactics: list[str] = []

    def load(self, incident: Incident) -> None:
        def fill() -> None:
            index = self.type_combo.findData(incident.incident_type)
            self.type_combo.setCurrentIndex(max(index, 0))
            chosen = set(incident.tactics)
            known: set[str] = set()
            for row in range(self.tactics_list.count()):
                item = self.tactics_list.item(row)
                tactic = str(item.data(Qt.ItemDataRole.UserRole))
                known.add(tactic)
                checked = tactic in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self._unknown_tactics = [t for t in incident.tactics if t not in known]
            self.narrative_edit.setPlainText(incident.narrative)

        self.loading(fill)

    def apply(self, incident: Incident) -> list[Problem]:
        incident.incident_type = str(self.type_combo.currentData() or "")
        ticked = [
            str(self.tactics_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.tactics_list.count())
            if self.tactics_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        incident.tactics = sorted(ticked + self._unknown_tactics)  # keep what we cannot show
        incident.narrative = self.narrative_edit.toPlainText()
        return []
