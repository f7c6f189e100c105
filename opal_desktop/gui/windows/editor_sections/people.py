"""Offenders as described, vehicles seen, witnesses, and the record's review date."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QHeaderView, QLabel, QSpinBox, QWidget

from opal_desktop.domain import catalogue
from opal_desktop.domain.incident import Incident, OffenderDescription, Problem, VehicleSeen
from opal_desktop.domain.incident import normalise_vrm as normalised
from opal_desktop.domain.timeutil import add_months, show, utc_to_london
from opal_desktop.gui.windows.editor_sections.base import Section, text_box
from opal_desktop.gui.windows.editor_sections.tables import (
    ChoiceDelegate,
    add_blank_row,
    cell_text,
    row_buttons,
    rows_table,
    set_row,
)

OFFENDER_HEADERS = ("Sex", "Age range", "Height", "Build", "Hair", "Clothing", "Marks")
IC_HEADER = "Ethnic appearance (IC)"
SEXES = [("", ""), ("male", "Male"), ("female", "Female"), ("unknown", "Not known")]
VEHICLE_HEADERS = ("Number plate", "Make", "Model", "Colour", "Direction of travel")


class OffendersSection(Section):
    def __init__(self, show_ic: bool, parent: QWidget | None = None) -> None:
        super().__init__("Offenders", parent)
        self.show_ic = show_ic
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 99)
        self.count_spin.setMaximumWidth(90)
        headers = OFFENDER_HEADERS + ((IC_HEADER,) if show_ic else ())
        self.table = rows_table(headers, "Offender descriptions", 130)
        self.sex_delegate = ChoiceDelegate(SEXES, self.table)
        self.table.setItemDelegateForColumn(0, self.sex_delegate)
        self.ic_delegate = ChoiceDelegate(
            [("", "")] + [(c.id, c.label) for c in catalogue.ic_codes()], self.table
        )
        if show_ic:
            self.table.setItemDelegateForColumn(len(OFFENDER_HEADERS), self.ic_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((85, 100, 75, 80, 80, 150)):
            header.resizeSection(column, width)
        buttons, self.add_button, self.remove_button = row_buttons(
            "Add description", "Remove description"
        )
        self.add_row(
            "Number of &offenders",
            self.count_spin,
            "offender_count",
            self.count_spin.valueChanged,
        )
        self.add_row(
            "Descriptions",
            self.table,
            "offenders",
            self.table.itemChanged,
            hint="One line per offender you can describe. Say only what was seen.",
        )
        self.form.addRow("", buttons)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)

    def _add(self) -> None:
        self.loading(lambda: add_blank_row(self.table))
        if self.count_spin.value() < self.table.rowCount():
            self.count_spin.setValue(self.table.rowCount())
        self._edited("offenders")

    def _remove(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self._edited("offenders")

    def load(self, incident: Incident) -> None:
        def fill() -> None:
            self.count_spin.setValue(incident.offender_count)
            self.table.setRowCount(len(incident.offenders))
            for row, person in enumerate(incident.offenders):
                values: tuple[str, ...] = (
                    self.sex_delegate.label_of(person.sex) or person.sex,
                    person.age_range,
                    person.height,
                    person.build,
                    person.hair,
                    person.clothing,
                    person.marks,
                )
                if self.show_ic:
                    values += (self.ic_delegate.label_of(person.ic_code),)
                set_row(self.table, row, values)

        self.loading(fill)

    def apply(self, incident: Incident) -> list[Problem]:
        incident.offender_count = self.count_spin.value()
        people = []
        for row in range(self.table.rowCount()):
            cells = [cell_text(self.table, row, c) for c in range(self.table.columnCount())]
            if not any(cells):
                continue
            sex = self.sex_delegate.value_of(cells[0]) or cells[0].lower()
            ic_code = self.ic_delegate.value_of(cells[7]) if self.show_ic else ""
            age, height, build, hair, clothing, marks = cells[1:7]
            people.append(
                OffenderDescription(sex, age, height, build, hair, clothing, marks, ic_code)
            )
        incident.offenders = people
        return []


class VehiclesSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Vehicles seen", parent)
        self.table = rows_table(VEHICLE_HEADERS, "Vehicles seen", 110)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((130, 110, 110, 100)):
            header.resizeSection(column, width)
        buttons, self.add_button, self.remove_button = row_buttons("Add vehicle", "Remove vehicle")
        self.add_row(
            "Vehicles",
            self.table,
            "vehicles",
            self.table.itemChanged,
            hint="Type the plate as seen; use ? for characters you could not read.",
        )
        self.form.addRow("", buttons)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.table.itemChanged.connect(self._tidy_plate)

    def _add(self) -> None:
        self.loading(lambda: add_blank_row(self.table))
        self._edited("vehicles")

    def _remove(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())
            self._edited("vehicles")

    def _tidy_plate(self, item: object) -> None:
        """Show the plate as it is stored and searched: upper case, no spaces."""
        from PySide6.QtWidgets import QTableWidgetItem

        if isinstance(item, QTableWidgetItem) and item.column() == 0:
            tidy = normalised(item.text())
            if tidy != item.text():
                self.loading(lambda: item.setText(tidy))

    def load(self, incident: Incident) -> None:
        def fill() -> None:
            self.table.setRowCount(len(incident.vehicles))
            for row, v in enumerate(incident.vehicles):
                set_row(self.table, row, (v.vrm, v.make, v.model, v.colour, v.direction))

        self.loading(fill)

    def apply(self, incident: Incident) -> list[Problem]:
        vehicles = []
        for row in range(self.table.rowCount()):
            cells = [cell_text(self.table, row, c) for c in range(self.table.columnCount())]
            if any(cells):
                vehicles.append(VehicleSeen(*cells))
        incident.vehicles = vehicles
        return []


class WitnessesSection(Section):
    def __init__(self, retention_months: int, parent: QWidget | None = None) -> None:
        super().__init__("Witnesses and record", parent)
        self.retention_months = retention_months
        self.witnesses_edit = text_box("Staff who saw it: names and roles.", 70)
        self.review_label = QLabel()
        self.review_label.setObjectName("reviewLabel")
        self.record_label = QLabel()
        self.record_label.setProperty("cssClass", "hint")
        for label in (self.review_label, self.record_label):
            label.setWordWrap(True)
        self.add_row("Witnesses", self.witnesses_edit, "witnesses", self.witnesses_edit.textChanged)
        self.add_row("Review date", self.review_label)
        self.add_row("Record", self.record_label)

    def load(self, incident: Incident) -> None:
        self.loading(lambda: self.witnesses_edit.setPlainText(incident.witnesses))
        self.show_record(incident)

    def show_record(self, incident: Incident) -> None:
        self.review_label.setText(review_text(incident, self.retention_months))
        if incident.created_by:
            self.record_label.setText(
                f"Created by {incident.created_by} on {show(incident.created_at)}; "
                f"last changed by {incident.updated_by} on {show(incident.updated_at)}."
            )
        else:
            self.record_label.setText("Not saved yet.")

    def apply(self, incident: Incident) -> list[Problem]:
        incident.witnesses = self.witnesses_edit.toPlainText().strip()
        return []


def review_date(incident: Incident, retention_months: int) -> date | None:
    anchor: datetime | None = incident.occurred_start or incident.reported_at
    if anchor is None:
        return None
    return add_months(utc_to_london(anchor).date(), retention_months)


def review_text(incident: Incident, retention_months: int) -> str:
    day = review_date(incident, retention_months)
    if day is None:
        return "Set once you enter when it happened."
    return (
        f"{day.strftime('%d/%m/%Y')} ({retention_months} months after it happened, "
        "set by your administrator). The record is reviewed then."
    )
