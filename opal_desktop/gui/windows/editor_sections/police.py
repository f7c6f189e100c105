"""Police (force, crime reference kept apart from the log number) and violence."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from opal_desktop.domain.incident import Incident, Police, Problem, Violence
from opal_desktop.domain.reference import police_forces
from opal_desktop.domain.timeutil import parse_uk_date
from opal_desktop.gui.widgets.date_picker import add_calendar
from opal_desktop.gui.windows.editor_sections.base import Section, line_edit, read, spacer_label

ATTENDED = (("Not known yet", None), ("Yes", True), ("No", False))


class PoliceSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Police", parent)
        self.force_combo = QComboBox()
        self.force_combo.addItem("Choose the force…", "")
        for force in police_forces():
            self.force_combo.addItem(force.name, force.id)
        self.force_combo.setMaximumWidth(360)
        self.crime_edit = line_edit("As the force gave it, e.g. 13/123456/26", 320)
        self.log_edit = line_edit("The call or log number, e.g. 0456 21/11", 320)
        self.reported_edit = line_edit("dd/mm/yyyy", 160)
        self.reported_calendar = add_calendar(self.reported_edit, with_time=False)
        self.officer_edit = line_edit("", 320)
        self.collar_edit = line_edit("", 160)
        self.attended_combo = QComboBox()
        for text, value in ATTENDED:
            self.attended_combo.addItem(text, value)
        self.attended_combo.setMaximumWidth(200)
        self.add_row(
            "Police &force",
            self.force_combo,
            "police.force_id",
            self.force_combo.currentIndexChanged,
        )
        self.add_row(
            "Crime r&eference number",
            self.crime_edit,
            "police.crime_reference",
            self.crime_edit.textEdited,
            hint="The crime number. Opal needs it for a referral.",
        )
        self.add_row(
            "Incident (&log) number",
            self.log_edit,
            "police.incident_number",
            self.log_edit.textEdited,
            hint="The number given when you called: not the crime number.",
        )
        self.add_row(
            "Re&ported to police on",
            self.reported_edit,
            "police.reported_on",
            self.reported_edit.textEdited,
        )
        self.add_row(
            "Police officer na&me",
            self.officer_edit,
            "police.officer_name",
            self.officer_edit.textEdited,
        )
        self.add_row(
            "Collar num&ber", self.collar_edit, "police.collar_number", self.collar_edit.textEdited
        )
        self.add_row(
            "Police attended",
            self.attended_combo,
            "police.attended",
            self.attended_combo.currentIndexChanged,
        )

    def load(self, incident: Incident) -> None:
        police = incident.police

        def fill() -> None:
            self.force_combo.setCurrentIndex(max(self.force_combo.findData(police.force_id), 0))
            self.crime_edit.setText(police.crime_reference)
            self.log_edit.setText(police.incident_number)
            day = police.reported_on
            self.reported_edit.setText(day.strftime("%d/%m/%Y") if day else "")
            self.officer_edit.setText(police.officer_name)
            self.collar_edit.setText(police.collar_number)
            index = [value for _text, value in ATTENDED].index(police.attended)
            self.attended_combo.setCurrentIndex(index)

        self.loading(fill)

    def apply(self, incident: Incident) -> list[Problem]:
        found: list[Problem] = []
        reported = read(
            lambda t: parse_uk_date(t, "date reported to the police"),
            self.reported_edit.text(),
            "police.reported_on",
            None,
            found,
        )
        incident.police = Police(
            force_id=str(self.force_combo.currentData() or ""),
            crime_reference=self.crime_edit.text().strip(),
            incident_number=self.log_edit.text().strip(),
            reported_on=reported,
            officer_name=self.officer_edit.text().strip(),
            collar_number=self.collar_edit.text().strip(),
            attended=self.attended_combo.currentData(),
        )
        return found


class ViolenceSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Violence", parent)
        self.threats_check = QCheckBox("Threats or &violence were used")
        self.weapon_edit = line_edit("Leave blank if none was seen, e.g. Stanley knife")
        self.injuries_edit = line_edit("Leave blank if nobody was hurt")
        self.staff_edit = line_edit("Names or roles of staff involved")
        self.form.addRow(spacer_label(), self.threats_check)
        self.watch("violence.threats", self.threats_check, self.threats_check.toggled)
        self.add_row(
            "&Weapon", self.weapon_edit, "violence.weapon_type", self.weapon_edit.textEdited
        )
        self.add_row(
            "In&juries", self.injuries_edit, "violence.injuries", self.injuries_edit.textEdited
        )
        self.add_row(
            "&Staff involved",
            self.staff_edit,
            "violence.staff_involved",
            self.staff_edit.textEdited,
        )

    def load(self, incident: Incident) -> None:
        violence = incident.violence

        def fill() -> None:
            self.threats_check.setChecked(violence.threats)
            self.weapon_edit.setText(violence.weapon_type)
            self.injuries_edit.setText(violence.injuries)
            self.staff_edit.setText(violence.staff_involved)

        self.loading(fill)

    def apply(self, incident: Incident) -> list[Problem]:
        incident.violence = Violence(
            threats=self.threats_check.isChecked(),
            weapon_type=self.weapon_edit.text().strip(),
            injuries=self.injuries_edit.text().strip(),
            staff_involved=self.staff_edit.text().strip(),
        )
        return []
