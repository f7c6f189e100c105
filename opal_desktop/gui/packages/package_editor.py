"""Build or change a package: from a series or the incidents selected in the main list.

Left: what it is, the grading in plain words, marking, legal basis and submitter (prefilled
from the vault's settings and the signed-in user). Right: the referral check with its
verdict, and per exhibit the original, a redacted copy, or left out, with thumbnails.
Nothing slow runs here: loading, checking and saving go to the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.packages import work
from opal_desktop.gui.packages.check_panel import CheckPanel
from opal_desktop.gui.packages.editor_form import PackageForm
from opal_desktop.gui.packages.exhibit_choices import ExhibitChoices
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.packages.model import PackageDraft

if TYPE_CHECKING:
    from opal_desktop.packages.model import PackageRecord
    from opal_desktop.vault.vault import Vault

NO_SOURCE = "Choose what the package is built from: a series, or incidents selected in the list."


class PackageEditor(QDialog):
    saved = Signal(str)  # package reference
    export_requested = Signal(str)  # saved, and the person wants to export it now

    def __init__(self, vault: Vault, runner: TaskRunner, open_incident: Callable[[str], None],
                 reference: str = "", target: CheckTarget | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        # Each "New package…" or "Open" makes a new editor: one closed must go, or every
        # editor ever opened stays in memory under the packages window until sign-out.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault, self.runner = vault, runner
        self.reference = reference
        self.targets: list[CheckTarget | None] = []
        self.series_names: dict[str, str] = {}
        self._export_after_save = False
        self.setWindowTitle(
            f"Package {reference} — Opal Desktop" if reference else "New package — Opal Desktop"
        )
        self.form = PackageForm()
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(30)
        self.source.setAccessibleName("Built from")
        self.check = CheckPanel(open_incident)
        self.exhibits = ExhibitChoices()
        self._build()
        self.setMinimumSize(900, 600)
        self.resize(1200, 820)
        wanted = target
        self.runner.run(lambda: work.load_editor(vault, reference, wanted), self._loaded,
                        self._failed, busy=self.busy, busy_text="Loading…")  # fmt: skip

    def _build(self) -> None:
        source_group = QGroupBox("Built from")
        source_form = QFormLayout(source_group)
        source_form.addRow("&Source:", self.source)
        self.source.currentIndexChanged.connect(self._source_changed)
        left_holder = QWidget()
        left = QVBoxLayout(left_holder)
        left.setContentsMargins(0, 0, 8, 0)
        left.addWidget(source_group)
        left.addWidget(self.form, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left_holder)
        check_group = QGroupBox("Referral check")
        QVBoxLayout(check_group).addWidget(self.check)
        exhibits_group = QGroupBox("Exhibits: what is sent for each CCTV still")
        QVBoxLayout(exhibits_group).addWidget(self.exhibits)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(check_group)
        right.addWidget(exhibits_group)
        right.setSizes([300, 460])
        split = QSplitter()
        split.addWidget(scroll)
        split.addWidget(right)
        split.setSizes([660, 540])
        self.error = QLabel()
        self.error.setProperty("cssClass", "error")
        self.error.setWordWrap(True)
        self.note = QLabel()
        self.note.setProperty("cssClass", "ok")
        self.busy = BusyIndicator(self)
        self.save_button = QPushButton("Sa&ve  (Ctrl+S)")
        self.save_button.setProperty("cssClass", "primary")
        self.save_button.clicked.connect(lambda: self.save())
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        self.export_button = QPushButton("Save and e&xport…")
        self.export_button.clicked.connect(lambda: self.save(export=True))
        close = QPushButton("Close  (Esc)")
        close.clicked.connect(self.close)
        for button in (self.save_button, self.export_button, close):
            button.setAutoDefault(False)
        self.busy.guard(self.save_button, self.export_button, self.source)
        footer = QHBoxLayout()
        footer.addWidget(self.busy)
        footer.addWidget(self.note)
        footer.addStretch(1)
        footer.addWidget(self.save_button)
        footer.addWidget(self.export_button)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addLayout(footer)
        show_message(self.error, "")
        show_message(self.note, "")

    # --- loading --------------------------------------------------------------------

    def _loaded(self, data: work.EditorData) -> None:
        if not shiboken6.isValid(self):
            return
        self.series_names = {ref: name for ref, name, _count in data.series}
        current = data.source.target if data.source is not None else None
        self.source.blockSignals(True)
        self.source.clear()
        self.targets = []
        if current is None:
            self._add_source("Choose a series…", None)
        elif current.incidents:
            listed = ", ".join(current.incidents[:4]) + ("…" if len(current.incidents) > 4 else "")
            self._add_source(f"{current.title}: {listed}", current)
        for ref, name, count in data.series:
            self._add_source(f"{ref} – {name} ({count} incidents)", CheckTarget(series=ref))
        self.source.setCurrentIndex(self.targets.index(current) if current in self.targets else 0)
        self.source.blockSignals(False)
        if data.record is not None:
            self.form.fill(data.record.draft)
        else:  # no grading (the person chooses), the vault's legal basis, the signed-in user
            title = self.series_names.get(current.series, "") if current is not None else ""
            self.form.fill(
                PackageDraft(title, legal_basis=data.legal_basis, submitter=data.submitter)
            )
        if data.source is not None:
            saved = data.record.draft.exhibit_choices if data.record is not None else None
            self._show_source(data.source, saved)
        (self.source if current is None else self.form.title).setFocus()

    def _add_source(self, text: str, target: CheckTarget | None) -> None:
        self.source.addItem(text)
        self.targets.append(target)

    def target(self) -> CheckTarget | None:
        index = self.source.currentIndex()
        return self.targets[index] if 0 <= index < len(self.targets) else None

    def _source_changed(self) -> None:
        target = self.target()
        if target is None:
            return
        if target.series and not self.form.title.text().strip():
            self.form.title.setText(self.series_names.get(target.series, ""))
        self.check.checking()
        vault = self.vault
        self.runner.run(lambda: work.load_source(vault, target), self._show_source,
                        self._failed, busy=self.busy, busy_text="Checking the incidents…")  # fmt: skip

    def _show_source(self, source: work.SourceData, saved: dict[str, str] | None = None) -> None:
        if not shiboken6.isValid(self) or source.target != self.target():
            return
        self.check.show_check(source.check)
        self.exhibits.show_options(source.exhibits, saved)

    # --- saving ---------------------------------------------------------------------

    def save(self, export: bool = False) -> None:
        show_message(self.error, "")
        show_message(self.note, "")
        target = self.target()
        if target is None:
            show_message(self.error, NO_SOURCE)
            self.source.setFocus()
            return
        if not self.form.check_grading() or not self.form.check_conditions():
            return
        draft = self.form.draft()
        draft.series_reference = target.series
        draft.incident_references = list(target.incidents)
        draft.exhibit_choices = self.exhibits.choices()
        self._export_after_save = export
        vault, reference = self.vault, self.reference
        self.runner.run(lambda: work.save_package(vault, reference, draft), self._saved,
                        self._failed, busy=self.busy, busy_text="Saving…")  # fmt: skip

    def _saved(self, record: PackageRecord) -> None:
        if not shiboken6.isValid(self):
            return
        self.reference = record.reference
        self.setWindowTitle(f"Package {record.reference} — Opal Desktop")
        sent, left_out = self.exhibits.counts()
        show_message(
            self.note, f"Saved as {record.reference}: {sent} stills to send, {left_out} left out."
        )
        self.saved.emit(record.reference)
        if self._export_after_save:
            self.export_requested.emit(record.reference)

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            show_message(self.error, str(error))
