"""Putting incidents, people and vehicles into a series, or starting a new one (managers).

Each dialog's `saved` carries the series' reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from opal_desktop.errors import InvalidInput
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.form_dialog import FormDialog

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

NEW_SERIES = ""  # the combo's data for "A new series"
KINDS = (
    ("incident", "Incidents"),
    ("subject", "People (subject references)"),
    ("vehicle", "Vehicles (number plates)"),
)


def _series_choices(vault: Vault) -> list[tuple[str, str, int]]:
    from opal_desktop.linking import series

    return series.list_series(vault)


def add_to_series(
    vault: Vault, reference: str, name: str, kind: str, keys: list[str], reason: str
) -> str:
    """Worker: add `keys` to series `reference` (or to a new series called `name`)."""
    from opal_desktop.linking import series
    from opal_desktop.linking.common import require_text

    require_text(reason, "why they belong in the series")
    if not keys:
        raise InvalidInput("Type at least one reference or number plate to add.")
    if not reference:
        reference = series.create_series(vault, name)
    series.add_members(vault, reference, kind, keys, reason)
    return reference


class AddToSeriesDialog(FormDialog):
    """Add incidents (this one and a suggested one) to an existing series or a new one."""

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        incidents: list[str],
        parent: QWidget | None = None,
        *,
        reason: str = "",
    ) -> None:
        listed = " and ".join(incidents)
        super().__init__(
            runner,
            title="Add to a series",
            intro=f"Add {listed} to a series? A series is a suspected organised group: its summary, "
            "timeline and link chart bring the incidents together.",
            button="&Add to series",
            parent=parent,
        )
        self.vault, self.incidents = vault, incidents
        self.series_combo = QComboBox()
        self.series_combo.addItem("A new series…", NEW_SERIES)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("For example: Grey Audi spirits team")
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setPlaceholderText("For example: same two males, same grey Audi")
        self.form.addRow("&Series", self.series_combo)
        self.form.addRow("&Name of the new series", self.name_edit)
        self.form.addRow("&Why do they belong together? (required)", self.reason_edit)
        self.series_combo.currentIndexChanged.connect(self._new_or_existing)
        self.resize(640, self.sizeHint().height())
        self.runner.run(lambda: _series_choices(vault), self._fill, self.failed)

    def _fill(self, choices: list[tuple[str, str, int]]) -> None:
        for reference, name, count in choices:
            noun = "incident" if count == 1 else "incidents"
            self.series_combo.addItem(f"{reference} {name} ({count} {noun})", reference)
        if choices:
            self.series_combo.setCurrentIndex(1)

    def _new_or_existing(self) -> None:
        self.form.setRowVisible(self.name_edit, self.series_combo.currentData() == NEW_SERIES)

    def confirm(self) -> None:
        reference = str(self.series_combo.currentData())
        name, reason = self.name_edit.text().strip(), self.reason_edit.text().strip()
        if not reference and not name:
            self.refuse("Give the new series a name people will recognise.", self.name_edit)
            return
        vault, incidents = self.vault, self.incidents
        self.run(
            lambda: add_to_series(vault, reference, name, "incident", incidents, reason), "Adding…"
        )


class AddMembersDialog(FormDialog):
    """Add incidents, people or vehicles to one series by reference or number plate."""

    def __init__(
        self, vault: Vault, runner: TaskRunner, series_reference: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            runner,
            title=f"Add to {series_reference}",
            intro=f"Add incidents, people or vehicles to {series_reference}. Type their references "
            "or number plates, separated by commas.",
            button="&Add",
            parent=parent,
        )
        self.vault, self.series_reference = vault, series_reference
        self.kind_combo = QComboBox()
        for kind, label in KINDS:
            self.kind_combo.addItem(label, kind)
        self.keys_edit = QLineEdit()
        self.keys_edit.setPlaceholderText("For example: LDS01-2026-00012, YRK02-2026-00007")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("For example: same tactic and goods, same week")
        self.form.addRow("&What", self.kind_combo)
        self.form.addRow("&References", self.keys_edit)
        self.form.addRow("&Why do they belong? (required)", self.reason_edit)
        self.resize(640, self.sizeHint().height())

    def confirm(self) -> None:
        keys = [k.strip() for k in self.keys_edit.text().split(",") if k.strip()]
        kind, reason = str(self.kind_combo.currentData()), self.reason_edit.text().strip()
        vault, reference = self.vault, self.series_reference
        self.run(lambda: add_to_series(vault, reference, "", kind, keys, reason), "Adding…")


def _create(vault: Vault, name: str, description: str) -> str:
    from opal_desktop.linking import series

    return series.create_series(vault, name, description)


class NewSeriesDialog(FormDialog):
    """Start an empty series; incidents, people and vehicles are added to it afterwards."""

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(
            runner,
            title="New series",
            intro="A series is a suspected organised group: a named set of incidents, people and "
            "vehicles. Give it a name people will recognise.",
            button="&Create series",
            parent=parent,
        )
        self.vault = vault
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("For example: Grey Audi spirits team")
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("For example: two males, foil-lined bags, spirits")
        self.form.addRow("&Name", self.name_edit)
        self.form.addRow("&Description (optional)", self.description_edit)
        self.resize(600, self.sizeHint().height())

    def confirm(self) -> None:
        vault, name = self.vault, self.name_edit.text().strip()
        description = self.description_edit.text().strip()
        self.run(lambda: _create(vault, name, description), "Creating…")
