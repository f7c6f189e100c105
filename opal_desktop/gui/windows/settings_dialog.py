"""Vault settings and the signing certificate (administrators)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QDialog, QInputDialog, QLineEdit, QWidget

from opal_desktop.domain.reference import police_forces
from opal_desktop.domain.validation import normalise_postcode
from opal_desktop.errors import InvalidInput, UserError
from opal_desktop.gui.forms.settings_dialog_ui import Ui_SettingsDialog
from opal_desktop.gui.referral.rules_group import RulesGroup
from opal_desktop.gui.style import use_monospace
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.identity import CertificateFacts
    from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class StoreDetails:
    address: str
    postcode: str
    force_id: str


@dataclass(frozen=True)
class SettingsView:
    idle_lock_minutes: int
    retention_months: int
    certificate: CertificateFacts
    source: str
    store_title: str  # 'Leeds Briggate (LDS01), Northern Grocers Ltd'
    package_prefix: str  # 'NG-LDS01': new package references start with it
    store: StoreDetails


class SettingsDialog(QDialog):
    idle_minutes_changed = Signal(int)

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        use_monospace(self.ui.fingerprintLabel, 10)
        self._set_up_force_combo()
        self.rules_group = RulesGroup(vault, runner, self)
        self.ui.dialogLayout.insertWidget(2, self.rules_group)  # after the certificate
        self.loaded_view: SettingsView | None = None
        self.ui.busy.guard(self.ui.buttonBox, self.ui.exportButton, self.ui.importButton)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.exportButton.clicked.connect(self.choose_export_path)
        self.ui.importButton.clicked.connect(self.choose_import_file)
        show_message(self.ui.messageLabel, "")
        show_message(self.ui.storeMessage, "")
        self.loaded = False
        self.runner.run(
            lambda: _load(vault),
            self._show,
            self._show_error,
            busy=self.ui.busy,
            busy_text="Loading…",
        )

    def _set_up_force_combo(self) -> None:
        combo = self.ui.forceCombo
        for force in police_forces():
            combo.addItem(force.name, force.id)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.setCurrentIndex(-1)
        edit = combo.lineEdit()
        if edit is not None:
            edit.setPlaceholderText("Start typing, e.g. West Yorkshire")

    def _show(self, view: SettingsView) -> None:
        self.ui.idleSpin.setValue(view.idle_lock_minutes)
        self.ui.retentionSpin.setValue(view.retention_months)
        self._show_certificate(view.certificate, view.source)
        self.ui.storeLabel.setText(
            f"{view.store_title}\nNew package references start {view.package_prefix}-PKG-"
        )
        self.ui.addressEdit.setPlainText(view.store.address)
        self.ui.postcodeEdit.setText(view.store.postcode)
        self.ui.forceCombo.setCurrentIndex(self.ui.forceCombo.findData(view.store.force_id))
        self.loaded_view = view
        self.loaded = True

    def _show_certificate(self, cert: CertificateFacts, source: str) -> None:
        origin = "created by this app" if source == "generated" else "imported"
        self.ui.subjectLabel.setText(f"{cert.subject} ({origin})")
        self.ui.validityLabel.setText(
            f"{cert.not_before:%d %b %Y} to {cert.not_after:%d %b %Y}"
            + (" · self-signed" if cert.self_signed else f" · issued by {cert.issuer}")
        )
        pairs = cert.fingerprint_display.split(":")
        half = len(pairs) // 2  # two lines of 16 pairs: easier to read out, and it fits
        self.ui.fingerprintLabel.setText(":".join(pairs[:half]) + ":\n" + ":".join(pairs[half:]))

    def store_changes(self) -> dict[str, str] | None:
        """The store fields the user changed, checked; None (with the sentence shown and the
        field focused) when one is wrong. The vault checks them again before writing."""
        view = self.loaded_view
        if view is None:
            return {}
        ui = self.ui
        address = "\n".join(
            line.strip() for line in ui.addressEdit.toPlainText().splitlines() if line.strip()
        )
        combo = ui.forceCombo
        index = combo.findText(combo.currentText().strip(), Qt.MatchFlag.MatchFixedString)
        try:
            if address != view.store.address and not address:
                ui.addressEdit.setFocus()
                raise InvalidInput(
                    "Type the store's address (the street and town), so police know where "
                    "the incidents happened."
                )
            postcode = ui.postcodeEdit.text()
            if postcode.strip() != view.store.postcode:
                try:
                    postcode = normalise_postcode(postcode)
                except InvalidInput:
                    ui.postcodeEdit.setFocus()
                    raise
                ui.postcodeEdit.setText(postcode)
            if index < 0:
                combo.setFocus()
                raise InvalidInput("Choose the police force for the store's area from the list.")
        except InvalidInput as error:
            show_message(ui.storeMessage, str(error))
            return None
        show_message(ui.storeMessage, "")
        combo.setCurrentIndex(index)
        now = {
            "address": address,
            "postcode": postcode.strip(),
            "force_id": str(combo.itemData(index)),
        }
        before = {"address": view.store.address, "postcode": view.store.postcode,
                  "force_id": view.store.force_id}  # fmt: skip
        return {key: value for key, value in now.items() if value != before[key]}

    def save(self) -> None:
        store = self.store_changes()
        if store is None:
            return
        minutes, months = self.ui.idleSpin.value(), self.ui.retentionSpin.value()
        view = self.loaded_view
        settings: dict[str, object] = {}
        if view is None or minutes != view.idle_lock_minutes:
            settings["idle_lock_minutes"] = minutes
        if view is None or months != view.retention_months:
            settings["retention_months"] = months
        vault = self.vault
        self.runner.run(
            lambda: _save(vault, store, settings),
            lambda _none: self._saved(minutes),
            self._show_error,
            busy=self.ui.busy,
            busy_text="Saving…",
        )

    def _saved(self, minutes: int) -> None:
        self.idle_minutes_changed.emit(minutes)
        self.accept()

    def choose_export_path(self) -> None:
        name = file_dialogs.save_file_name(
            self, "Export certificate", "opal-signing-certificate.pem", "PEM certificate (*.pem)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        vault = self.vault
        self.runner.run(
            lambda: _export(vault, path),
            lambda out: show_message(self.ui.messageLabel, f"Certificate saved as {out}."),
            self._show_error,
            busy=self.ui.busy,
            busy_text="Exporting…",
        )

    def choose_import_file(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Import certificate", "", "PKCS#12 files (*.p12 *.pfx)"
        )
        if not name:
            return
        password, ok = QInputDialog.getText(
            self, "Certificate password", "Password of the .p12 file:", QLineEdit.EchoMode.Password
        )
        if ok:
            self.import_from(Path(name), password)

    def import_from(self, path: Path, password: str) -> None:
        vault = self.vault
        self.runner.run(
            lambda: _import(vault, path, password),
            self._imported,
            self._show_error,
            busy=self.ui.busy,
            busy_text="Importing the certificate…",
        )

    def _imported(self, cert: CertificateFacts) -> None:
        self._show_certificate(cert, "imported")
        show_message(self.ui.messageLabel, "The new certificate will sign everything from now on.")

    def _show_error(self, error: UserError) -> None:
        show_message(self.ui.messageLabel, str(error))


# --- worker side ---------------------------------------------------------------------


def _load(vault: Vault) -> SettingsView:
    from opal_desktop.vault import signing

    values = vault.settings()
    minutes, months = values["idle_lock_minutes"], values["retention_months"]
    home = vault.home_store()
    return SettingsView(
        idle_lock_minutes=minutes if isinstance(minutes, int) else 10,
        retention_months=months if isinstance(months, int) else 24,
        certificate=signing.certificate_facts(vault),
        source=signing.certificate_source(vault),
        store_title=f"{home.name} ({home.code}), {home.retailer}",
        package_prefix=f"{values['organisation_code']}-{home.code}",
        store=StoreDetails(home.address or "", home.postcode or "", home.force_id or ""),
    )


def _save(vault: Vault, store: dict[str, str], settings: dict[str, object]) -> None:
    """The store first: it is the part that can be refused, and then nothing is saved."""
    if store:
        vault.update_home_store(**store)
    if settings:
        vault.update_settings(**settings)


def _export(vault: Vault, path: Path) -> Path:
    from opal_desktop.vault import signing

    return signing.export_certificate(vault, path)


def _import(vault: Vault, path: Path, password: str) -> CertificateFacts:
    from opal_desktop.vault import signing

    return signing.import_pkcs12(vault, path, password)
