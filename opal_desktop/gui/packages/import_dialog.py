"""Import a store's package (managers and administrators): check first, confirm, then merge.

1. Choose the .zip (and, optionally, the store's certificate to trust).
2. "Check" verifies it completely and works out what importing would change, changing
   nothing: the signer, the stores, the counts.
3. "Import" merges it by UUID; importing the same package again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.packages import work
from opal_desktop.gui.packages.files import Facts, FileField
from opal_desktop.gui.packages.trusted_window import trust_question
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import set_style, show_message

if TYPE_CHECKING:
    from opal_desktop.packages.import_report import ImportReport
    from opal_desktop.packages.importer import UntrustedSender
    from opal_desktop.vault.vault import Vault

STEPS = "Choose the store's package (.zip), then Check: nothing is changed until you press Import."
CLI_TRUST = "or import with --trust CERT.pem"


def gui_words(sentence: str) -> str:
    return sentence.replace(CLI_TRUST, "or choose their certificate as the trusted certificate")


def counts_text(report: ImportReport) -> str:
    """'7 incidents, 12 exhibits, 2 subjects, 1 vehicle, 9 links from 3 stores'."""
    contents = report.contents
    parts = []
    for kind, one in (("incidents", "incident"), ("exhibits", "exhibit"), ("subjects", "person"),
                      ("vehicles", "vehicle"), ("links", "link")):  # fmt: skip
        count = contents.get(kind, 0)
        parts.append(f"{count} {one if count == 1 else kind.replace('subjects', 'people')}")
    stores = contents.get("stores", 0)
    return ", ".join(parts) + f" from {stores} store{'s' if stores != 1 else ''}"


class ImportDialog(QDialog):
    imported = Signal()

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.checked: ImportReport | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle("Import a store's package — Opal Desktop")
        self.file = FileField("Store's package", "Packages (*.zip);;All files (*)",
                              placeholder="The .zip the store sent")  # fmt: skip
        self.trusted = FileField("Trusted certificate", "Certificates (*.pem *.crt *.cer);;All files (*)",
                                 placeholder="Optional: the store's certificate (.pem)")  # fmt: skip
        self.file.changed.connect(self._forget)
        self.trusted.changed.connect(self._forget)
        self._build()
        self.resize(760, 520)

    def _build(self) -> None:
        intro = QLabel(STEPS)
        intro.setWordWrap(True)
        choose = QFormLayout()
        choose.addRow("&Package:", self.file)
        choose.addRow("&Trusted certificate:", self.trusted)
        self.verdict = QLabel()
        self.verdict.setProperty("cssClass", "verdict")
        self.summary_box = Facts(
            ("Package", "Signed by", "Fingerprint (SHA-256)", "From", "It holds")
        )
        self.values = self.summary_box.labels
        self.sentences = QLabel()
        self.sentences.setWordWrap(True)
        self.sentences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setProperty("cssClass", "error")
        self.error.setWordWrap(True)
        self.busy = BusyIndicator(self)
        self.trust_button = QPushButton("T&rust this sender…")
        self.trust_button.clicked.connect(self.ask_trust)
        self._untrusted: UntrustedSender | None = None
        self.check_button = QPushButton("&Check")
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton("&Import")
        self.import_button.setProperty("cssClass", "primary")
        self.import_button.clicked.connect(self.run_import)
        close = QPushButton("Close  (Esc)")
        close.clicked.connect(self.close)
        for button in (self.trust_button, self.check_button, self.import_button, close):
            button.setAutoDefault(False)
        self.busy.guard(self.check_button, self.file, self.trusted)
        footer = QHBoxLayout()
        footer.addWidget(self.busy)
        footer.addStretch(1)
        footer.addWidget(self.trust_button)
        footer.addWidget(self.check_button)
        footer.addWidget(self.import_button)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(intro)
        layout.addLayout(choose)
        for widget in (self.verdict, self.summary_box, self.sentences, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(footer)
        self._forget()

    def _forget(self) -> None:
        """The file or the trust changed: check again before importing."""
        self.checked = None
        self._untrusted = None
        self.trust_button.setVisible(False)
        self.import_button.setEnabled(False)
        self.summary_box.setVisible(False)
        for label in (self.verdict, self.sentences, self.error):
            show_message(label, "")

    def _chosen(self) -> tuple[Path, Path | None] | None:
        path = self.file.path()
        if path is None:
            show_message(self.error, "Choose the store's package (.zip) first.")
            self.file.setFocus()
            return None
        return path, self.trusted.path()

    def check(self) -> None:
        self._forget()
        chosen = self._chosen()
        if chosen is None:
            return
        vault, (path, trusted) = self.vault, chosen
        self.runner.run(lambda: work.import_package(vault, path, trusted, dry_run=True), self._checked,
                        self._failed, busy=self.busy, busy_text="Checking the signature and every file…")  # fmt: skip

    def _checked(self, report: ImportReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.checked = report
        self._show(report, "✓  Signature and files check out")
        self.import_button.setEnabled(report.changed)
        (self.import_button if report.changed else self.check_button).setFocus()

    def run_import(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.checked is None:
            return
        self.import_button.setEnabled(False)
        vault, (path, trusted) = self.vault, chosen
        self.runner.run(lambda: work.import_package(vault, path, trusted, dry_run=False), self._imported,
                        self._failed, busy=self.busy, busy_text="Importing…")  # fmt: skip

    def _imported(self, report: ImportReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.report = report
        self.checked = None
        self._show(report, "✓  Imported")
        self.imported.emit()

    def _show(self, report: ImportReport, verdict: str) -> None:
        show_message(self.verdict, verdict)
        set_style(self.verdict, status="pass")
        signer = report.signer
        values = {
            "Package": f"{report.package_reference} – {report.package_title}",
            "Signed by": f"{signer.name} (trusted)",  # import refuses any other signer
            "Fingerprint (SHA-256)": work.fingerprint_pairs(signer.fingerprint),
            "From": report.source_stores.replace(",", ", ") + (f" of {report.organisation}" if report.organisation else ""), "It holds": counts_text(report),
        }  # fmt: skip
        self.summary_box.set(values)
        self.summary_box.setVisible(True)
        show_message(self.sentences, "\n\n".join(gui_words(s) for s in report.sentences()))

    def _failed(self, error: UserError) -> None:
        if not shiboken6.isValid(self):
            return
        from opal_desktop.packages.importer import UntrustedSender

        show_message(self.verdict, "✗  Not imported")
        set_style(self.verdict, status="fail")
        show_message(self.error, str(error))
        if isinstance(error, UntrustedSender) and error.certificate_pem and not self.trusted.path():
            self._untrusted = error
            self.trust_button.setVisible(True)
            self.trust_button.setFocus()

    def ask_trust(self) -> QMessageBox | None:
        """Trust the sender only once the person says they checked the fingerprint."""
        untrusted = self._untrusted
        if untrusted is None:
            return None
        signer = untrusted.signer
        box = trust_question(
            self, [(signer.name, signer.fingerprint)], "the e-mail that brought the package"
        )
        box.finished.connect(lambda answer: self._trust_answered(answer, untrusted))
        box.open()
        return box

    def _trust_answered(self, answer: int, untrusted: UntrustedSender) -> None:
        if answer != QMessageBox.StandardButton.Yes or not shiboken6.isValid(self):
            return
        vault, pem = self.vault, untrusted.certificate_pem
        self.runner.run(lambda: work.trust_sender(vault, pem), lambda _none: self.check(),
                        self._failed, busy=self.busy, busy_text="Trusting the sender…")  # fmt: skip
