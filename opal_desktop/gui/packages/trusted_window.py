"""Trusted senders (managers and administrators): whose packages this vault imports.

The list shows each trusted certificate with its organisation, its name, its fingerprint in
colon pairs as read out over the phone, who trusted it, when, and how they checked it.
"Trust this certificate…" reads a sender's .pem, shows its fingerprint and asks (default
No) whether the sender read out the same one by phone; "Remove…" asks, naming the
organisation. The core (packages.trust) checks the role and audits every change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.linking.link_tables import RecordTable, when
from opal_desktop.gui.linking.window import LinkingWindow
from opal_desktop.gui.packages import work
from opal_desktop.gui.packages.files import Facts, FileField
from opal_desktop.gui.style import use_monospace
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.packages.trust import TrustedSender
    from opal_desktop.vault.vault import Vault

HEADERS = ("Organisation", "Store", "Fingerprint starts", "Trusted by", "Since")
INTRO = (
    "Packages are imported only when they are signed by one of these certificates (or this "
    "vault's own). Trust a new store only after its manager has read you the fingerprint by phone."
)
EMPTY = (
    "No trusted senders yet. Add a store's certificate below once you have checked its fingerprint."
)
DEFAULT_NOTE = "fingerprint confirmed in the Trusted senders window"


# --- the question, shared with the Import window ------------------------------------


def trust_question(parent: QWidget, certificates: Sequence[tuple[str, str]],
                   brought_by: str) -> QMessageBox:  # fmt: skip
    """Ask "Trust this sender?" about (name, SHA-256 hex) of each certificate, default No.
    `brought_by` is what the person must not take the fingerprint from ("the e-mail that
    brought the package"). The caller connects `finished` and opens it."""
    pairs = [(name, work.fingerprint_pairs(fingerprint)) for name, fingerprint in certificates]
    if len(pairs) == 1:
        name, fingerprint = pairs[0]
        asked = f"Import packages signed by {name} from now on?\n\nFingerprint (SHA-256):\n{fingerprint}"
        same = "this same fingerprint"
    else:
        listed = "\n\n".join(f"{name}\nFingerprint (SHA-256):\n{fp}" for name, fp in pairs)
        asked = (
            f"Import packages signed by these {len(pairs)} certificates from now on?\n\n{listed}"
        )
        same = "these same fingerprints"
    box = QMessageBox(
        QMessageBox.Icon.Question, "Trust this sender?",
        f"{asked}\n\nSay Yes only if the sender read you {same} over the phone (not from "
        f"{brought_by}). A forged package looks the same in every other way.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent,
    )  # fmt: skip
    box.setObjectName("trustSenderBox")
    return no_by_default(box)


def no_by_default(box: QMessageBox) -> QMessageBox:
    """No is the default button and has the keyboard: Enter or Space answers No; only Y
    (Alt+Y) or a click on Yes says yes."""
    box.setDefaultButton(QMessageBox.StandardButton.No)  # which also gives it the focus
    return box


# --- what the window asks the worker to do (no Qt) ------------------------------------


@dataclass(frozen=True)
class Certificate:
    organisation: str
    name: str
    fingerprint: str  # SHA-256 of the DER, lower-case hex
    trusted: bool  # already trusted: adding it changes nothing


@dataclass(frozen=True)
class CertificateFile:
    """A .pem the person chose, read once: the bytes asked about are the bytes trusted."""

    path: Path
    pem: bytes
    certificates: tuple[Certificate, ...]

    @property
    def new(self) -> tuple[Certificate, ...]:
        return tuple(c for c in self.certificates if not c.trusted)


def read_certificate_file(vault: Vault, path: Path) -> CertificateFile:
    """Worker: the certificates in `path` (BadFile, one sentence, if it holds none)."""
    from opal_desktop.gui.referral.work import read_limited
    from opal_desktop.packages import trust

    pem = read_limited(path, work.MAX_CERTIFICATE_BYTES, "a certificate")
    found = [
        Certificate(c.organisation, work.signer_name(c.subject), c.fingerprint, c.trusted)
        for c in trust.candidates(vault, pem, path.name)
    ]
    return CertificateFile(path, pem, tuple(found))


def trust_certificates(vault: Vault, pem: bytes, note: str) -> list[TrustedSender]:
    from opal_desktop.packages import trust

    trust.add(vault, pem, note or DEFAULT_NOTE)
    return trust.trusted(vault)


def stop_trusting(vault: Vault, fingerprint: str) -> list[TrustedSender]:
    from opal_desktop.packages import trust

    trust.remove(vault, fingerprint)
    return trust.trusted(vault)


def senders(vault: Vault) -> list[TrustedSender]:
    from opal_desktop.packages import trust

    return trust.trusted(vault)


def store_of(subject: str) -> str:
    """The store a certificate names (OU=, as this app makes them), else its common name."""
    from opal_desktop.packages.import_report import subject_field

    return subject_field(subject, "OU") or work.signer_name(subject)


def short_pairs(fingerprint: str, pairs: int = 8) -> str:
    """'1F:1E:EB:01:…': enough to tell senders apart in the list."""
    full = work.fingerprint_pairs(fingerprint).replace("\n", ":")
    return full[: pairs * 3 - 1] + "…"


# --- the window -----------------------------------------------------------------------


class TrustedSendersWindow(LinkingWindow):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.senders: dict[str, TrustedSender] = {}
        self.setWindowTitle("Trusted senders — Opal Desktop")
        self._wanted = ""
        self._build()
        self.resize(980, 640)
        self.refresh()

    def _build(self) -> None:
        heading = QLabel("Trusted &senders")
        heading.setProperty("cssClass", "title")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setProperty("cssClass", "hint")
        self.list = RecordTable(HEADERS, "Trusted senders", stretch=0)
        self.list.setTabKeyNavigation(False)
        self.list.itemSelectionChanged.connect(self._selected)
        heading.setBuddy(self.list)
        self.empty = QLabel(EMPTY)
        self.empty.setProperty("cssClass", "hint")
        self.empty.setWordWrap(True)
        self.details = Facts(
            ("Fingerprint (SHA-256)", "Name on the certificate", "Trusted", "Note")
        )
        self.fingerprint = self.details.labels["Fingerprint (SHA-256)"]
        use_monospace(self.fingerprint)
        self.fingerprint.setWordWrap(False)
        self.remove_button = QPushButton("&Remove…")
        self.remove_button.setToolTip("Stop trusting the chosen sender (asks first)")
        self.remove_button.clicked.connect(self.ask_remove)
        chosen = QHBoxLayout()
        chosen.addWidget(self.details, 1)
        chosen.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)

        self.file = FileField("Sender's certificate", "Certificates (*.pem *.crt *.cer);;All files (*)",
                              placeholder="The store's certificate (.pem) they sent you")  # fmt: skip
        self.note = QLineEdit()
        self.note.setPlaceholderText(
            "Optional, for the audit trail: e.g. read out by M. Jones on 0113 496 0000"
        )
        self.note.setAccessibleName("How you checked the fingerprint")
        self.trust_button = QPushButton("&Trust this certificate…")
        self.trust_button.setProperty("cssClass", "primary")
        self.trust_button.clicked.connect(self.add)
        self.note.returnPressed.connect(self.add)
        self.file.edit.returnPressed.connect(self.add)
        add_box = QGroupBox("Add a sender")
        form = QFormLayout(add_box)
        for text, field, buddy in (("&Certificate:", self.file, self.file.edit),
                                   ("&How you checked it:", self.note, self.note)):  # fmt: skip
            label = QLabel(text)
            label.setBuddy(buddy)  # the line edit itself: a FileField takes no focus of its own
            form.addRow(label, field)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.trust_button)
        form.addRow(row)
        for button in (self.remove_button, self.trust_button):
            button.setAutoDefault(False)
        self.busy.guard(self.file, self.note, self.trust_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(chosen)
        layout.addSpacing(8)
        layout.addWidget(add_box)
        layout.addWidget(self.message)
        layout.addLayout(self.close_footer())
        show_message(self.message, "")
        self._selected()

    # --- the list ---------------------------------------------------------------------

    def refresh(self, select: str = "") -> None:
        self._wanted = select or self.list.selected_key()
        vault = self.vault
        self.runner.run(lambda: senders(vault), self._show, self.show_error,
                        busy=self.busy, busy_text="Loading the trusted senders…")  # fmt: skip

    def _show(self, found: list[TrustedSender]) -> None:
        if not shiboken6.isValid(self):
            return
        self.senders = {s.fingerprint: s for s in found}
        rows = [(s.fingerprint, (s.organisation, store_of(s.subject), short_pairs(s.fingerprint),
                                 s.trusted_by, when(s.trusted_at)))
                for s in found]  # fmt: skip
        self.list.blockSignals(True)
        self.list.fill(rows)
        self.list.blockSignals(False)
        for row in range(self.list.rowCount()):
            item = self.list.item(row, 2)
            if item is not None:
                item.setFont(self.fingerprint.font())
        self.list.resizeColumnToContents(2)  # in the fixed-width font
        self.empty.setVisible(not found)
        if self._wanted in self.senders:
            self.list.select_key(self._wanted)
        elif found:
            self.list.selectRow(0)
        self._selected()

    def chosen(self) -> TrustedSender | None:
        return self.senders.get(self.list.selected_key())

    def _selected(self) -> None:
        sender = self.chosen()
        self.details.setVisible(sender is not None)
        self.remove_button.setVisible(sender is not None)
        if sender is None:
            return
        self.details.labels["Name on the certificate"].setToolTip(sender.subject)
        self.details.set({
            "Fingerprint (SHA-256)": work.fingerprint_pairs(sender.fingerprint),
            "Name on the certificate": work.signer_name(sender.subject),
            "Trusted": f"by {sender.trusted_by} on {when(sender.trusted_at)}",
            "Note": sender.note or "None",
        })  # fmt: skip

    def _say(self, sentence: str, ok: bool = True) -> None:
        show_message(self.message, sentence, "ok" if ok else "error")

    def show_error(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self._say(str(error), ok=False)

    # --- adding -----------------------------------------------------------------------

    def add(self) -> None:
        """Read the chosen file on the worker, then ask about what it holds."""
        self._say("")
        path = self.file.path()
        if path is None:
            self._say("Choose the sender's certificate (.pem) first.", ok=False)
            self.file.setFocus()
            return
        vault = self.vault
        self.runner.run(lambda: read_certificate_file(vault, path), self._ask_trust,
                        self._file_failed, busy=self.busy, busy_text="Reading the certificate…")  # fmt: skip

    def _file_failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self.show_error(error)
            self.file.setFocus()

    def _ask_trust(self, chosen: CertificateFile) -> QMessageBox | None:
        if not shiboken6.isValid(self):
            return None
        if not chosen.new:
            names = ", ".join(c.name for c in chosen.certificates)
            self._say(f"Already trusted: {names}. Nothing was changed.")
            return None
        box = trust_question(self, [(c.name, c.fingerprint) for c in chosen.new],
                             "the e-mail that brought the certificate")  # fmt: skip
        box.finished.connect(lambda answer: self._trust_answered(answer, chosen))
        box.open()
        return box

    def _trust_answered(self, answer: int, chosen: CertificateFile) -> None:
        if not shiboken6.isValid(self):
            return
        if answer != QMessageBox.StandardButton.Yes:
            self._say("Not trusted: nothing was changed.", ok=False)
            self.file.setFocus()
            return
        vault, pem, note = self.vault, chosen.pem, self.note.text().strip()
        first = chosen.new[0]
        names = ", ".join(c.name for c in chosen.new)

        def done(found: list[TrustedSender]) -> None:
            if not shiboken6.isValid(self):
                return
            self.file.set_path(None)
            self.note.clear()
            self._wanted = first.fingerprint
            self._show(found)
            self._say(f"Trusted: {names}. Packages it signs can now be imported.")
            self.list.setFocus()

        self.runner.run(lambda: trust_certificates(vault, pem, note), done, self.show_error,
                        busy=self.busy, busy_text="Trusting the sender…")  # fmt: skip

    # --- removing ---------------------------------------------------------------------

    def ask_remove(self) -> QMessageBox | None:
        sender = self.chosen()
        if sender is None:
            self._say("Choose a sender in the list first.", ok=False)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Stop trusting this sender?",
            f"Stop trusting {sender.organisation}?\n\n{work.signer_name(sender.subject)}\n"
            f"Fingerprint (SHA-256):\n{work.fingerprint_pairs(sender.fingerprint)}\n\n"
            "Packages it signs will be refused from now on. What it has already sent stays in "
            "the vault and can still be traced to it. This is recorded in the audit trail.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self,
        )  # fmt: skip
        box.setObjectName("untrustSenderBox")
        no_by_default(box)
        box.finished.connect(lambda answer: self._remove_answered(answer, sender))
        box.open()
        return box

    def _remove_answered(self, answer: int, sender: TrustedSender) -> None:
        if answer != QMessageBox.StandardButton.Yes or not shiboken6.isValid(self):
            return
        vault, fingerprint = self.vault, sender.fingerprint

        def done(found: list[TrustedSender]) -> None:
            if not shiboken6.isValid(self):
                return
            self._show(found)
            self._say(f"No longer trusted: {sender.organisation}. Its packages will be refused.")
            (self.list if found else self.file).setFocus()

        self.runner.run(lambda: stop_trusting(vault, fingerprint), done, self.show_error,
                        busy=self.busy, busy_text="Removing the sender…")  # fmt: skip
