"""Verify a package (for everyone): a signed PDF, a signed ZIP, or an encrypted .p7m.

VALID or INVALID in words and colour, who signed it and when, the certificate's
fingerprint, whether the signer is trusted (and against which certificate), and every
problem found as its own sentence. The check runs on the worker; nothing is extracted.
"""

from __future__ import annotations

from datetime import datetime

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.packages import work
from opal_desktop.gui.packages.files import Facts, FileField
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import set_style, show_message
from opal_desktop.packages.verify import VerificationReport

PACKAGES = "Packages (*.pdf *.zip *.p7m);;All files (*)"
VALID = "✓  VALID: signed, and nothing has changed since"
INVALID = "✗  INVALID: do not rely on this package"
VALID_DRAFT = "✓  VALID, but a DRAFT – NOT FOR SUBMISSION: do not send it to Opal"
KINDS = {"pdf": "Signed PDF", "zip": "Signed ZIP", "p7m/zip": "Encrypted ZIP (.p7m)",
         "p7m/pdf": "Encrypted PDF (.p7m)"}  # fmt: skip


def when(iso: str) -> str:
    from opal_desktop.domain.timeutil import show

    try:
        return show(datetime.fromisoformat(iso), with_zone=True)
    except ValueError:
        return iso


def trust_words(report: VerificationReport) -> str:
    if not report.trust_source:
        return "Not checked: no trusted certificate was given (see the note below)."
    if report.trusted:
        return f"Yes: signed by the certificate in {report.trust_source}."
    return f"No: it could not be confirmed as signed by the certificate in {report.trust_source}."


def gui_words(note: str) -> str:
    """The core's notes speak to the command line; say the same in this dialog's words."""
    if "--trust" in note:
        return (
            "Only integrity was checked, not who signed it: choose the sender's certificate as "
            "the trusted certificate (and check its fingerprint with them by phone)."
        )
    return note


class VerifyDialog(QDialog):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.report: VerificationReport | None = None
        self.setWindowTitle("Verify a package — Opal Desktop")
        self.file = FileField("Package to verify", PACKAGES, placeholder="A .pdf, .zip or .p7m")
        self.trusted = FileField("Trusted certificate", "Certificates (*.pem *.crt *.cer);;All files (*)",
                                 placeholder="Optional: the sender's certificate (.pem)")  # fmt: skip
        self.key = FileField("Your key", "Keys (*.p12 *.pfx *.pem *.key);;All files (*)",
                             placeholder="Your .p12, or your private key (.pem)")  # fmt: skip
        self.certificate = FileField("Your certificate", "Certificates (*.pem *.crt);;All files (*)",
                                     placeholder="With a .pem key: your certificate")  # fmt: skip
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("The .p12 file's password")
        self.password.setAccessibleName("Password of the .p12 file")
        self.file.changed.connect(self._file_changed)
        self._build()
        self.resize(780, 620)
        self._file_changed()

    def _build(self) -> None:
        intro = QLabel("Check who signed a package and that not one byte has changed since.")
        intro.setWordWrap(True)
        choose = QFormLayout()
        choose.addRow("&Package:", self.file)
        choose.addRow("&Trusted certificate:", self.trusted)
        self.decrypt = QGroupBox("To open an encrypted package (.p7m)")
        decrypt_form = QFormLayout(self.decrypt)
        decrypt_form.addRow("&Key:", self.key)
        decrypt_form.addRow("P&assword:", self.password)
        decrypt_form.addRow("&Certificate:", self.certificate)
        self.verdict = QLabel()
        self.verdict.setProperty("cssClass", "verdict")
        self.verdict.setAccessibleName("Verdict")
        self.facts_box = Facts(
            (
                "File",
                "Kind",
                "Package",
                "Signed by",
                "Signed at",
                "Fingerprint (SHA-256)",
                "Trusted",
            )
        )
        self.fact_labels = self.facts_box.labels
        self.problems = QLabel()
        self.problems.setProperty("cssClass", "error")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setProperty("cssClass", "hint")
        self.notes.setWordWrap(True)
        self.error = QLabel()
        self.error.setProperty("cssClass", "error")
        self.error.setWordWrap(True)
        self.busy = BusyIndicator(self)
        self.verify_button = QPushButton("&Verify")
        self.verify_button.setProperty("cssClass", "primary")
        self.verify_button.setDefault(True)
        self.verify_button.clicked.connect(self.verify)
        close = QPushButton("Close  (Esc)")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        self.busy.guard(self.verify_button)
        footer = QHBoxLayout()
        footer.addWidget(self.busy)
        footer.addStretch(1)
        footer.addWidget(self.verify_button)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(intro)
        layout.addLayout(choose)
        layout.addWidget(self.decrypt)
        for widget in (self.verdict, self.facts_box, self.problems, self.notes, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(footer)
        self._clear()

    def _clear(self) -> None:
        self.report = None
        for label in (self.verdict, self.problems, self.notes, self.error):
            show_message(label, "")
        self.facts_box.setVisible(False)

    def _file_changed(self) -> None:
        path = self.file.path()
        self.decrypt.setVisible(path is not None and path.suffix.lower() == ".p7m")

    def choice(self) -> work.VerifyChoice | None:
        path = self.file.path()
        if path is None:
            show_message(self.error, "Choose the package file to verify: a .pdf, .zip or .p7m.")
            self.file.setFocus()
            return None
        key = self.key.path() if self.decrypt.isVisible() else None
        p12 = key if key is not None and key.suffix.lower() in (".p12", ".pfx") else None
        return work.VerifyChoice(
            path, self.trusted.path(), key=None if p12 else key, certificate=self.certificate.path(),
            p12=p12, p12_password=self.password.text(),
        )  # fmt: skip

    def verify(self) -> None:
        self._clear()
        choice = self.choice()
        if choice is None:
            return
        self.runner.run(lambda: work.verify(choice), self._show, self._failed, busy=self.busy,
                        busy_text="Checking every signature and every file…")  # fmt: skip

    def _show(self, report: VerificationReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.report = report
        verdict, status = (VALID_DRAFT, "advisory") if report.draft else (VALID, "pass")
        show_message(self.verdict, verdict if report.valid else INVALID)
        set_style(self.verdict, status=status if report.valid else "fail")
        values = {
            "File": report.file, "Kind": KINDS.get(report.kind, report.kind),
            "Package": (report.package + (" (draft)" if report.draft else "")) or "Not stated",
            "Signed by": (f"{work.signer_name(report.signer_subject)}\n{report.signer_subject}"
                          if report.signer_subject else "No signature could be read."),
            "Signed at": when(report.signed_at) or "Not stated", "Trusted": trust_words(report),
            "Fingerprint (SHA-256)": work.fingerprint_pairs(report.fingerprint) if report.fingerprint else "None",
        }  # fmt: skip
        self.facts_box.set(values)
        self.facts_box.setVisible(True)
        count = len(report.problems)
        heading = f"{count} problem found:" if count == 1 else f"{count} problems found:"
        show_message(self.problems, "\n".join([heading, *(f"•  {p}" for p in report.problems)])
                     if count else "")  # fmt: skip
        show_message(self.notes, "\n".join(gui_words(n) for n in report.notes))
        self.verify_button.setFocus()

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.verdict, "Could not verify")
            set_style(self.verdict, status="")
            show_message(self.error, str(error))
