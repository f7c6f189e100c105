"""Change my own password: re-wraps my key slot on the worker; nothing is re-encrypted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.forms.change_password_dialog_ui import Ui_ChangePasswordDialog
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

FORCED_INTRO = (
    "An administrator set a temporary password for you. Choose your own password now: "
    "type the temporary one, then your new one twice."
)


class ChangePasswordDialog(QDialog):
    def __init__(
        self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None, forced: bool = False
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ChangePasswordDialog()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        self.setWindowModality(Qt.WindowModality.WindowModal)
        actor = vault.actor
        self.ui.passwordFields.set_user_inputs(actor.username, actor.display_name)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setText("Change password")
        if forced:
            self.setWindowTitle("Choose your own password")
            self.ui.introLabel.setText(FORCED_INTRO)
            self.ui.oldPasswordLabel.setText("&Temporary password")
            self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Sign out")
        self.ui.passwordFields.align_with(self.ui.oldPasswordLabel)
        self.ui.busy.guard(self.ui.buttonBox, self.ui.oldPasswordEdit, self.ui.passwordFields)
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        show_message(self.ui.messageLabel, "")

    def submit(self) -> None:
        old = self.ui.oldPasswordEdit.text()
        if not old:
            show_message(self.ui.messageLabel, "Type your current password first.")
            self.ui.oldPasswordEdit.setFocus()
            return
        new = self.ui.passwordFields.validated()
        if new is None:
            show_message(self.ui.messageLabel, "")
            return
        show_message(self.ui.messageLabel, "")
        vault = self.vault
        self.runner.run(
            lambda: _change(vault, old, new),
            lambda _none: self.accept(),
            self._failed,
            busy=self.ui.busy,
            busy_text="Saving your new password…",
        )

    def _failed(self, error: UserError) -> None:
        show_message(self.ui.messageLabel, str(error))
        self.ui.oldPasswordEdit.clear()
        self.ui.oldPasswordEdit.setFocus()


def _change(vault: Vault, old: str, new: str) -> None:
    from opal_desktop.vault.users import change_own_password

    change_own_password(vault, old, new)
