"""The stills on one incident: a thumbnail strip with Add, Add folder, Paste and drop.

Give it the vault, the runner and the incident's reference (the incident must be saved
first). Imports run on the worker with progress and Cancel; a clean import says so in one
line, and anything not added opens a summary with the reason for each file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from opal_desktop.errors import UserError
from opal_desktop.evidence.models import ExhibitInfo, ImportReport
from opal_desktop.gui.stills.importer import ImportBar, ImportJob
from opal_desktop.gui.stills.summary import ImportSummaryDialog, headline, needs_dialog
from opal_desktop.gui.stills.thumbs import ThumbnailList
from opal_desktop.gui.stills.work import Batch, StripData, gather, load_strip, pasted_png
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.evidence.models import Source
    from opal_desktop.gui.stills.grid import StillsGrid
    from opal_desktop.vault.vault import Vault

FILE_FILTER = "Pictures (*.jpg *.jpeg *.mpo *.png *.bmp *.tif *.tiff *.webp);;All files (*)"
EMPTY_TEXT = (
    "No stills yet. Drag CCTV stills or a folder here, paste a screenshot (Ctrl+V), "
    "or choose Add stills…"
)


class StillsStrip(QWidget):
    changed = Signal()  # stills added, edited, redacted or deleted
    import_finished = Signal(object)  # ImportReport

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        incident_reference: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.runner, self.incident_reference = vault, runner, incident_reference
        self.exhibits: list[ExhibitInfo] = []
        self.data = StripData([], {})
        self.grid: StillsGrid | None = None
        self.summary: ImportSummaryDialog | None = None
        self.job = ImportJob(self)
        self.job.finished.connect(self._imported)
        self.job.failed.connect(self._import_failed)

        self.add_button = QPushButton("Add st&ills…")
        self.folder_button = QPushButton("Add folder…")
        self.paste_button = QPushButton("Paste  (Ctrl+V)")
        self.grid_button = QPushButton("Show as grid…")
        self.paste_button.setToolTip("Paste a picture copied from the CCTV viewer")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.folder_button, self.paste_button, self.grid_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setProperty("cssClass", "hint")
        buttons.addWidget(self.count_label)
        self.list = ThumbnailList(QSize(160, 120), wrapping=False)
        self.list.setFixedHeight(196)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setProperty("cssClass", "hint")
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.import_bar = ImportBar(self.job)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.import_bar)  # beside the buttons, where the eye already is
        layout.addWidget(self.message)
        layout.addWidget(self.list)
        show_message(self.message, "")
        # The empty-state text sits over the list, which still takes the drops.
        over = QVBoxLayout(self.list.viewport())
        over.addWidget(self.empty_label)

        self.add_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        self.paste_button.clicked.connect(self.paste)
        self.grid_button.clicked.connect(self.open_grid)
        self.list.files_dropped.connect(lambda paths: self.add_paths(paths, "drop"))
        self.list.open_requested.connect(self.open_viewer)
        self.list.delete_requested.connect(self.ask_delete)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self, self.paste)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()

    # --- showing --------------------------------------------------------------------

    def refresh(self) -> None:
        vault, reference = self.vault, self.incident_reference
        self.runner.run(lambda: load_strip(vault, reference), self._show, self._say_error)

    def _show(self, data: StripData) -> None:
        if not shiboken6.isValid(self):
            return
        self.data = data
        self.exhibits = data.exhibits
        self.list.show_exhibits(data.exhibits, data.thumbnails)
        self.empty_label.setVisible(not data.exhibits)
        masters = sum(1 for e in data.exhibits if e.is_master)
        copies = len(data.exhibits) - masters
        text = f"{masters} still{'s' if masters != 1 else ''}" if masters else ""
        if copies:
            text += f", {copies} redacted cop{'ies' if copies != 1 else 'y'}"
        self.count_label.setText(f"{text} · Enter opens one" if text else "")
        if self.grid is not None and shiboken6.isValid(self.grid):
            self.grid.show_data(data)

    def _say(self, text: str, css: str = "") -> None:
        show_message(self.message, text, css)

    def _say_error(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self._say(str(error), "error")

    # --- importing ------------------------------------------------------------------

    def choose_files(self) -> None:
        names = file_dialogs.open_file_names(self, "Add stills", "", FILE_FILTER)
        if names:
            self.add_paths([Path(n) for n in names], "file")

    def choose_folder(self) -> None:
        name = file_dialogs.existing_directory(self, "Add every still in a folder")
        if name:
            self.add_paths([Path(name)], "folder")

    def add_paths(self, paths: list[Path], source: Source = "file") -> bool:
        """Import files (and the pictures inside folders); False if an import is running."""
        return self._start(lambda: gather(paths, source))

    def paste(self) -> bool:
        """Import the picture (or the picture files) on the clipboard."""
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasImage():
            image = clipboard.image()
            if not image.isNull():
                moment = datetime.now()
                return self._start(lambda: Batch([pasted_png(image, moment)]))
        if mime is not None and mime.hasUrls():
            paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            if paths:
                return self.add_paths(paths, "clipboard")
        self._say(
            "There is no picture on the clipboard. In the CCTV viewer, copy the still "
            "(or take a screenshot), then paste again.",
            "error",
        )
        return False

    def _start(self, make_batch: Callable[[], Batch]) -> bool:
        if self.job.running:
            self._say(
                "Stills are still being added. Wait for that to finish, then try again.", "error"
            )
            return False
        self._say("")
        self._set_importing(True)
        self.job.start(self.runner, self.vault, self.incident_reference, make_batch)
        return True

    def _set_importing(self, importing: bool) -> None:
        for button in (self.add_button, self.folder_button, self.paste_button):
            button.setEnabled(not importing)
        if importing:
            self.import_bar.begin()
        else:
            self.import_bar.end()

    def _imported(self, report: ImportReport) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_importing(False)
        self._say(headline(report), "ok" if report.added and not needs_dialog(report) else "")
        if report.added:
            self.refresh()
            self.changed.emit()
        if needs_dialog(report):
            self.summary = ImportSummaryDialog(report, self)
            self.summary.open()
        self.import_finished.emit(report)

    def _import_failed(self, sentence: str) -> None:
        if shiboken6.isValid(self):
            self._set_importing(False)
            self._say(sentence, "error")

    # --- viewer, grid, delete -------------------------------------------------------

    def open_viewer(self, exhibit_id: int) -> QWidget:
        from opal_desktop.gui.stills.viewer import ViewerWindow

        ids = [e.id for e in self.exhibits]
        viewer = ViewerWindow(self.vault, self.runner, ids, ids.index(exhibit_id), self)
        viewer.changed.connect(self._changed_elsewhere)
        viewer.show()
        return viewer

    def open_grid(self) -> QWidget:
        from opal_desktop.gui.stills.grid import StillsGrid

        if self.grid is None or not shiboken6.isValid(self.grid):
            self.grid = StillsGrid(self, self.incident_reference)
        self.grid.show_data(self.data)
        self.grid.show()
        return self.grid

    def ask_delete(self, exhibit_id: int) -> None:
        from opal_desktop.gui.stills.delete import DeleteExhibitDialog

        info = next((e for e in self.exhibits if e.id == exhibit_id), None)
        if info is None:
            return
        dialog = DeleteExhibitDialog(info, self.vault, self.runner, self)
        dialog.deleted.connect(self._deleted)
        dialog.open()

    def _deleted(self, references: list[str]) -> None:
        self._say(f"Deleted {', '.join(references)}. The chain of custody keeps the reason.")
        self._changed_elsewhere()

    def _changed_elsewhere(self) -> None:
        if shiboken6.isValid(self):
            self.refresh()
            self.changed.emit()
