"""Idle auto-lock and the Lock action: covered, nothing lost, unlocked where they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.audit_window import AuditWindow
from opal_desktop.gui.windows.sign_in import SignInWindow

from .conftest import (
    ADMIN,
    ADMIN_PASSWORD,
    WAIT_MS,
    ControllerFactory,
    open_main_window,
    run_on_worker,
)

IDLE_MS = 400


@pytest.fixture
def quick_lock_controller(make_controller: ControllerFactory, vault_folder: Path) -> AppController:
    return make_controller(vault_folder, idle_timeout_ms=IDLE_MS)


def _actions(qtbot: QtBot, controller: AppController) -> list[str]:
    from opal_desktop.vault.audit_view import list_entries

    assert controller.session is not None
    vault = controller.session.vault
    return [e.action for e in run_on_worker(qtbot, controller.runner, lambda: list_entries(vault))]


def test_idle_lock_covers_the_window_and_unlock_returns_to_the_same_state(
    qtbot: QtBot, quick_lock_controller: AppController
) -> None:
    main = open_main_window(qtbot, quick_lock_controller, ADMIN, ADMIN_PASSWORD)
    main.open_audit()
    audit = main._open_windows["audit"]
    assert isinstance(audit, AuditWindow)
    QTest.keyClicks(audit.ui.actorEdit, "j.smith")  # half-typed work in another window
    qtbot.waitUntil(lambda: main.locked, timeout=WAIT_MS)

    assert main.ui.stack.currentWidget() is main.lock_screen
    assert not audit.isVisible()
    assert not main.ui.toolBar.isVisible()
    assert not main.ui.actionUsers.isEnabled() and not main.ui.actionLock.isEnabled()
    assert main.vault_label.text() == "Vault locked · encrypted"
    assert "Locked after 1 minute without activity." in main.lock_screen.ui.infoLabel.text()

    lock = main.lock_screen
    QTest.keyClicks(lock.ui.passwordEdit, "wrong password here")
    lock.unlock()
    qtbot.waitUntil(lambda: bool(lock.ui.messageLabel.text()), timeout=WAIT_MS)
    assert lock.ui.messageLabel.text().startswith(f"The password for '{ADMIN}' is not right.")
    assert main.locked

    QTest.keyClicks(lock.ui.passwordEdit, ADMIN_PASSWORD)
    lock.unlock()
    qtbot.waitUntil(lambda: not main.locked, timeout=WAIT_MS)
    assert main.ui.stack.currentWidget() is main.ui.homePage
    assert audit.isVisible() and audit.ui.actorEdit.text() == "j.smith"
    assert main.ui.actionUsers.isEnabled()
    assert main.vault_label.text() == "Vault open · encrypted"
    assert main.idle.active  # counting again

    actions = _actions(qtbot, quick_lock_controller)
    assert actions[:3] == ["unlock", "unlock_failed", "lock"]


def test_activity_keeps_the_window_unlocked(
    qtbot: QtBot, quick_lock_controller: AppController
) -> None:
    main = open_main_window(qtbot, quick_lock_controller, ADMIN, ADMIN_PASSWORD)
    for _ in range(4):
        qtbot.wait(IDLE_MS // 2)
        QTest.mouseMove(main.ui.homePage)
        QTest.keyClick(main.ui.homePage, Qt.Key.Key_A)
    assert not main.locked


def test_lock_action_has_ctrl_l_and_sign_out_from_the_lock_screen(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert main.ui.actionLock.shortcut() == QKeySequence("Ctrl+L")
    main.ui.actionLock.trigger()
    assert main.locked
    assert "Locked." in main.lock_screen.ui.infoLabel.text()
    main.lock_screen.ui.signOutButton.click()
    qtbot.waitUntil(lambda: isinstance(controller.window, SignInWindow), timeout=WAIT_MS)
    assert controller.session is None
    # The vault was closed: it can be opened again (the instance lock was released).
    from opal_desktop.gui.session import open_session

    folder = controller.folder
    session = run_on_worker(
        qtbot, controller.runner, lambda: open_session(folder, ADMIN, ADMIN_PASSWORD)
    )
    controller.session = session  # closed by the fixture
