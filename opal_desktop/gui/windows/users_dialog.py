"""Administrators manage accounts: add, disable, enable, reset a password, change a role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox, QWidget

from opal_desktop.domain.roles import Role
from opal_desktop.errors import UserError
from opal_desktop.gui.forms.users_dialog_ui import Ui_UsersDialog
from opal_desktop.gui.models.users_model import UsersTableModel
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.windows.user_forms import AddUserDialog, SetPasswordDialog

if TYPE_CHECKING:
    from opal_desktop.vault.users import UserInfo
    from opal_desktop.vault.vault import Vault


class UsersDialog(QDialog):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UsersDialog()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        self.model = UsersTableModel()
        self.ui.usersTable.setModel(self.model)
        header = self.ui.usersTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for role in Role:
            self.ui.roleCombo.addItem(role.label, role.value)
        self.ui.busy.guard(
            self.ui.addButton,
            self.ui.resetButton,
            self.ui.disableButton,
            self.ui.enableButton,
            self.ui.roleButton,
        )
        self.ui.usersTable.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.ui.addButton.clicked.connect(self.add_user)
        self.ui.resetButton.clicked.connect(self.reset_password)
        self.ui.disableButton.clicked.connect(self.disable_user)
        self.ui.enableButton.clicked.connect(self.enable_user)
        self.ui.roleButton.clicked.connect(self.change_role)
        self.ui.buttonBox.rejected.connect(self.close)
        show_message(self.ui.messageLabel, "")
        self._selected()
        self.refresh()

    # --- reading --------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        vault = self.vault
        keep = select or self._current_username()
        self.runner.run(
            lambda: _list_users(vault),
            lambda users: self._show_users(users, keep),
            self._show_error,
            busy=self.ui.busy,
            busy_text="Loading users…",
        )

    def _show_users(self, users: list[UserInfo], select: str | None) -> None:
        self.model.set_users(users)
        row = self.model.row_of(select) if select else -1
        if row >= 0:
            self.ui.usersTable.selectRow(row)
        self._selected()

    def current_user(self) -> UserInfo | None:
        rows = self.ui.usersTable.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def _current_username(self) -> str | None:
        user = self.current_user()
        return user.username if user else None

    def _selected(self) -> None:
        user = self.current_user()
        is_me = user is not None and user.username == self.vault.actor.username
        active = user is not None and user.active
        self.ui.resetButton.setEnabled(active and not is_me)  # own: File > Change my password
        self.ui.disableButton.setEnabled(active and not is_me)
        self.ui.enableButton.setEnabled(user is not None and not user.active)
        self.ui.roleButton.setEnabled(user is not None and not is_me)
        self.ui.roleCombo.setEnabled(user is not None and not is_me)
        if user is not None:
            self.ui.roleCombo.setCurrentIndex(self.ui.roleCombo.findData(user.role.value))

    # --- changing -------------------------------------------------------------------

    def _change(self, work_name: str, *args: object, select: str | None = None) -> None:
        """Run users.<work_name>(vault, *args) on the worker, then reload the list."""
        vault = self.vault
        show_message(self.ui.messageLabel, "")
        self.runner.run(
            lambda: _call_users(work_name, vault, *args),
            lambda _none: self.refresh(select),
            self._show_error,
            busy=self.ui.busy,
            busy_text="Saving…",
        )

    def add_user(self) -> AddUserDialog:
        vault = self.vault
        dialog = AddUserDialog(
            self.runner,
            lambda username, name, role, password: _call_users(
                "add_user", vault, username, name, role, password
            ),
            self,
        )
        dialog.saved.connect(lambda: self.refresh(dialog.ui.usernameEdit.text().strip().lower()))
        dialog.open()
        return dialog

    def reset_password(self) -> SetPasswordDialog | None:
        return self._password_dialog(
            "reset_password",
            "Reset password",
            "Choose a temporary password for {name} and tell it to them in person. "
            "They will be asked to choose their own when they next sign in.",
        )

    def enable_user(self) -> SetPasswordDialog | None:
        return self._password_dialog(
            "enable_user",
            "Enable user",
            "{name} can sign in again with this temporary password, and will then choose their own.",
        )

    def _password_dialog(self, work_name: str, title: str, intro: str) -> SetPasswordDialog | None:
        user = self.current_user()
        if user is None:
            return None
        vault, username = self.vault, user.username
        dialog = SetPasswordDialog(
            self.runner,
            title,
            intro.format(name=user.display_name),
            lambda password: _call_users(work_name, vault, username, password),
            self,
        )
        dialog.saved.connect(lambda: self.refresh(username))
        dialog.open()
        return dialog

    def disable_user(self) -> QMessageBox | None:
        user = self.current_user()
        if user is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Disable user",
            f"Disable {user.display_name}? They will no longer be able to sign in. "
            "Their history stays in the vault.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        disable = box.addButton("Disable", QMessageBox.ButtonRole.AcceptRole)
        username = user.username
        box.buttonClicked.connect(
            lambda button: (
                self._change("disable_user", username, select=username)
                if button is disable
                else None
            )
        )
        box.open()
        return box

    def change_role(self) -> None:
        user = self.current_user()
        if user is None:
            return
        role = Role(self.ui.roleCombo.currentData())
        if role is user.role:
            show_message(self.ui.messageLabel, f"{user.display_name} is already {role.label}.")
            return
        vault, name = self.vault, user.username
        show_message(self.ui.messageLabel, "")
        self.runner.run(
            lambda: _call_users("set_role", vault, name, role),
            lambda note: self._role_changed(name, note),
            self._show_error,
            busy=self.ui.busy,
            busy_text="Saving…",
        )

    def _role_changed(self, username: str, note: object) -> None:
        self.refresh(username)
        if isinstance(note, str):  # the manager key still has to be handed over
            show_message(self.ui.messageLabel, note)

    def _show_error(self, error: UserError) -> None:
        show_message(self.ui.messageLabel, str(error))


def _list_users(vault: Vault) -> list[UserInfo]:
    from opal_desktop.vault.users import list_users

    return list_users(vault)


def _call_users(name: str, vault: Vault, *args: object) -> object:
    """Worker: call a function of opal_desktop.vault.users by name."""
    from opal_desktop.vault import users

    return getattr(users, name)(vault, *args)
