"""Deleting an exhibit needs a reason; its chain of custody keeps the reason and the hash."""

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
from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


class DeleteExhibitDialog(QDialog):
    deleted = Signal(list)  # the references deleted

    def __init__(
        self, info: ExhibitInfo, vault: Vault, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.info = info
        self.vault = vault
        self.runner = runner
        self.setWindowTitle(f"Delete exhibit {info.reference}")
        also = (
            " Its redacted working copies are deleted with it."
            if info.is_master
            else f" The master {info.master_reference} is not affected."
        )
        intro = QLabel(
            f"Delete {info.reference} ({info.original_filename}) from this incident? "
            f"This cannot be undone.{also} Its chain of custody keeps who deleted it, "
            "when, why, and its SHA-256."
        )
        intro.setWordWrap(True)
        label = QLabel("&Why is it being deleted? (required)")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            "For example: wrong incident, attached to LDS01-2026-00012"
        )
        label.setBuddy(self.reason_edit)
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.message.setWordWrap(True)
        self.busy = BusyIndicator(self)
        buttons = QDialogButtonBox()
        self.delete_button = QPushButton("&Delete exhibit")
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button.clicked.connect(self.delete)
        buttons.rejected.connect(self.reject)
        self.busy.guard(self.delete_button, self.reason_edit)
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.reason_edit, self.message, self.busy, buttons):
            layout.addWidget(widget)
        show_message(self.message, "")
        self.reason_edit.setFocus()
        self.resize(560, 230)

    def delete(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            show_message(self.message, "Say why this exhibit is being deleted; the reason is kept.")
            self.reason_edit.setFocus()
            return
        vault, exhibit_id = self.vault, self.info.id
        self.runner.run(
            lambda: _delete(vault, exhibit_id, reason),
            self._done,
            self._failed,
            busy=self.busy,
            busy_text="Deleting…",
        )

    def _done(self, references: list[str]) -> None:
        self.deleted.emit(references)
        self.accept()

    def _failed(self, error: UserError) -> None:
        show_message(self.message, str(error))


def _delete(vault: Vault, exhibit_id: int, reason: str) -> list[str]:
    from opal_desktop.evidence.exhibits import delete_exhibit

    return delete_exhibit(vault, exhibit_id, reason)
