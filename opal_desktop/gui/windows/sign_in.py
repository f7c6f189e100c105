"""Who are you, and your password.

Shown at start-up, so it must stay light: it reads the key file (plain JSON) for the user
list and loads nothing heavy. It also avoids PySide6's `Qt` namespace (its form too):
importing that builds every Qt enum, ~40 ms here, a third of our start-up budget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.forms.sign_in_ui import Ui_SignIn
from opal_desktop.gui.session import Session, open_session, preload_core
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.vault.keyfile import KeyFile

PRELOAD_DELAY_MS = 100  # let the window paint before the worker starts importing


class SignInWindow(QWidget):
    signed_in = Signal(object)  # Session

    def __init__(self, folder: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SignIn()
        self.ui.setupUi(self)
        self.folder = folder
        self.runner = runner
        self.ui.folderLabel.setText(f"Vault: {folder}")
        self.ui.busy.guard(self.ui.userList, self.ui.passwordEdit, self.ui.signInButton)
        show_message(self.ui.messageLabel, "")
        self.ui.signInButton.clicked.connect(self.sign_in)
        self.ui.passwordEdit.returnPressed.connect(self.sign_in)
        self.ui.userList.itemActivated.connect(lambda _item: self.ui.passwordEdit.setFocus())
        self.ui.userList.currentItemChanged.connect(lambda *_: self._clear_message())
        self.ui.recoveryButton.clicked.connect(self.open_recovery)
        self._usernames: list[str] = []  # by row of the user list
        self._load_users()
        QTimer.singleShot(PRELOAD_DELAY_MS, lambda: self.runner.run(preload_core))

    def _load_users(self) -> None:
        try:
            slots = KeyFile.load(self.folder).user_slots()
        except UserError as error:
            show_message(self.ui.messageLabel, str(error))
            self.ui.signInButton.setEnabled(False)
            return
        # The key file holds usernames only: names stay inside the encrypted database.
        self._usernames = sorted(slot.username for slot in slots if slot.username)
        self.ui.userList.addItems(self._usernames)
        if self.ui.userList.count() == 1:
            self.ui.userList.setCurrentRow(0)
            self.ui.passwordEdit.setFocus()
        else:
            self.ui.userList.setFocus()

    def select_user(self, username: str) -> None:
        if username in self._usernames:
            self.ui.userList.setCurrentRow(self._usernames.index(username))
            self.ui.passwordEdit.setFocus()

    def selected_username(self) -> str | None:
        row = self.ui.userList.currentRow()
        return self._usernames[row] if 0 <= row < len(self._usernames) else None

    def sign_in(self) -> None:
        if self.ui.busy.running:
            return
        username = self.selected_username()
        password = self.ui.passwordEdit.text()
        if username is None:
            show_message(self.ui.messageLabel, "Choose your name from the list first.")
            self.ui.userList.setFocus()
            return
        if not password:
            show_message(self.ui.messageLabel, "Type your password, then press Sign in.")
            self.ui.passwordEdit.setFocus()
            return
        self._clear_message()
        folder = self.folder
        self.runner.run(
            lambda: open_session(folder, username, password),
            self._signed_in,
            self._failed,
            busy=self.ui.busy,
            busy_text="Checking your password…",
        )

    def _signed_in(self, session: Session) -> None:
        self.ui.passwordEdit.clear()
        self.signed_in.emit(session)

    def _failed(self, error: UserError) -> None:
        show_message(self.ui.messageLabel, str(error))
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()

    def _clear_message(self) -> None:
        show_message(self.ui.messageLabel, "")

    def open_recovery(self) -> None:
        from opal_desktop.gui.windows.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(self.folder, self.runner, self)
        dialog.recovered.connect(self.signed_in)
        dialog.open()
