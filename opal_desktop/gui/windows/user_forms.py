"""Small dialogs the users screen opens: add a user, set a temporary password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from opal_desktop.domain.roles import Role
from opal_desktop.domain.validation import normalise_username, require_text
from opal_desktop.errors import InvalidInput
from opal_desktop.gui.forms.add_user_dialog_ui import Ui_AddUserDialog
from opal_desktop.gui.forms.set_password_dialog_ui import Ui_SetPasswordDialog
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import clear_messages, show_message

PasswordWork = Callable[[str], object]  # runs on the worker with the new password


class _WorkerDialog(QDialog):
    """A dialog whose OK runs one piece of work on the worker and closes when it succeeds."""

    saved = Signal()

    def _setup_worker_dialog(
        self, runner: TaskRunner, busy: BusyIndicator, buttons: QDialogButtonBox, ok_text: str
    ) -> None:
        self.runner = runner
        self._busy = busy
        self._buttons = buttons
        self.setWindowModality(Qt.WindowModality.WindowModal)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        busy.guard(buttons)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)

    def submit(self) -> None:
        raise NotImplementedError

    def _run(self, work: Callable[[], object], message_label_text: Callable[[str], None]) -> None:
        self.runner.run(
            work,
            lambda _result: self._succeeded(),
            lambda error: message_label_text(str(error)),
            busy=self._busy,
            busy_text="Saving…",
        )

    def _succeeded(self) -> None:
        self.accept()
        self.saved.emit()


class SetPasswordDialog(_WorkerDialog):
    """Reset (or re-enable with) a temporary password the person must change at sign-in."""

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        intro: str,
        work: PasswordWork,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_SetPasswordDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.ui.introLabel.setText(intro)
        self.ui.passwordFields.set_password_label("&Temporary password")
        self.ui.passwordFields.align_with()
        self._work = work
        self._setup_worker_dialog(runner, self.ui.busy, self.ui.buttonBox, "Set password")
        show_message(self.ui.messageLabel, "")

    def submit(self) -> None:
        password = self.ui.passwordFields.validated()
        show_message(self.ui.messageLabel, "")
        if password is not None:
            work = self._work
            self._run(lambda: work(password), self._show_error)

    def _show_error(self, text: str) -> None:
        show_message(self.ui.messageLabel, text)


class AddUserDialog(_WorkerDialog):
    def __init__(
        self,
        runner: TaskRunner,
        work: Callable[[str, str, Role, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AddUserDialog()
        self.ui.setupUi(self)
        self.ui.passwordFields.set_password_label("&Temporary password")
        self.ui.passwordFields.align_with(
            self.ui.usernameLabel, self.ui.displayNameLabel, self.ui.roleLabel
        )
        for role in Role:
            self.ui.roleCombo.addItem(role.label, role.value)
        self._work = work
        self._setup_worker_dialog(runner, self.ui.busy, self.ui.buttonBox, "Add user")
        clear_messages(self.ui.usernameMessage, self.ui.displayNameMessage, self.ui.messageLabel)

    def submit(self) -> None:
        clear_messages(self.ui.usernameMessage, self.ui.displayNameMessage, self.ui.messageLabel)
        try:
            username = normalise_username(self.ui.usernameEdit.text())
        except InvalidInput as error:
            show_message(self.ui.usernameMessage, str(error))
            self.ui.usernameEdit.setFocus()
            return
        try:
            name = require_text(self.ui.displayNameEdit.text(), "person's full name")
        except InvalidInput as error:
            show_message(self.ui.displayNameMessage, str(error))
            self.ui.displayNameEdit.setFocus()
            return
        self.ui.passwordFields.set_user_inputs(username, name)
        password = self.ui.passwordFields.validated()
        if password is None:
            return
        role = Role(self.ui.roleCombo.currentData())
        work = self._work
        self._run(lambda: work(username, name, role, password), self._show_error)

    def _show_error(self, text: str) -> None:
        show_message(self.ui.messageLabel, text)
