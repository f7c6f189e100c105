"""Reset an administrator's password with the recovery code written down at setup."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.forms.recovery_dialog_ui import Ui_RecoveryDialog
from opal_desktop.gui.session import Session, recover_session
from opal_desktop.gui.style import use_monospace
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message


class RecoveryDialog(QDialog):
    recovered = Signal(object)  # Session, signed in as the administrator

    def __init__(self, folder: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RecoveryDialog()
        self.ui.setupUi(self)
        self.folder = folder
        self.runner = runner
        use_monospace(self.ui.codeEdit)
        self.ui.passwordFields.align_with(self.ui.codeLabel, self.ui.adminUsernameLabel)
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Reset and sign in")
        self.ui.busy.guard(self.ui.buttonBox, self.ui.codeEdit, self.ui.adminUsernameEdit)
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        show_message(self.ui.messageLabel, "")

    def submit(self) -> None:
        code = self.ui.codeEdit.text().strip()
        admin = self.ui.adminUsernameEdit.text().strip()
        if not code:
            show_message(self.ui.messageLabel, "Type the recovery code from the paper copy.")
            self.ui.codeEdit.setFocus()
            return
        if not admin:
            show_message(self.ui.messageLabel, "Type the administrator's username.")
            self.ui.adminUsernameEdit.setFocus()
            return
        password = self.ui.passwordFields.validated()
        if password is None:
            show_message(self.ui.messageLabel, "")
            return
        show_message(self.ui.messageLabel, "")
        folder = self.folder
        self.runner.run(
            lambda: recover_session(folder, code, admin, password),
            self._recovered,
            self._failed,
            busy=self.ui.busy,
            busy_text="Checking the recovery code…",
        )

    def _recovered(self, session: Session) -> None:
        self.accept()
        self.recovered.emit(session)

    def _failed(self, error: UserError) -> None:
        show_message(self.ui.messageLabel, str(error))
