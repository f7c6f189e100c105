"""The first-run wizard, driven like a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.gui.windows.setup_wizard import SetupWizard
from opal_desktop.vault import identity

from .conftest import WAIT_MS, ControllerFactory

PASSWORD = "harbour tulip saxophone"


@pytest.fixture
def new_controller(
    make_controller: ControllerFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    signing_material: identity.IdentityMaterial,
) -> AppController:
    monkeypatch.setattr(identity, "generate", lambda *_args: signing_material)
    return make_controller(tmp_path / "new-vault")


def _click(qtbot: QtBot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    QTest.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_store_page(qtbot: QtBot, wizard: SetupWizard, postcode: str = "ls1 6az") -> None:
    ui = wizard.store_page.ui
    QTest.keyClicks(ui.organisationEdit, "Northgate Retail Ltd")
    QTest.keyClicks(ui.storeNameEdit, "Leeds Briggate")
    QTest.keyClicks(ui.storeCodeEdit, "lds01")
    QTest.keyClicks(ui.addressEdit, "12 Briggate, Leeds")
    QTest.keyClicks(ui.postcodeEdit, postcode)
    ui.forceCombo.setEditText("West Yorkshire Police")


def fill_admin_page(qtbot: QtBot, wizard: SetupWizard, confirm: str = PASSWORD) -> None:
    ui = wizard.admin_page.ui
    QTest.keyClicks(ui.usernameEdit, "M.Jones")
    QTest.keyClicks(ui.displayNameEdit, "Mary Jones")
    QTest.keyClicks(ui.passwordFields.ui.passwordEdit, PASSWORD)
    QTest.keyClicks(ui.passwordFields.ui.confirmEdit, confirm)


def test_wizard_creates_a_vault_that_opens_with_the_chosen_password(
    qtbot: QtBot, new_controller: AppController
) -> None:
    wizard = new_controller.start()
    assert isinstance(wizard, SetupWizard)
    fill_store_page(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.store_page.ui.postcodeEdit.text() == "LS1 6AZ"  # tidied as typed
    assert wizard.store_page.ui.storeCodeEdit.text() == "LDS01"

    fill_admin_page(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.identity_page

    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=WAIT_MS)
    page = wizard.recovery_page
    assert len(page.code) > 30
    assert page.code.split("-")[0] in page.ui.codeLabel.text()
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()  # not until they say it is written down
    wizard.reject()  # Escape does not lose the code either
    assert wizard.isVisible()

    page.ui.confirmCheck.setChecked(True)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.vault_created, timeout=WAIT_MS):
        QTest.mouseClick(finish, Qt.MouseButton.LeftButton)
    main = new_controller.window
    assert isinstance(main, MainWindow)
    assert main.user_label.text() == "Signed in: Mary Jones"
    assert "LDS01 · Leeds Briggate" in main.store_label.text()
    code = page.code
    new_controller.shutdown()

    from opal_desktop.vault.vault import Vault

    vault = Vault.open(new_controller.folder, "m.jones", PASSWORD)
    try:
        assert vault.actor.display_name == "Mary Jones"
        assert vault.home_store().postcode == "LS1 6AZ"
    finally:
        vault.close()
    recovered = Vault.recover(new_controller.folder, code, "m.jones", "another long passphrase")
    recovered.close()


def test_store_page_says_what_is_wrong_under_each_field(
    qtbot: QtBot, new_controller: AppController
) -> None:
    wizard = new_controller.start()
    assert isinstance(wizard, SetupWizard)
    fill_store_page(qtbot, wizard, postcode="LS99 ZZZZ")
    ui = wizard.store_page.ui
    ui.postcodeEdit.editingFinished.emit()
    assert ui.postcodeMessage.text() == "LS99 ZZZZ is not a UK postcode. Type it like LS1 4AP."
    assert not ui.postcodeMessage.isHidden()
    ui.forceCombo.setEditText("Gotham City")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.store_page
    assert "from the list" in ui.forceMessage.text()

    ui.postcodeEdit.setText("ls16az")
    ui.postcodeEdit.editingFinished.emit()
    assert ui.postcodeMessage.isHidden()
    assert ui.postcodeEdit.text() == "LS1 6AZ"


def test_admin_page_checks_password_rules_and_confirmation(
    qtbot: QtBot, new_controller: AppController
) -> None:
    wizard = new_controller.start()
    assert isinstance(wizard, SetupWizard)
    fill_store_page(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fields = wizard.admin_page.ui.passwordFields
    QTest.keyClicks(wizard.admin_page.ui.usernameEdit, "m.jones")
    QTest.keyClicks(wizard.admin_page.ui.displayNameEdit, "Mary Jones")
    QTest.keyClicks(fields.ui.passwordEdit, "short")
    qtbot.waitUntil(lambda: fields.strength_text().startswith("Very weak"), timeout=WAIT_MS)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert "at least 12 characters" in fields.ui.passwordMessage.text()

    fields.ui.passwordEdit.setText(PASSWORD)
    fields.ui.confirmEdit.setText(PASSWORD + "x")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert fields.ui.confirmMessage.text() == "The two passwords are not the same. Type it again."
    qtbot.waitUntil(lambda: not fields.strength_text().startswith("Very weak"), timeout=WAIT_MS)
    assert not new_controller.folder.exists()  # nothing written before the vault is created


def test_a_bad_certificate_file_is_a_sentence_and_creates_nothing(
    qtbot: QtBot, new_controller: AppController, tmp_path: Path
) -> None:
    wizard = new_controller.start()
    assert isinstance(wizard, SetupWizard)
    fill_store_page(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    fill_admin_page(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    not_p12 = tmp_path / "cert.p12"
    not_p12.write_bytes(b"this is not a certificate")
    page = wizard.identity_page
    page.ui.importRadio.setChecked(True)
    page.ui.fileEdit.setText(str(not_p12))
    page.ui.p12PasswordEdit.setText("secret")
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: bool(page.ui.messageLabel.text()), timeout=WAIT_MS)
    assert "cannot be opened" in page.ui.messageLabel.text()
    assert wizard.currentPage() is page
    assert wizard.session is None
    assert not (new_controller.folder / "vault.keys").exists()


LONG_ORG = (
    "Yorkshire and Humber Retail Crime Partnership – West, North and South Yorkshire, "
    "Hull, York and the East Riding Shop Ltd"
)


def test_long_and_non_ascii_names_make_a_vault_with_its_own_certificate(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path
) -> None:
    controller = make_controller(tmp_path / "new-vault")  # the real certificate, not a stand-in
    wizard = controller.start()
    assert isinstance(wizard, SetupWizard)
    fill_store_page(qtbot, wizard)
    ui = wizard.store_page.ui
    ui.organisationEdit.setText(LONG_ORG)
    ui.storeNameEdit.setText("  Caffi’r Ŵyŷ –   Aberystwyth 🐉 ")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
    assert ui.storeNameEdit.text() == "Caffi’r Ŵyŷ – Aberystwyth 🐉"  # tidied as it will be kept
    fill_admin_page(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=WAIT_MS)
    wizard.recovery_page.ui.confirmCheck.setChecked(True)
    with qtbot.waitSignal(wizard.vault_created, timeout=WAIT_MS):
        _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    controller.shutdown()

    from opal_desktop.vault import signing
    from opal_desktop.vault.vault import Vault

    vault = Vault.open(controller.folder, "m.jones", PASSWORD)
    try:
        assert vault.settings()["organisation"] == LONG_ORG
        assert vault.home_store().name == "Caffi’r Ŵyŷ – Aberystwyth 🐉"
        subject = signing.certificate_facts(vault).subject
        assert "Yorkshire and Humber Retail Crime Partnership… – LDS01" in subject
    finally:
        vault.close()


def test_a_name_over_the_limit_is_said_under_its_field(
    qtbot: QtBot, new_controller: AppController
) -> None:
    wizard = new_controller.start()
    assert isinstance(wizard, SetupWizard)
    fill_store_page(qtbot, wizard)
    ui = wizard.store_page.ui
    too_long = LONG_ORG + " with the Lincolnshire and Humberside Co-operative Stores"
    ui.organisationEdit.setText(too_long)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.store_page
    assert ui.organisationMessage.text() == (
        f"The retailer or organisation name is {len(too_long)} characters long: "
        "shorten it to 160 characters or fewer."
    )
    assert not ui.organisationMessage.isHidden()
    assert ui.organisationEdit.hasFocus() or not wizard.isActiveWindow()
    assert ui.organisationEdit.text() == too_long  # nothing cut off behind their back
    assert not new_controller.folder.exists()
    ui.organisationEdit.setText(LONG_ORG)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.admin_page
