"""Vault settings and the signing certificate (administrators)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.forms.settings_dialog_ui import Ui_SettingsDialog
from opal_desktop.gui.referral.rules_group import RulesGroup
from opal_desktop.gui.style import use_monospace
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.identity import CertificateFacts
    from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class SettingsView:
    idle_lock_minutes: int
    retention_months: int
    certificate: CertificateFacts
    source: str


class SettingsDialog(QDialog):
    idle_minutes_changed = Signal(int)

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        use_monospace(self.ui.fingerprintLabel, 10)
        self.rules_group = RulesGroup(vault, runner, self)
        self.ui.dialogLayout.insertWidget(2, self.rules_group)
        self.ui.busy.guard(self.ui.buttonBox, self.ui.exportButton, self.ui.importButton)
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.exportButton.clicked.connect(self.choose_export_path)
        self.ui.importButton.clicked.connect(self.choose_import_file)
        show_message(self.ui.messageLabel, "")
        self.loaded = False
        self.runner.run(
            lambda: _load(vault),
            self._show,
            self._show_error,
            busy=self.ui.busy,
            busy_text="Loading…",
        )

    def _show(self, view: SettingsView) -> None:
        self.ui.idleSpin.setValue(view.idle_lock_minutes)
        self.ui.retentionSpin.setValue(view.retention_months)
        self._show_certificate(view.certificate, view.source)
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

    def save(self) -> None:
        minutes, months = self.ui.idleSpin.value(), self.ui.retentionSpin.value()
        vault = self.vault
        self.runner.run(
            lambda: vault.update_settings(idle_lock_minutes=minutes, retention_months=months),
            lambda _none: self._saved(minutes),
            self._show_error,
            busy=self.ui.busy,
            busy_text="Saving…",
        )

    def _saved(self, minutes: int) -> None:
        self.idle_minutes_changed.emit(minutes)
        self.accept()

    def choose_export_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
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
        name, _ = QFileDialog.getOpenFileName(
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
    return SettingsView(
        idle_lock_minutes=minutes if isinstance(minutes, int) else 10,
        retention_months=months if isinstance(months, int) else 24,
        certificate=signing.certificate_facts(vault),
        source=signing.certificate_source(vault),
    )


def _export(vault: Vault, path: Path) -> Path:
    from opal_desktop.vault import signing

    return signing.export_certificate(vault, path)


def _import(vault: Vault, path: Path, password: str) -> CertificateFacts:
    from opal_desktop.vault import signing

    return signing.import_pkcs12(vault, path, password)
