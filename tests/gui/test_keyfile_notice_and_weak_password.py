"""The GUI says when a key-file copy was repaired at sign-in, and why a password is weak."""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.setup_wizard import SetupWizard
from opal_desktop.vault.keyfile import KEYFILE_BACKUP_NAME, KEYFILE_NAME

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window
from .test_setup_wizard import fill_store_page, new_controller  # noqa: F401  (fixture)

SHOTS = os.environ.get("OPAL_TEST_SCREENSHOTS", "")  # a folder: save what the person sees


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))  # type: ignore[attr-defined]


def test_a_repaired_key_file_is_shown_after_sign_in(
    qtbot: QtBot, controller: AppController
) -> None:
    main_copy = controller.folder / KEYFILE_NAME
    text = main_copy.read_text()
    vault_id = json.loads(text)["vault_id"]
    main_copy.write_text(
        text.replace(vault_id, ("1" if vault_id[0] != "1" else "2") + vault_id[1:], 1)
    )

    window = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    box = window.findChild(QMessageBox, "keyFileNoticeBox")
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    assert f"The key file {KEYFILE_NAME} was damaged" in box.text()
    assert "repaired from vault.keys.bak" in box.text()
    assert main_copy.read_bytes() == (controller.folder / KEYFILE_BACKUP_NAME).read_bytes()
    _shot(box, "keyfile-repaired.png")
    box.accept()


def test_the_wizard_refuses_a_guessable_password_and_says_why(
    qtbot: QtBot,
    new_controller: AppController,  # noqa: F811
) -> None:
    wizard = new_controller.start()
    assert isinstance(wizard, SetupWizard)
    wizard.resize(720, 560)
    fill_store_page(qtbot, wizard)
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    fields = wizard.admin_page.ui.passwordFields
    QTest.keyClicks(wizard.admin_page.ui.usernameEdit, "m.jones")
    QTest.keyClicks(wizard.admin_page.ui.displayNameEdit, "Mary Jones")
    QTest.keyClicks(fields.ui.passwordEdit, "password1234")
    QTest.keyClicks(fields.ui.confirmEdit, "password1234")
    qtbot.waitUntil(lambda: "not accepted" in fields.strength_text(), timeout=WAIT_MS)
    said_while_typing = fields.strength_text()
    QTest.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.admin_page
    refusal = fields.ui.passwordMessage.text()
    assert refusal.startswith("This password is too easy to guess because it is one of the most")
    assert said_while_typing == f"Weak (not accepted). {refusal}"  # the bar says what the rule says
    assert fields.strength_text() == "Weak (not accepted)."  # and is not said twice
    _shot(wizard, "weak-password.png")
    assert not new_controller.folder.exists()
