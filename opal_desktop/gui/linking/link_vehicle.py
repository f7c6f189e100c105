"""Link a vehicle to an incident by its number plate, pre-filled from the vehicles seen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from opal_desktop.domain.incident import VehicleSeen, normalise_vrm
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.form_dialog import FormDialog

if TYPE_CHECKING:
    from opal_desktop.linking.models import Link
    from opal_desktop.vault.vault import Vault


def _link(
    vault: Vault, incident: str, vrm: str, reason: str, make: str, model: str, colour: str
) -> Link:
    from opal_desktop.linking import links

    return links.link_vehicle(vault, incident, vrm, reason, make=make, model=model, colour=colour)


class LinkVehicleDialog(FormDialog):
    """`saved` carries the new Link."""

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        incident_reference: str,
        seen: list[VehicleSeen],
        parent: QWidget | None = None,
        *,
        vrm: str = "",
        reason: str = "",
    ) -> None:
        super().__init__(
            runner,
            title=f"Link a vehicle to {incident_reference}",
            intro=f"Which vehicle was used in {incident_reference}? Type its number plate, or "
            "pick one seen in this incident. Use ? for characters nobody could read (AB12 C?E).",
            button="&Link vehicle",
            parent=parent,
        )
        self.vault, self.incident_reference = vault, incident_reference
        self.seen = [v for v in seen if v.vrm.strip()]
        self.vrm_combo = QComboBox()
        self.vrm_combo.setEditable(True)
        self.vrm_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        plate_edit = self.vrm_combo.lineEdit()
        assert plate_edit is not None  # the combo is editable
        plate_edit.setPlaceholderText("AB12 CDE")
        for vehicle in self.seen:
            self.vrm_combo.addItem(normalise_vrm(vehicle.vrm))
        self.make_edit, self.model_edit, self.colour_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.form.addRow("&Number plate", self.vrm_combo)
        self.form.addRow("Ma&ke", self.make_edit)
        self.form.addRow("M&odel", self.model_edit)
        self.form.addRow("&Colour", self.colour_edit)
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setPlaceholderText("For example: seen leaving on the car park camera")
        self.form.addRow("&Why link it? (required)", self.reason_edit)
        hint = QLabel(
            "Make, model and colour fill in a new vehicle record; known ones keep theirs."
        )
        hint.setProperty("cssClass", "hint")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.vrm_combo.currentIndexChanged.connect(self._fill)
        if vrm:
            self.vrm_combo.setEditText(vrm)
        else:
            self._fill(self.vrm_combo.currentIndex())
        self.resize(580, self.sizeHint().height())

    def _fill(self, index: int) -> None:
        if 0 <= index < len(self.seen):
            vehicle = self.seen[index]
            self.make_edit.setText(vehicle.make)
            self.model_edit.setText(vehicle.model)
            self.colour_edit.setText(vehicle.colour)

    def confirm(self) -> None:
        vrm = self.vrm_combo.currentText().strip()
        reason = self.reason_edit.text().strip()
        if not vrm:
            self.refuse("Type the number plate (use ? for unreadable characters).", self.vrm_combo)
            return
        if not reason:
            self.refuse("Say why this vehicle is linked, in a few words.", self.reason_edit)
            return
        vault, incident = self.vault, self.incident_reference
        make, model = self.make_edit.text(), self.model_edit.text()
        colour = self.colour_edit.text()
        self.run(lambda: _link(vault, incident, vrm, reason, make, model, colour), "Linking…")
