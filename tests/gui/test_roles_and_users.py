"""What each role sees, and the administrator's users screen."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.change_password import ChangePasswordDialog
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.gui.windows.users_dialog import UsersDialog

from .conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    MANAGER,
    MANAGER_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    WAIT_MS,
    open_main_window,
)


def test_officers_do_not_get_the_admin_actions(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, OFFICER, OFFICER_PASSWORD)
    assert main.role_label.text() == "Security officer"
    for action in (main.ui.actionUsers, main.ui.actionSettings, main.ui.actionAudit):
        assert not action.isVisible()
    assert not main.ui.menuAdmin.menuAction().isVisible()
    assert main.ui.actionLock.isVisible() and main.ui.actionChangePassword.isVisible()


def test_managers_get_the_audit_trail_but_not_users_or_settings(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    assert main.ui.actionAudit.isVisible()
    assert not main.ui.actionUsers.isVisible() and not main.ui.actionSettings.isVisible()
    assert main.ui.menuAdmin.menuAction().isVisible()


def _users_dialog(qtbot: QtBot, main: MainWindow) -> UsersDialog:
    main.open_users()
    dialog = main._open_windows["users"]
    assert isinstance(dialog, UsersDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=WAIT_MS)
    return dialog


def test_admin_adds_a_user_who_must_then_choose_a_password(
    qtbot: QtBot, controller: AppController, qtmodeltester: ModelTester
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    dialog = _users_dialog(qtbot, main)
    qtmodeltester.check(dialog.model)  # type: ignore[no-untyped-call]
    add = dialog.add_user()
    add.ui.usernameEdit.setText("bad name!")
    add.submit()
    assert "A username is 2 to 32 characters" in add.ui.usernameMessage.text()
    add.ui.usernameEdit.setText("t.new")
    add.ui.displayNameEdit.setText("Tom New")
    add.ui.passwordFields.ui.passwordEdit.setText("temporary pass phrase")
    add.ui.passwordFields.ui.confirmEdit.setText("temporary pass phrase")
    add.submit()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=WAIT_MS)
    row = dialog.model.row_of("t.new")
    assert dialog.model.index(row, 4).data() == "Active · temporary password"
    assert dialog.model.index(row, 2).data() == "Security officer"
    selected = dialog.current_user()
    assert selected is not None and selected.username == "t.new"

    main.request_sign_out()
    qtbot.waitUntil(lambda: controller.session is None, timeout=WAIT_MS)
    main = open_main_window(qtbot, controller, "t.new", "temporary pass phrase")
    forced = main._open_windows["password"]
    assert isinstance(forced, ChangePasswordDialog)
    assert forced.windowTitle() == "Choose your own password"
    forced.ui.oldPasswordEdit.setText("temporary pass phrase")
    forced.ui.passwordFields.ui.passwordEdit.setText("my own long password")
    forced.ui.passwordFields.ui.confirmEdit.setText("my own long password")
    forced.submit()
    qtbot.waitUntil(lambda: not forced.isVisible(), timeout=WAIT_MS)
    assert controller.session is not None
    assert not controller.session.vault.actor.must_change_password


def test_admin_disables_and_changes_roles_but_not_their_own(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    dialog = _users_dialog(qtbot, main)
    dialog.ui.usersTable.selectRow(dialog.model.row_of(ADMIN))
    assert not dialog.ui.disableButton.isEnabled() and not dialog.ui.roleButton.isEnabled()

    dialog.ui.usersTable.selectRow(dialog.model.row_of(OFFICER))
    box = dialog.disable_user()
    assert isinstance(box, QMessageBox)
    disable = next(b for b in box.buttons() if b.text() == "Disable")
    disable.click()
    qtbot.waitUntil(lambda: _cell(dialog, OFFICER, 4) == "Disabled", timeout=WAIT_MS)
    assert dialog.model.row_of(OFFICER) == 2  # disabled users sort last
    assert dialog.ui.enableButton.isEnabled()

    dialog.ui.usersTable.selectRow(dialog.model.row_of(MANAGER))
    dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData("admin"))
    dialog.change_role()
    qtbot.waitUntil(lambda: _cell(dialog, MANAGER, 2) == "Administrator", timeout=WAIT_MS)
    assert dialog.ui.messageLabel.text() == ""


def _cell(dialog: UsersDialog, username: str, column: int) -> object:
    return dialog.model.index(dialog.model.row_of(username), column).data()
