"""The setup wizard's pages. Each checks its fields with the core's own rules, and shows
the sentence under the field that needs fixing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
    QWizardPage,
)

from opal_desktop.domain.reference import police_forces
from opal_desktop.domain.validation import (
    normalise_organisation_name,
    normalise_postcode,
    normalise_store_code,
    normalise_store_name,
    normalise_username,
    require_text,
)
from opal_desktop.errors import InvalidInput
from opal_desktop.gui.forms.wizard_admin_ui import Ui_AdminPage
from opal_desktop.gui.forms.wizard_identity_ui import Ui_IdentityPage
from opal_desktop.gui.forms.wizard_recovery_ui import Ui_RecoveryPage
from opal_desktop.gui.forms.wizard_store_ui import Ui_StorePage
from opal_desktop.gui.style import use_monospace
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.messages import clear_messages, show_message


def checked_text(
    edit: QLineEdit, message: QLabel, rule: Callable[[str], str], reformat: bool = False
) -> str | None:
    """Apply a core rule to a field: the clean value, or None with the sentence shown."""
    try:
        value = rule(edit.text())
    except InvalidInput as error:
        show_message(message, str(error))
        return None
    show_message(message, "")
    if reformat and value != edit.text():
        edit.setText(value)
    return value


def _first_failure(results: list[tuple[object | None, QWidget]]) -> bool:
    """Focus the first field that failed; True when every field passed."""
    for value, widget in results:
        if value is None:
            widget.setFocus()
            return False
    return True


class StorePage(QWizardPage):
    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_StorePage()
        self.ui.setupUi(self)
        self.setSubTitle(f"{self.subTitle()} The vault will be kept in {folder}.")
        ui = self.ui
        for force in police_forces():
            ui.forceCombo.addItem(force.name, force.id)
        completer = QCompleter(ui.forceCombo.model(), ui.forceCombo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        ui.forceCombo.setCompleter(completer)
        ui.forceCombo.setCurrentIndex(-1)
        force_edit = ui.forceCombo.lineEdit()
        if force_edit is not None:
            force_edit.setPlaceholderText("Start typing, e.g. West Yorkshire")
        ui.postcodeEdit.editingFinished.connect(self.check_postcode)
        ui.storeCodeEdit.editingFinished.connect(self.check_store_code)
        clear_messages(
            ui.organisationMessage,
            ui.storeNameMessage,
            ui.storeCodeMessage,
            ui.postcodeMessage,
            ui.forceMessage,
        )

    def check_postcode(self) -> str | None:
        if not self.ui.postcodeEdit.text().strip():
            return None  # said when they press Next, not while they move between fields
        return checked_text(
            self.ui.postcodeEdit, self.ui.postcodeMessage, normalise_postcode, reformat=True
        )

    def check_store_code(self) -> str | None:
        if not self.ui.storeCodeEdit.text().strip():
            return None
        return checked_text(
            self.ui.storeCodeEdit, self.ui.storeCodeMessage, normalise_store_code, reformat=True
        )

    def force_id(self) -> str | None:
        combo = self.ui.forceCombo
        index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        if index < 0:
            show_message(
                self.ui.forceMessage,
                "Choose the police force for the store's area from the list.",
            )
            return None
        combo.setCurrentIndex(index)
        show_message(self.ui.forceMessage, "")
        return str(combo.itemData(index))

    def validatePage(self) -> bool:
        ui = self.ui
        results: list[tuple[object | None, QWidget]] = [
            (
                checked_text(
                    ui.organisationEdit, ui.organisationMessage, normalise_organisation_name, True
                ),
                ui.organisationEdit,
            ),
            (
                checked_text(ui.storeNameEdit, ui.storeNameMessage, normalise_store_name, True),
                ui.storeNameEdit,
            ),
            (
                checked_text(ui.storeCodeEdit, ui.storeCodeMessage, normalise_store_code, True),
                ui.storeCodeEdit,
            ),
            (
                checked_text(ui.postcodeEdit, ui.postcodeMessage, normalise_postcode, True),
                ui.postcodeEdit,
            ),
            (self.force_id(), ui.forceCombo),
        ]
        return _first_failure(results)


class AdminPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AdminPage()
        self.ui.setupUi(self)
        clear_messages(self.ui.usernameMessage, self.ui.displayNameMessage)
        self.ui.passwordFields.align_with(self.ui.usernameLabel, self.ui.displayNameLabel)
        self.ui.usernameEdit.editingFinished.connect(self._update_password_hints)

    def _update_password_hints(self) -> None:
        self.ui.passwordFields.set_user_inputs(
            self.ui.usernameEdit.text(), self.ui.displayNameEdit.text()
        )

    def validatePage(self) -> bool:
        ui = self.ui
        self._update_password_hints()
        results: list[tuple[object | None, QWidget]] = [
            (
                checked_text(ui.usernameEdit, ui.usernameMessage, normalise_username, True),
                ui.usernameEdit,
            ),
            (
                checked_text(
                    ui.displayNameEdit,
                    ui.displayNameMessage,
                    lambda t: require_text(t, "administrator's full name"),
                ),
                ui.displayNameEdit,
            ),
        ]
        if not _first_failure(results):
            return False
        return ui.passwordFields.validated() is not None


class IdentityPage(QWizardPage):
    """Choosing the certificate; leaving this page creates the vault (see SetupWizard)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_IdentityPage()
        self.ui.setupUi(self)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Create vault")
        self.ui.importBox.setEnabled(False)
        self.ui.importRadio.toggled.connect(self.ui.importBox.setEnabled)
        self.ui.browseButton.clicked.connect(self._browse)
        show_message(self.ui.messageLabel, "")

    def _browse(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Organisation certificate", "", "PKCS#12 files (*.p12 *.pfx)"
        )
        if name:
            self.ui.fileEdit.setText(name)

    def pkcs12(self) -> tuple[Path | None, str] | None:
        """(file, password) to import, (None, "") to create one, or None if a field is missing."""
        if not self.ui.importRadio.isChecked():
            return None, ""
        path = self.ui.fileEdit.text().strip()
        if not path:
            show_message(self.ui.messageLabel, "Choose the .p12 or .pfx file with Browse….")
            return None
        return Path(path), self.ui.p12PasswordEdit.text()


class RecoveryPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_RecoveryPage()
        self.ui.setupUi(self)
        use_monospace(self.ui.codeLabel, 20)
        self.ui.confirmCheck.toggled.connect(lambda _on: self.completeChanged.emit())
        self.ui.copyButton.clicked.connect(self._copy)
        self.ui.printButton.clicked.connect(self._print)
        self.code = ""

    def show_code(self, code: str) -> None:
        self.code = code
        # Two lines of four groups, spaced: easy to copy onto paper. Spaces, dashes and
        # case do not matter when the code is typed back in.
        groups = code.split("-")
        half = (len(groups) + 1) // 2
        self.ui.codeLabel.setText("  ".join(groups[:half]) + "\n" + "  ".join(groups[half:]))

    def isComplete(self) -> bool:
        return self.ui.confirmCheck.isChecked()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.ui.copiedLabel.setText("Copied. Paste it only somewhere safe.")

    def _print(self) -> None:
        from opal_desktop.gui.print_code import print_recovery_code

        print_recovery_code(self, self.code)
