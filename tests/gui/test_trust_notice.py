"""Issue 16: signing in to an older copy of vault.db shows a clear warning box."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.vault.engine import DB_NAME
from opal_desktop.vault.vault import Vault

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window

SHOTS = os.environ.get("OPAL_TEST_SCREENSHOTS", "")  # a folder: save what the person sees


def test_an_older_database_is_shown_in_a_warning_box(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    folder = controller.folder
    shutil.copy2(folder / DB_NAME, tmp_path / "old.db")
    later = Vault.open(folder, ADMIN, ADMIN_PASSWORD)
    later.update_settings(idle_lock_minutes=20)
    later.close()
    shutil.copy2(tmp_path / "old.db", folder / DB_NAME)

    window = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    box = window.findChild(QMessageBox, "trustNoticeBox")
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    assert box.windowTitle() == "This may be an older copy of the vault"
    assert box.text().startswith("This vault is an older copy than the one last used here")
    assert "tell your administrator before you carry on." in box.text()
    if SHOTS:
        for width, height in ((1366, 768), (1024, 700)):
            window.resize(width, height)
            qtbot.wait(50)
            window.grab().save(str(Path(SHOTS) / f"trust-main-{width}.png"))
        box.grab().save(str(Path(SHOTS) / "trust-box.png"))


def test_the_audit_window_check_says_what_was_checked(
    qtbot: QtBot, controller: AppController
) -> None:
    from opal_desktop.gui.windows.audit_window import AuditWindow

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_audit()
    window = main._open_windows["audit"]
    assert isinstance(window, AuditWindow)
    window.verify()
    qtbot.waitUntil(lambda: bool(window.ui.verifyLabel.text()), timeout=WAIT_MS)
    lines = window.ui.verifyLabel.text().splitlines()
    assert lines[0].startswith("The audit trail is intact")
    assert "Every page of the database file passed SQLCipher's check." in lines
    if SHOTS:
        for width, height in ((1366, 768), (1024, 700)):
            window.resize(width, height)
            qtbot.wait(50)
            window.grab().save(str(Path(SHOTS) / f"trust-audit-{width}.png"))


def test_promoting_an_officer_says_how_to_hand_over_the_manager_key(
    qtbot: QtBot, controller: AppController
) -> None:
    from opal_desktop.gui.windows.users_dialog import UsersDialog

    from .conftest import OFFICER

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_users()
    dialog = main._open_windows["users"]
    assert isinstance(dialog, UsersDialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=WAIT_MS)
    dialog.ui.usersTable.selectRow(dialog.model.row_of(OFFICER))
    dialog.ui.roleCombo.setCurrentIndex(dialog.ui.roleCombo.findData("manager"))
    dialog.change_role()
    qtbot.waitUntil(
        lambda: "reset their password" in dialog.ui.messageLabel.text(), timeout=WAIT_MS
    )
    assert dialog.ui.messageLabel.text().startswith(f"{OFFICER} cannot sign packages")
    if SHOTS:
        for width, height in ((1366, 768), (1024, 700)):
            dialog.resize(min(width, 900), min(height, 600))
            qtbot.wait(50)
            dialog.grab().save(str(Path(SHOTS) / f"trust-users-{width}.png"))
