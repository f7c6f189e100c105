"""Deleting an incident needs a reason; the audit trail keeps who, when, why and what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.domain.incident import Incident
    from opal_desktop.vault.vault import Vault


class DeleteDialog(QDialog):
    deleted = Signal()

    def __init__(
        self, incident: Incident, vault: Vault, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.incident = incident
        self.vault = vault
        self.runner = runner
        self.setWindowTitle(f"Delete {incident.reference}")
        intro = QLabel(
            f"Delete {incident.reference} from this vault? This cannot be undone. "
            "The audit trail will record who deleted it, when and why."
        )
        intro.setWordWrap(True)
        label = QLabel("&Why is it being deleted?")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("For example: logged twice, see LDS01-2026-00012")
        label.setBuddy(self.reason_edit)
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.message.setWordWrap(True)
        self.busy = BusyIndicator(self)
        buttons = QDialogButtonBox()
        self.delete_button = QPushButton("&Delete incident")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button.clicked.connect(self.delete)
        buttons.rejected.connect(self.reject)
        self.busy.guard(self.delete_button, self.reason_edit)
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.reason_edit, self.message, self.busy, buttons):
            layout.addWidget(widget)
        show_message(self.message, "")
        self.resize(520, 220)

    def delete(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            show_message(self.message, "Say why this incident is being deleted.")
            self.reason_edit.setFocus()
            return
        vault, incident = self.vault, self.incident
        self.runner.run(
            lambda: _delete(vault, incident, reason),
            self._done,
            self._failed,
            busy=self.busy,
            busy_text="Deleting…",
        )

    def _done(self, _none: None) -> None:
        self.deleted.emit()
        self.accept()

    def _failed(self, error: UserError) -> None:
        show_message(self.message, str(error))


def _delete(vault: Vault, incident: Incident, reason: str) -> None:
    from opal_desktop.incidents.records import delete_incident

    delete_incident(vault, incident, reason)
