"""Deleting an exhibit needs a reason; its chain of custody keeps the reason and the hash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.reason_dialog import ReasonDialog

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


class DeleteExhibitDialog(ReasonDialog):
    deleted = Signal(list)  # the references deleted

    def __init__(
        self, info: ExhibitInfo, vault: Vault, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        also = (
            " Its redacted working copies are deleted with it."
            if info.is_master
            else f" The master {info.master_reference} is not affected."
        )
        super().__init__(
            runner,
            lambda reason: _delete(vault, info.id, reason),
            title=f"Delete exhibit {info.reference}",
            intro=f"Delete {info.reference} ({info.original_filename}) from this incident? "
            f"This cannot be undone.{also}",
            question="&Why is it being deleted? (required)",
            button="&Delete exhibit",
            placeholder="For example: wrong incident, attached to LDS01-2026-00012",
            destructive=True,
            missing="Say why this exhibit is being deleted; the reason is kept.",
            note="Its chain of custody keeps who deleted it, when, why, and its SHA-256.",
            parent=parent,
        )
        self.info = info
        self.saved.connect(self.deleted.emit)

    @property
    def delete_button(self) -> QPushButton:
        return self.confirm_button


def _delete(vault: Vault, exhibit_id: int, reason: str) -> list[str]:
    from opal_desktop.evidence.exhibits import delete_exhibit

    return delete_exhibit(vault, exhibit_id, reason)
