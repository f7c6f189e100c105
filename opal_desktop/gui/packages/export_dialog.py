"""Export a package: PDF and/or ZIP, optionally encrypted to recipients, into a folder.

A package whose referral check is not ready can only be exported as a draft: the dialog
says so in words and the button reads "Export DRAFT". Export runs on the worker with a
progress bar; Cancel stops it and leaves nothing half-written. When done, each file is
listed with its SHA-256, with "Show in folder".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import shiboken6
from PySide6.QtCore import QDir, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.packages import work
from opal_desktop.gui.packages.files import FileField, HashTable, show_in_folder
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import set_style, show_message
from opal_desktop.gui.windows.csv_import_work import ProgressJob
from opal_desktop.packages.model import DRAFT_WATERMARK

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

DRAFT_ONLY = (
    "This package is not ready to refer, so only a DRAFT can be exported: every page is "
    f"watermarked {DRAFT_WATERMARK} and the file names end in -DRAFT."
)


class ExportDialog(QDialog):
    exported = Signal(str)  # package reference

    def __init__(self, vault: Vault, runner: TaskRunner, reference: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.vault, self.runner, self.reference = vault, runner, reference
        self.context: work.ExportContext | None = None
        self.outcome: work.ExportOutcome | None = None
        self.job = ProgressJob(runner, self)
        self.job.progressed.connect(self._progress)
        self.setWindowTitle(f"Export {reference} — Opal Desktop")
        self._build()
        self.resize(760, 640)
        self.runner.run(lambda: work.readiness(vault, reference), self._ready, self._failed,
                        busy=self.busy, busy_text="Checking the package…")  # fmt: skip

    def _build(self) -> None:
        self.heading = QLabel(self.reference)
        self.heading.setProperty("cssClass", "title")
        self.verdict = QLabel("Checking…")
        self.verdict.setProperty("cssClass", "verdict")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.signer = QLabel()
        self.signer.setProperty("cssClass", "hint")
        self.signer.setWordWrap(True)
        self.pdf = QCheckBox("Signed &PDF: the report, to read and print")
        self.zip = QCheckBox("Signed &ZIP: the same as data, with the original exhibits")
        self.pdf.setChecked(True)
        self.zip.setChecked(True)
        self.recipients = QListWidget()
        self.recipients.setAccessibleName("Recipient certificates")
        self.recipients.setFixedHeight(self.recipients.fontMetrics().lineSpacing() * 3 + 12)
        self.add_recipient = QPushButton("&Add certificate…")
        self.add_recipient.clicked.connect(self.choose_recipients)
        self.remove_recipient = QPushButton("&Remove")
        self.remove_recipient.clicked.connect(
            lambda: self.recipients.takeItem(self.recipients.currentRow())
        )
        self.folder = FileField("Folder to save the package in", folder=True)
        self.folder.set_path(Path(QDir.homePath()))
        what = QGroupBox("What to export")
        what_column = QVBoxLayout(what)
        what_column.addWidget(self.pdf)
        what_column.addWidget(self.zip)
        secret = QGroupBox("Encrypt for recipients (optional)")
        secret_column = QVBoxLayout(secret)
        hint = QLabel(
            "Add each recipient's certificate (.pem). Only they can then open the files (.p7m); "
            "no unencrypted copy is kept. Leave the list empty to export without encryption."
        )
        hint.setProperty("cssClass", "hint")
        hint.setWordWrap(True)
        secret_column.addWidget(hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recipients, 1)
        side = QVBoxLayout()
        side.addWidget(self.add_recipient)
        side.addWidget(self.remove_recipient)
        side.addStretch(1)
        buttons.addLayout(side)
        secret_column.addLayout(buttons)
        where = QFormLayout()
        where.addRow("Save in &folder:", self.folder)
        self.progress_label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(12)
        self.cancel_button = QPushButton("&Cancel export")
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.bar, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress = QFrame()
        progress_column = QVBoxLayout(self.progress)
        progress_column.setContentsMargins(0, 0, 0, 0)
        progress_column.addWidget(self.progress_label)
        progress_column.addLayout(progress_row)
        self.progress.setVisible(False)
        self.done_label = QLabel()
        self.done_label.setProperty("cssClass", "ok")
        self.done_label.setWordWrap(True)
        self.files = HashTable()
        self.files.setVisible(False)
        self.show_button = QPushButton("Show in f&older")
        self.show_button.clicked.connect(lambda: show_in_folder(self._out_dir()))
        self.copy_button = QPushButton("Cop&y hashes")
        self.copy_button.clicked.connect(
            lambda: QApplication.clipboard().setText(self.files.as_text())
        )
        self.error = QLabel()
        self.error.setProperty("cssClass", "error")
        self.error.setWordWrap(True)
        self.busy = BusyIndicator(self)
        self.export_button = QPushButton("&Export")
        self.export_button.setProperty("cssClass", "primary")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton("Close  (Esc)")
        self.close_button.clicked.connect(self.close)
        for button in (self.add_recipient, self.remove_recipient, self.cancel_button,
                       self.show_button, self.copy_button, self.close_button):  # fmt: skip
            button.setAutoDefault(False)
        footer = QHBoxLayout()
        footer.addWidget(self.busy)
        footer.addWidget(self.show_button)
        footer.addWidget(self.copy_button)
        footer.addStretch(1)
        footer.addWidget(self.export_button)
        footer.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        for widget in (self.heading, self.verdict, self.explain, self.signer, what, secret):
            layout.addWidget(widget)
        layout.addLayout(where)
        for part in (self.progress, self.done_label, self.files, self.error):
            layout.addWidget(part)
        layout.addStretch(1)
        layout.addLayout(footer)
        for label in (self.explain, self.done_label, self.error, self.signer):
            show_message(label, "")
        self.show_button.setVisible(False)
        self.copy_button.setVisible(False)

    # --- readiness ------------------------------------------------------------------

    @property
    def draft(self) -> bool:
        return self.context is None or not self.context.check.result.ready

    def _ready(self, context: work.ExportContext) -> None:
        if not shiboken6.isValid(self):
            return
        self.context = context
        record, result = context.record, context.check.result
        self.heading.setText(f"{record.reference} – {record.draft.title}")
        self.verdict.setText(("✓  " if result.ready else "✗  ") + result.verdict)
        set_style(self.verdict, status="pass" if result.ready else "fail")
        show_message(self.explain, "" if result.ready else DRAFT_ONLY)
        show_message(self.signer, f"Signed with the organisation's certificate: {context.signer} "
                                  f"(SHA-256 fingerprint {context.fingerprint[:23]}…).")  # fmt: skip
        self.export_button.setText("&Export DRAFT" if self.draft else "&Export")
        self.export_button.setEnabled(True)
        self.export_button.setFocus()

    # --- choosing -------------------------------------------------------------------

    def choose_recipients(self) -> None:
        from opal_desktop.gui.widgets import file_dialogs

        names = file_dialogs.open_file_names(
            self, "Recipient certificates", "", "Certificates (*.pem *.crt *.cer);;All files (*)"
        )
        self.add_recipients([Path(n) for n in names])

    def add_recipients(self, paths: list[Path]) -> None:
        present = set(self.recipient_paths())
        for path in paths:
            if path not in present:
                present.add(path)
                self.recipients.addItem(str(path))

    def recipient_paths(self) -> list[Path]:
        return [Path(self.recipients.item(i).text()) for i in range(self.recipients.count())]

    def _out_dir(self) -> Path:
        return self.folder.path() or Path(QDir.homePath())

    def formats(self) -> tuple[Literal["pdf", "zip"], ...]:
        chosen: list[Literal["pdf", "zip"]] = []
        if self.pdf.isChecked():
            chosen.append("pdf")
        if self.zip.isChecked():
            chosen.append("zip")
        return tuple(chosen)

    # --- exporting ------------------------------------------------------------------

    def export(self) -> None:
        if self.job.running or self.context is None:
            return
        show_message(self.error, "")
        show_message(self.done_label, "")
        choice = work.ExportChoice(self.reference, self._out_dir(), self.formats(),
                                   tuple(self.recipient_paths()), self.draft)  # fmt: skip
        vault = self.vault
        self._running(True)
        self.progress_label.setText("Preparing the package…")
        self.bar.setRange(0, 0)
        self.job.start(lambda progress: work.run_export(vault, choice, progress), self._done,
                       self._failed)  # fmt: skip

    def _running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)
        for widget in (self.export_button, self.close_button, self.pdf, self.zip, self.folder,
                       self.add_recipient, self.remove_recipient):  # fmt: skip
            widget.setEnabled(not running)

    def _progress(self, done: int, total: int) -> None:
        if not self.job.stopping:
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(done)
            self.progress_label.setText(f"Writing and signing: {done * 100 // max(total, 1)}%")

    def cancel(self) -> None:
        self.job.stop()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Stopping…")

    def _done(self, outcome: work.ExportOutcome) -> None:
        self._running(False)
        self.outcome = outcome
        self.files.show_files([(path.name, digest) for path, digest in outcome.files])
        self.files.setVisible(True)
        self.show_button.setVisible(True)
        self.copy_button.setVisible(True)
        where = self._out_dir()
        if outcome.cancelled:
            show_message(self.error, outcome.cancelled)
        else:
            kind = "DRAFT " if self.draft else ""
            show_message(self.done_label, " ".join([f"Exported a signed {kind}package to {where}. "
                                                "Send the files with their SHA-256:", *outcome.notes]))  # fmt: skip
        self.exported.emit(self.reference)
        self.close_button.setFocus()

    def _failed(self, error: UserError) -> None:
        self._running(False)
        show_message(self.error, str(error))

    def reject(self) -> None:
        """Esc or Close while exporting stops the export first; the dialog stays to say so."""
        if self.job.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
