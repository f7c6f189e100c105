"""An import running on the worker: progress marshalled to the GUI thread, and Cancel.

The core calls `progress(done, total)` on the worker after each still; we emit a signal
(queued to the GUI thread, where this object lives) and answer whether to keep going.
Cancelling keeps every still already added: each one is its own transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from opal_desktop.errors import UserError
from opal_desktop.evidence.models import ImportReport
from opal_desktop.gui.stills.work import Batch, import_batch
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault


class _Relay(QObject):
    """Carries progress from the worker. Owned by the running task, not by a widget, so a
    window closed mid-import cannot leave the worker emitting on a deleted object."""

    progressed = Signal(int, int)


class ImportJob(QObject):
    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # ImportReport
    failed = Signal(str)  # one sentence

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._running = False
        # If the window goes away mid-import, stop after the current still (kept).
        self.destroyed.connect(self._cancel.set)

    @property
    def running(self) -> bool:
        return self._running

    def start(
        self,
        runner: TaskRunner,
        vault: Vault,
        incident_reference: str,
        make_batch: Callable[[], Batch],
    ) -> None:
        self._cancel.clear()
        self._running = True
        cancel, relay = self._cancel, _Relay()
        relay.progressed.connect(self.progressed)  # queued to this thread; cut if we go

        def progress(done: int, total: int) -> bool:  # on the worker
            relay.progressed.emit(done, total)
            return not cancel.is_set()

        runner.run(
            lambda: import_batch(vault, incident_reference, make_batch, progress),
            self._done,
            self._failed,
        )

    def cancel(self) -> None:
        self._cancel.set()

    def _done(self, report: ImportReport) -> None:
        if shiboken6.isValid(self):
            self._running = False
            self.finished.emit(report)

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self._running = False
            self.failed.emit(str(error))


class ImportBar(QWidget):
    """'Adding stills: 3 of 20', a bar and Cancel; hidden when nothing is importing."""

    def __init__(self, job: ImportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.label = QLabel("Adding stills…")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.cancel_button = QPushButton("Cancel import")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        job.progressed.connect(self.show_progress)
        self.setVisible(False)

    def begin(self) -> None:
        self.label.setText("Reading the stills…")
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if self.cancel_button.isEnabled():
            self.label.setText(f"Adding stills: {done} of {total}")

    def cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText("Stopping after the current still…")

    def end(self) -> None:
        self.setVisible(False)
