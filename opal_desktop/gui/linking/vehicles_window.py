"""Vehicles as records: every number plate this user may see, and one vehicle's details and links.

Officers see the vehicles linked to their own store's incidents; managers see them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.linking.link_tables import RecordTable, when
from opal_desktop.gui.linking.window import LinkingWindow
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.linking.models import Link, Vehicle

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


def _list(vault: Vault) -> list[Vehicle]:
    from opal_desktop.linking import vehicles

    return vehicles.list_vehicles(vault)


def _detail(vault: Vault, vrm: str) -> tuple[Vehicle, list[Link]]:
    from opal_desktop.linking import links, vehicles

    return vehicles.get_vehicle(vault, vrm), links.links_of(vault, vrm=vrm)


def _save(vault: Vault, vrm: str, values: dict[str, str]) -> Vehicle:
    from opal_desktop.linking import vehicles

    return vehicles.update_vehicle(vault, vrm, **values)


class VehiclesWindow(LinkingWindow):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.vehicles: list[Vehicle] = []
        self.current = ""
        self.setWindowTitle("Vehicles — Opal Desktop")
        title = QLabel("Vehicles")
        title.setProperty("cssClass", "title")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Find: number plate, make or colour")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._narrow)
        self.table = RecordTable(("Number plate", "Vehicle", "Incidents"), "Vehicles", stretch=1)
        self.table.itemSelectionChanged.connect(self._selected)
        self.empty_label = QLabel("No vehicles yet. Link one from an incident's Links section.")
        self.empty_label.setProperty("cssClass", "hint")
        self.empty_label.setWordWrap(True)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.filter_edit, self.table, self.empty_label):
            left_column.addWidget(widget)
        self.empty_label.hide()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self._detail_pane())
        splitter.setSizes([370, 610])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        show_message(self.message, "")
        self.resize(1000, 620)
        self.refresh()

    def _detail_pane(self) -> QWidget:
        pane = QWidget()
        self.detail_title = QLabel("Choose a vehicle on the left.")
        form = QFormLayout()
        self.make_edit, self.model_edit, self.colour_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(64)
        form.addRow("&Make", self.make_edit)
        form.addRow("M&odel", self.model_edit)
        form.addRow("&Colour", self.colour_edit)
        form.addRow("&Notes", self.notes_edit)
        self.save_button = QPushButton("&Save changes")
        self.save_button.clicked.connect(self.save)
        self.save_state = QLabel()
        self.save_state.setProperty("cssClass", "hint")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_state, 1)
        save_row.addWidget(self.save_button)
        self.links = RecordTable(
            ("Linked to", "Role", "Why", "By", "When"), "Links of this vehicle", stretch=2
        )
        self.links.open_requested.connect(self._open)
        hint = QLabel("Double-click an incident to open it.")
        hint.setProperty("cssClass", "hint")
        column = QVBoxLayout(pane)
        column.setContentsMargins(12, 0, 0, 0)
        column.addWidget(self.detail_title)
        column.addLayout(form)
        column.addLayout(save_row)
        column.addWidget(QLabel("<b>Incidents and people</b>"))
        column.addWidget(self.links, 1)
        column.addWidget(hint)
        self.detail_widgets: list[QWidget] = [
            self.make_edit,
            self.model_edit,
            self.colour_edit,
            self.notes_edit,
            self.save_button,
        ]
        for widget in self.detail_widgets:
            widget.setEnabled(False)
        return pane

    def refresh(self) -> None:
        vault = self.vault
        self.runner.run(
            lambda: _list(vault),
            self._show,
            self.show_error,
            busy=self.busy,
            busy_text="Loading vehicles…",
        )

    def _show(self, found: list[Vehicle]) -> None:
        if not shiboken6.isValid(self):
            return
        self.vehicles = found
        self.table.fill(
            [
                (v.vrm, (v.vrm, v.label.removeprefix(v.vrm).strip(" ()"), str(v.incident_count)))
                for v in found
            ]
        )
        self.empty_label.setVisible(not found)
        self.table.setVisible(bool(found))
        self._narrow(self.filter_edit.text())
        if self.current:
            self.table.select_key(self.current)
        elif found:
            self.table.selectRow(0)

    def _narrow(self, typed: str) -> None:
        words = typed.lower().split()
        for row, vehicle in enumerate(self.vehicles):
            self.table.setRowHidden(row, not all(w in vehicle.label.lower() for w in words))

    def _selected(self) -> None:
        vrm = self.table.selected_key()
        if not vrm:
            return
        vault = self.vault
        self.runner.run(lambda: _detail(vault, vrm), self._show_detail, self.show_error)

    def _show_detail(self, found: tuple[Vehicle, list[Link]]) -> None:
        if not shiboken6.isValid(self):
            return
        vehicle, links = found
        self.current = vehicle.vrm
        self.detail_title.setText(f"<b>{vehicle.label}</b>")
        self.make_edit.setText(vehicle.make)
        self.model_edit.setText(vehicle.model)
        self.colour_edit.setText(vehicle.colour)
        self.notes_edit.setPlainText(vehicle.notes)
        self.save_state.setText("")
        for widget in self.detail_widgets:
            widget.setEnabled(True)
        self.links.fill(
            [
                (
                    k.left,
                    (
                        k.left,
                        k.role.title() or "Vehicle used",
                        k.reason,
                        k.linked_by,
                        when(k.linked_at),
                    ),
                )
                for k in links
            ]
        )

    def save(self) -> None:
        if not self.current:
            return
        values = {
            "make": self.make_edit.text(),
            "model": self.model_edit.text(),
            "colour": self.colour_edit.text(),
            "notes": self.notes_edit.toPlainText(),
        }
        vault, vrm = self.vault, self.current
        self.runner.run(
            lambda: _save(vault, vrm, values),
            self._saved,
            self.show_error,
            busy=self.busy,
            busy_text="Saving…",
        )

    def _saved(self, _vehicle: Vehicle) -> None:
        if shiboken6.isValid(self):
            show_message(self.message, "")
            self.save_state.setText("Saved.")
            self.refresh()

    def _open(self, key: str) -> None:
        if not key.startswith("SUBJ-"):
            self.open_incident_requested.emit(key)
