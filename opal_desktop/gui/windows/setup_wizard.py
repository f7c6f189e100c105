"""First run: create the store's vault.

Order: store → first administrator → signing certificate → (the vault is created on the
worker) → recovery code. The code is shown only once the vault that it opens exists, and
the wizard cannot be left until the person confirms they wrote it down.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from opal_desktop.errors import UserError
from opal_desktop.gui.session import Session, describe, preload_core
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.windows.wizard_pages import AdminPage, IdentityPage, RecoveryPage, StorePage

if TYPE_CHECKING:
    from opal_desktop.vault.vault import VaultSetup


class _IdentityCommitPage(IdentityPage):
    """Leaving this page creates the vault; the wizard moves on when the worker is done."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard

    def validatePage(self) -> bool:
        if self._wizard.session is not None:
            return True
        self._wizard.create_vault()
        return False


class SetupWizard(QWizard):
    vault_created = Signal(object)  # Session, once the person confirmed the recovery code
    setup_cancelled = Signal()

    def __init__(self, folder: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.runner = runner
        self.session: Session | None = None
        self.setWindowTitle("Set up Opal Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(820, 600)
        self.store_page = StorePage(folder, self)
        self.admin_page = AdminPage(self)
        self.identity_page = _IdentityCommitPage(self)
        self.recovery_page = RecoveryPage(self)
        for page in (self.store_page, self.admin_page, self.identity_page, self.recovery_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Start using Opal Desktop")
        runner.run(preload_core)  # the database layer loads while they type

    def request(self) -> tuple[VaultSetup, Path | None, str] | None:
        """The VaultSetup typed in, and the PKCS#12 file and password to import, if any."""
        from opal_desktop.vault.vault import VaultSetup  # loaded by now (preload_core)

        pkcs12 = self.identity_page.pkcs12()
        if pkcs12 is None:
            return None
        store, admin = self.store_page.ui, self.admin_page.ui
        setup = VaultSetup(
            organisation=store.organisationEdit.text(),
            store_name=store.storeNameEdit.text(),
            store_code=store.storeCodeEdit.text(),
            address=store.addressEdit.toPlainText(),
            postcode=store.postcodeEdit.text(),
            force_id=str(store.forceCombo.currentData() or ""),
            admin_username=admin.usernameEdit.text(),
            admin_display_name=admin.displayNameEdit.text(),
            admin_password=admin.passwordFields.password(),
        )
        return setup, pkcs12[0], pkcs12[1]

    def create_vault(self) -> None:
        page = self.identity_page
        show_message(page.ui.messageLabel, "")
        request = self.request()
        if request is None or page.ui.busy.running:
            return
        setup, pkcs12_path, pkcs12_password = request
        folder = self.folder
        text = (
            "Importing the certificate and creating the encrypted vault…"
            if pkcs12_path
            else "Creating the store's certificate and the encrypted vault…"
        )
        self._set_buttons_enabled(False)
        self.runner.run(
            lambda: create_session(folder, setup, pkcs12_path, pkcs12_password),
            self._created,
            self._failed,
            busy=page.ui.busy,
            busy_text=text,
        )

    def _created(self, result: tuple[Session, str]) -> None:
        self.session, code = result
        self._set_buttons_enabled(True)
        self.recovery_page.show_code(code)
        self.next()

    def _failed(self, error: UserError) -> None:
        self._set_buttons_enabled(True)
        show_message(self.identity_page.ui.messageLabel, str(error))

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(enabled)

    def accept(self) -> None:
        super().accept()
        if self.session is not None:
            self.vault_created.emit(self.session)

    def reject(self) -> None:
        if self.session is not None:
            # The vault exists: leaving is finishing, and only once the code is written down.
            if self.recovery_page.isComplete():
                self.accept()
            return
        if self.identity_page.ui.busy.running:
            return
        super().reject()
        self.setup_cancelled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and not self.recovery_page.isComplete():
            event.ignore()
            return
        super().closeEvent(event)


# --- worker side ---------------------------------------------------------------------


def create_session(
    folder: Path, setup: VaultSetup, pkcs12_path: Path | None, pkcs12_password: str
) -> tuple[Session, str]:
    """Create the vault (signed in as its first admin); return it and the recovery code."""
    from opal_desktop.errors import BadFile
    from opal_desktop.vault import identity
    from opal_desktop.vault.vault import Vault

    if pkcs12_path is not None:
        try:
            data = pkcs12_path.read_bytes()
        except OSError as error:
            raise BadFile(
                f"Cannot read {pkcs12_path}: {error.strerror}. Choose the file again."
            ) from None
        setup = dataclasses.replace(setup, identity=identity.load_pkcs12(data, pkcs12_password))
    vault, recovery_code = Vault.create(folder, setup)
    try:
        return describe(vault), recovery_code
    except BaseException:
        vault.close(audited=False)
        raise
