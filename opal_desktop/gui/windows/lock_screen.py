"""The lock screen that covers the main window; the password is checked on the worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from opal_desktop.errors import WrongPassword
from opal_desktop.gui.forms.lock_screen_ui import Ui_LockScreen
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


class LockScreen(QWidget):
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_LockScreen()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        self.ui.busy.guard(self.ui.passwordEdit, self.ui.unlockButton, self.ui.signOutButton)
        self.ui.unlockButton.clicked.connect(self.unlock)
        self.ui.passwordEdit.returnPressed.connect(self.unlock)
        self.ui.signOutButton.clicked.connect(self.sign_out_requested)

    def activate(self, reason: str) -> None:
        actor = self.vault.actor
        self.ui.infoLabel.setText(
            f"{reason} {actor.display_name} ({actor.username}) is still signed in; "
            "nothing has been lost. Type your password to carry on, or sign out so "
            "someone else can sign in."
        )
        self.ui.passwordEdit.clear()
        show_message(self.ui.messageLabel, "")
        self.ui.passwordEdit.setFocus()

    def unlock(self) -> None:
        password = self.ui.passwordEdit.text()
        if self.ui.busy.running:
            return
        if not password:
            show_message(self.ui.messageLabel, "Type your password, then press Unlock.")
            return
        vault = self.vault
        self.runner.run(
            lambda: _check_and_record(vault, password),
            self._checked,
            busy=self.ui.busy,
            busy_text="Checking your password…",
        )

    def _checked(self, right: bool) -> None:
        self.ui.passwordEdit.clear()
        if right:
            show_message(self.ui.messageLabel, "")
            self.unlocked.emit()
        else:
            show_message(self.ui.messageLabel, str(WrongPassword(self.vault.actor.username)))
            self.ui.passwordEdit.setFocus()


def _check_and_record(vault: Vault, password: str) -> bool:
    """Worker: check the password and write the unlock (or the failure) to the audit trail."""
    if vault.check_password(password):
        vault.record_lock(False)
        return True
    vault.record_failed_unlock()
    return False
