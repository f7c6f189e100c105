"""Deleting an incident needs a reason; the audit trail keeps who, when, why and what."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from opal_desktop.domain.incident import Incident
    from opal_desktop.vault.vault import Vault


class DeleteDialog(ReasonDialog):
    deleted = Signal()

    def __init__(
        self, incident: Incident, vault: Vault, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            runner,
            lambda reason: _delete(vault, incident, reason),
            title=f"Delete {incident.reference}",
            intro=f"Delete {incident.reference} from this vault? This cannot be undone.",
            question="&Why is it being deleted?",
            button="&Delete incident",
            placeholder="For example: logged twice, see LDS01-2026-00012",
            destructive=True,
            missing="Say why this incident is being deleted.",
            note="The audit trail will record who deleted it, when and why.",
            parent=parent,
        )
        self.saved.connect(lambda _result: self.deleted.emit())

    @property
    def delete_button(self) -> QPushButton:
        return self.confirm_button


def _delete(vault: Vault, incident: Incident, reason: str) -> None:
    from opal_desktop.incidents.records import delete_incident

    delete_incident(vault, incident, reason)
