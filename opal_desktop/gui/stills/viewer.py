"""One still at a time: fit, zoom, pan, turn the view, step through, read and edit its record.

Each still is fetched and decoded on the worker (work.load_view); the window stays usable
while it loads, and a late answer for a still no longer wanted is dropped. Details typed
here are saved (update_details) with Ctrl+S, and before moving to another still.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import InvalidInput, UserError
from opal_desktop.evidence.models import CustodyEvent, ExhibitInfo
from opal_desktop.gui.stills.canvas import ImageCanvas
from opal_desktop.gui.stills.details import DetailsPanel
from opal_desktop.gui.stills.work import ViewData, exhibit_ids, load_view, save_details
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


def _button(text: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setToolTip(tip)
    return button


class ViewerWindow(QWidget):
    changed = Signal()  # details saved, a copy made, or an exhibit deleted

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        ids: list[int],
        start: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault, self.runner = vault, runner
        self.ids = list(ids)
        self.index = max(0, min(start, len(self.ids) - 1))
        self.view: ViewData | None = None
        self._wanted = 0  # the id whose answer we are waiting for
        self.canvas = ImageCanvas()
        self.details = DetailsPanel()
        self._build()
        self.resize(1280, 800)
        self.load_current()

    def _build(self) -> None:
        self.prev_button = _button("◀ &Previous", "Previous still (Left arrow)")
        self.next_button = _button("&Next ▶", "Next still (Right arrow)")
        self.position = QLabel()
        self.fit_button = _button("&Fit", "Fit the window (Ctrl+0)")
        self.actual_button = _button(
            "100%", "Actual size: one still pixel per screen pixel (Ctrl+1)"
        )
        self.out_button = _button("−", "Zoom out (Ctrl+−)")
        self.in_button = _button("+", "Zoom in (Ctrl++)")
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.left_button = _button(
            "⟲", "Turn the view left (Ctrl+L). The stored file never changes."
        )
        self.right_button = _button(
            "⟳", "Turn the view right (Ctrl+R). The stored file never changes."
        )
        self.redact_button = _button("&Redact…", "Hide faces or details in a new working copy")
        self.delete_button = _button("&Delete…", "Delete this exhibit (a reason is required)")
        tools = QHBoxLayout()
        for widget in (self.prev_button, self.next_button, self.position):
            tools.addWidget(widget)
        tools.addSpacing(16)
        for widget in (
            self.fit_button,
            self.actual_button,
            self.out_button,
            self.in_button,
            self.zoom_label,
            QLabel("Turn view:"),
            self.left_button,
            self.right_button,
        ):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.redact_button)
        tools.addWidget(self.delete_button)
        self.status = QLabel()
        self.status.setProperty("cssClass", "hint")
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(tools)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.status)
        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setWidget(self.details)
        side.setMinimumWidth(420)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([820, 440])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.addWidget(splitter)

        self.prev_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.fit_button.clicked.connect(self.canvas.fit)
        self.actual_button.clicked.connect(self.canvas.actual_size)
        self.out_button.clicked.connect(self.canvas.zoom_out)
        self.in_button.clicked.connect(self.canvas.zoom_in)
        self.left_button.clicked.connect(lambda: self.canvas.rotate_view(-90))
        self.right_button.clicked.connect(lambda: self.canvas.rotate_view(90))
        self.redact_button.clicked.connect(self.open_redaction)
        self.delete_button.clicked.connect(self.ask_delete)
        self.details.save_button.clicked.connect(self.save_details)
        self.canvas.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        for keys, slot in (
            ("Left", self.previous),
            ("PgUp", self.previous),
            ("Right", self.next),
            ("PgDown", self.next),
            ("Ctrl+0", self.canvas.fit),
            ("Ctrl+1", self.canvas.actual_size),
            ("Ctrl++", self.canvas.zoom_in),
            ("Ctrl+=", self.canvas.zoom_in),
            ("Ctrl+-", self.canvas.zoom_out),
            ("Ctrl+L", lambda: self.canvas.rotate_view(-90)),
            ("Ctrl+R", lambda: self.canvas.rotate_view(90)),
            ("Ctrl+S", self.save_details),
            ("Esc", self.close),
        ):
            QShortcut(QKeySequence(keys), self, slot)

    # --- which still ----------------------------------------------------------------

    @property
    def current_id(self) -> int | None:
        return self.ids[self.index] if self.ids else None

    def load_current(self) -> None:
        exhibit_id = self.current_id
        count = len(self.ids)
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        self.position.setText(f"{self.index + 1} of {count}" if count else "No stills")
        if exhibit_id is None:
            self.close()
            return
        self._wanted = exhibit_id
        self.status.setText("Loading…")
        vault = self.vault
        self.runner.run(lambda: load_view(vault, exhibit_id), self._loaded, self._failed)

    def _loaded(self, view: ViewData) -> None:
        if not shiboken6.isValid(self) or view.info.id != self._wanted:
            return
        self.view = view
        info = view.info
        self.canvas.set_picture(view.picture, view.upright_width, view.upright_height)
        self.details.show_exhibit(info, view.custody)
        self.redact_button.setEnabled(info.is_master)
        self.redact_button.setToolTip(
            "Hide faces or details in a new working copy"
            if info.is_master
            else f"This is already a working copy: redact its master, {info.master_reference}."
        )
        self.setWindowTitle(f"{info.reference} — {info.incident_reference} — Opal Desktop")
        scaled = view.picture.width() < view.upright_width
        self.status.setText(
            "Shown from a scaled copy for speed; the stored file is full size." if scaled else ""
        )

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self.status.setText(str(error))

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.ids) or index == self.index:
            return
        if self.details.dirty() and not self.save_details():
            return  # an offset that cannot be read: stay and show why
        self.index = index
        self.load_current()

    def previous(self) -> None:
        self.go_to(self.index - 1)

    def next(self) -> None:
        self.go_to(self.index + 1)

    # --- saving details -------------------------------------------------------------

    def save_details(self) -> bool:
        """Queue a save of the typed details; False if something typed cannot be read."""
        if self.view is None:
            return True
        try:
            camera, shown, offset, caption = self.details.typed()
        except InvalidInput as error:
            self.details.set_state(str(error), error=True)
            self.details.offset_edit.setFocus()
            return False
        vault, exhibit_id = self.vault, self.view.info.id
        self.details.set_state("Saving…")
        self.runner.run(
            lambda: save_details(vault, exhibit_id, camera, shown, offset, caption),
            self._details_saved,
            self._details_failed,
        )
        return True

    def _details_saved(self, answer: tuple[ExhibitInfo, list[CustodyEvent]]) -> None:
        if not shiboken6.isValid(self):
            return
        info, custody = answer
        if self.view is not None and self.view.info.id == info.id:
            self.view = ViewData(
                info, custody, self.view.picture, self.view.upright_width, self.view.upright_height
            )
            self.details.show_exhibit(info, custody)
            self.details.set_state("Saved.")
        self.changed.emit()

    def _details_failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self.details.set_state(str(error), error=True)

    # --- redaction and deletion -----------------------------------------------------

    def open_redaction(self) -> None:
        from opal_desktop.gui.stills.redaction import RedactionWindow

        if self.view is None or not self.view.info.is_master:
            return
        window = RedactionWindow(self.view, self.vault, self.runner, self)
        window.saved.connect(self._copy_made)
        window.show()

    def _copy_made(self, copy: ExhibitInfo) -> None:
        if self.view is not None and copy.id not in self.ids:
            self.ids.insert(self.index + 1, copy.id)
        self.changed.emit()
        self.load_current()  # the master's custody now lists the copy

    def ask_delete(self) -> None:
        from opal_desktop.gui.stills.delete import DeleteExhibitDialog

        if self.view is None:
            return
        dialog = DeleteExhibitDialog(self.view.info, self.vault, self.runner, self)
        dialog.deleted.connect(self._deleted)
        dialog.open()

    def _deleted(self, _references: list[str]) -> None:
        self.changed.emit()
        if self.view is None:
            return
        vault, incident = self.vault, self.view.info.incident_reference
        self.view = None
        self.runner.run(lambda: exhibit_ids(vault, incident), self._ids_back, self._failed)

    def _ids_back(self, ids: list[int]) -> None:
        """What is left on the incident once a still (and its copies) are deleted."""
        if not shiboken6.isValid(self):
            return
        self.ids = ids
        if not ids:
            self.close()
            return
        self.index = min(self.index, len(ids) - 1)
        self.load_current()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.details.dirty() and not self.save_details():
            event.ignore()  # the offset cannot be read: the message says how to fix it
            return
        super().closeEvent(event)
