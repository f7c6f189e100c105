"""Import a newer referral rules file (administrators): the file, its signature if it has one.

The file is read and checked on the worker as soon as it is chosen, so a malformed file is
refused with the reason before anything else is asked. A file without a signature can be
imported only after ticking an explicit confirmation; it is then marked unsigned.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.referral import work
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

UNSIGNED_NOTE = "This rules file has no signature, so nobody can prove who wrote it."
UNSIGNED_CHECK = "I trust where it came from: import it, marked unsigned"


class ImportRulesDialog(QDialog):
    imported = Signal(object)  # work.RulesView

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.chosen: work.ChosenRules | None = None
        self.signature: Path | None = None
        self.setWindowTitle("Import referral rules")
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setWordWrap(True)
        self.file_button = QPushButton("Choose &rules file…")
        self.file_button.clicked.connect(self.choose_rules)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setProperty("cssClass", "hint")
        self.signature_label = QLabel("None.")
        self.signature_label.setWordWrap(True)
        self.signature_button = QPushButton("Choose &signature…")
        self.signature_button.clicked.connect(self.choose_signature)
        self.unsigned_note = QLabel(UNSIGNED_NOTE)
        self.unsigned_note.setWordWrap(True)
        self.unsigned_note.setProperty("status", "advisory")
        self.unsigned_check = QCheckBox(UNSIGNED_CHECK)
        self.unsigned_check.toggled.connect(lambda _on: self._update())
        self.error = QLabel()
        self.error.setProperty("cssClass", "error")
        self.error.setWordWrap(True)
        self.busy = BusyIndicator(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setProperty("cssClass", "primary")
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        self.busy.guard(self.file_button, self.signature_button, self.import_button)
        form = QFormLayout()
        form.addRow("Rules file:", _row(self.file_label, self.file_button))
        form.addRow("", self.summary)
        form.addRow("Signature (.p7s):", _row(self.signature_label, self.signature_button))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.unsigned_note)
        layout.addWidget(self.unsigned_check)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.resize(640, 320)
        show_message(self.error, "")
        show_message(self.summary, "")
        self._update()

    def _update(self) -> None:
        ready = self.chosen is not None
        unsigned = ready and self.signature is None
        self.unsigned_note.setVisible(unsigned)
        self.unsigned_check.setVisible(unsigned)
        self.import_button.setEnabled(
            ready and (self.signature is not None or self.unsigned_check.isChecked())
        )

    # --- choosing -------------------------------------------------------------------

    def choose_rules(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Choose the rules file", "", "Rules files (*.json)"
        )
        if name:
            self.use_rules_file(Path(name))

    def use_rules_file(self, path: Path) -> None:
        """Read and check the file on the worker; a signature beside it is picked up."""
        self.chosen = None
        self.file_label.setText(str(path))
        show_message(self.error, "")
        show_message(self.summary, "")
        self.use_signature(work.signature_beside(path))
        self.runner.run(
            lambda: work.read_rules(path), self._read, self._refused,
            busy=self.busy, busy_text="Reading the rules file…",
        )  # fmt: skip

    def _read(self, chosen: work.ChosenRules) -> None:
        if not shiboken6.isValid(self):
            return
        self.chosen = chosen
        rules = chosen.rules
        kind = "indicative values" if rules.indicative else "values set by the issuer"
        show_message(self.summary, (
            f"{rules.title}, version {rules.version} ({rules.id}), from {rules.issuer}, effective "
            f"{rules.effective:%d/%m/%Y}: {len(rules.requirements)} requirements, {kind}."
        ))  # fmt: skip
        self._update()
        (self.import_button if self.import_button.isEnabled() else self.unsigned_check).setFocus()

    def choose_signature(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Choose the signature", "", "Detached signatures (*.p7s);;All files (*)"
        )
        if name:
            self.use_signature(Path(name))

    def use_signature(self, path: Path | None) -> None:
        self.signature = path
        self.signature_label.setText(
            str(path) if path else "None. A signed file is checked against the trusted issuer."
        )
        self._update()

    # --- importing ------------------------------------------------------------------

    def import_now(self) -> None:
        if self.chosen is None:
            show_message(self.error, "Choose the rules file first.")
            return
        if self.signature is None and not self.unsigned_check.isChecked():
            show_message(
                self.error,
                "Tick the box to confirm you trust this unsigned file, or choose its signature.",
            )
            return
        vault, chosen, signature = self.vault, self.chosen, self.signature
        unsigned_ok = signature is None and self.unsigned_check.isChecked()
        show_message(self.error, "")
        self.runner.run(
            lambda: work.import_rules(vault, chosen, signature, unsigned_ok), self._imported, self._refused,
            busy=self.busy, busy_text="Importing…",
        )  # fmt: skip

    def _imported(self, view: work.RulesView) -> None:
        if not shiboken6.isValid(self):
            return
        self.imported.emit(view)
        self.accept()

    def _refused(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.error, str(error))
            self._update()


def _row(label: QLabel, button: QPushButton) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label, 1)
    row.addWidget(button)
    return holder
