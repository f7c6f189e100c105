"""Packages (managers and administrators): each with its status and its exports' SHA-256.

Lifecycle in words: Draft, Exported, Submitted to Opal (the person says so), Acknowledged
by Opal. New package…, Open…, Export…, Mark as submitted and Mark as acknowledged work on
the chosen package; marking asks first, because it cannot be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from opal_desktop.gui.linking.link_tables import RecordTable, when
from opal_desktop.gui.linking.window import LinkingWindow
from opal_desktop.gui.packages import work
from opal_desktop.gui.packages.export_dialog import ExportDialog
from opal_desktop.gui.packages.package_editor import PackageEditor
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.packages.model import NEXT_STATUS, PackageRecord, Status

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

STATUS_WORDS = {Status.DRAFT: "Draft", Status.EXPORTED: "Exported",
                Status.SUBMITTED: "Submitted to Opal", Status.ACKNOWLEDGED: "Acknowledged by Opal"}  # fmt: skip
EXPORT_HEADERS = ("File", "SHA-256", "Draft", "Exported", "By")
EMPTY = "No packages yet. Build one with “New package…”, or from a series in Linking › Series…"


def built_from(record: PackageRecord) -> str:
    spec = record.draft
    if spec.series_reference:
        return f"Series {spec.series_reference}"
    count = len(spec.incident_references)
    return f"{count} incident" + ("" if count == 1 else "s")


def open_editor(owner: QWidget, vault: Vault, runner: TaskRunner, open_incident: Callable[[str], None],
                reference: str = "", target: CheckTarget | None = None) -> PackageEditor:  # fmt: skip
    """The editor, whose "Save and export…" opens the export dialog."""
    editor = PackageEditor(vault, runner, open_incident, reference, target, owner)
    editor.setWindowFlag(Qt.WindowType.Window)
    editor.export_requested.connect(lambda ref: open_export(owner, vault, runner, ref))
    editor.show()
    return editor


def open_export(owner: QWidget, vault: Vault, runner: TaskRunner, reference: str) -> ExportDialog:
    dialog = ExportDialog(vault, runner, reference, owner)
    if isinstance(owner, PackagesWindow):
        dialog.exported.connect(lambda _ref: owner.refresh(reference))
    dialog.show()
    return dialog


class PackagesWindow(LinkingWindow):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.records: dict[str, PackageRecord] = {}
        self.setWindowTitle("Packages — Opal Desktop")
        heading = QLabel("Packages")
        heading.setProperty("cssClass", "title")
        self.list = RecordTable(("Package", "Title", "Built from", "Grading", "Marking", "Status"),
                                "Packages", stretch=1)  # fmt: skip
        self.list.itemSelectionChanged.connect(self._selected)
        self.list.open_requested.connect(self.open_package)
        self.empty = QLabel(EMPTY)
        self.empty.setProperty("cssClass", "hint")
        self.exports_heading = QLabel("Exports of the chosen package")
        self.exports_heading.setProperty("cssClass", "title")
        self.exports = RecordTable(EXPORT_HEADERS, "Exports", stretch=1)
        self.exports.setMaximumHeight(180)
        self.new_button = QPushButton("&New package…")
        self.new_button.clicked.connect(lambda: self.new_package())
        self.open_button = QPushButton("&Open…")
        self.open_button.clicked.connect(lambda: self.open_package(self.list.selected_key()))
        self.export_button = QPushButton("&Export…")
        self.export_button.clicked.connect(self.export)
        self.submitted_button = QPushButton("Mark as &submitted")
        self.submitted_button.clicked.connect(lambda: self.mark(Status.SUBMITTED))
        self.acknowledged_button = QPushButton("Mark as &acknowledged")
        self.acknowledged_button.clicked.connect(lambda: self.mark(Status.ACKNOWLEDGED))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.export_button,
                       self.submitted_button, self.acknowledged_button):  # fmt: skip
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.exports_heading)
        layout.addWidget(self.exports)
        layout.addWidget(self.message)
        layout.addLayout(self.close_footer())
        show_message(self.message, "")
        self.resize(1100, 680)
        self._wanted = ""
        self._buttons()
        self.refresh()

    def refresh(self, select: str = "") -> None:
        self._wanted = select or self.list.selected_key()
        vault = self.vault
        self.runner.run(lambda: work.package_list(vault), self._show, self.show_error,
                        busy=self.busy, busy_text="Loading packages…")  # fmt: skip

    def _show(self, records: list[PackageRecord]) -> None:
        if not shiboken6.isValid(self):
            return
        self.records = {r.reference: r for r in records}
        rows = [(r.reference, (r.reference, r.draft.title, built_from(r), r.draft.grading.code,
                               r.draft.marking.value, STATUS_WORDS[r.status])) for r in records]  # fmt: skip
        self.list.blockSignals(True)
        self.list.fill(rows)
        self.list.blockSignals(False)
        self.empty.setVisible(not records)
        if self._wanted in self.records:
            self.list.select_key(self._wanted)
        elif records:
            self.list.selectRow(0)
        self._selected()

    def chosen(self) -> PackageRecord | None:
        return self.records.get(self.list.selected_key())

    def _selected(self) -> None:
        record = self.chosen()
        exports = record.exports if record is not None else ()
        self.exports.fill([(str(n), (str(e["file_name"]), str(e["sha256"]), "Yes" if e["draft"] else "No",
                                     when(str(e["exported_at"])), str(e["exported_by"])))
                           for n, e in enumerate(exports)])  # fmt: skip
        self.exports_heading.setText(
            f"Exports of {record.reference}" if record else "Exports of the chosen package"
        )
        self._buttons()

    def _buttons(self) -> None:
        record = self.chosen()
        status = record.status if record is not None else None
        for button in (self.open_button, self.export_button):
            button.setEnabled(record is not None)
        self.submitted_button.setEnabled(NEXT_STATUS.get(status) is Status.SUBMITTED)  # type: ignore[arg-type]
        self.acknowledged_button.setEnabled(NEXT_STATUS.get(status) is Status.ACKNOWLEDGED)  # type: ignore[arg-type]

    # --- actions --------------------------------------------------------------------

    def new_package(self, target: CheckTarget | None = None) -> PackageEditor:
        editor = open_editor(
            self, self.vault, self.runner, self.open_incident_requested.emit, "", target
        )
        editor.saved.connect(self.refresh)
        return editor

    def open_package(self, reference: str) -> PackageEditor | None:
        if not reference:
            show_message(self.message, "Choose a package in the list first.")
            return None
        editor = open_editor(
            self, self.vault, self.runner, self.open_incident_requested.emit, reference
        )
        editor.saved.connect(self.refresh)
        return editor

    def export(self) -> ExportDialog | None:
        record = self.chosen()
        if record is None:
            show_message(self.message, "Choose a package in the list first.")
            return None
        return open_export(self, self.vault, self.runner, record.reference)

    def mark(self, to: Status) -> QMessageBox | None:
        record = self.chosen()
        if record is None:
            return None
        words = "submitted to Opal" if to is Status.SUBMITTED else "acknowledged by Opal"
        box = QMessageBox(QMessageBox.Icon.Question, "Opal Desktop",
                          f"Mark {record.reference} as {words}? This is recorded in the audit trail and "
                          "cannot be undone.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)  # fmt: skip
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        reference, vault = record.reference, self.vault

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes:
                self.runner.run(lambda: work.advance(vault, reference, to), self._show,
                                self.show_error, busy=self.busy, busy_text="Saving…")  # fmt: skip

        box.finished.connect(answered)
        box.open()
        return box
