"""One worker thread owns all vault work; the GUI hands it callables and gets answers back.

Like Anki's taskman: `runner.run(work, on_done, on_error)` queues `work` on the single
worker thread (so the database connection, key derivation and certificate generation never
run on the GUI thread, and never run two at once), then calls `on_done(result)` or
`on_error(user_error)` on the GUI thread. A UserError is something the person can fix and
goes to `on_error`; any other exception is a bug and is re-raised on the GUI thread, where
the application's excepthook reports it (and pytest-qt fails the test).
"""

from __future__ import annotations

import itertools
import queue
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal

from opal_desktop.errors import UserError, damage_found
from opal_desktop.gui import gui_thread_gc
from opal_desktop.gui.widgets.busy import BusyIndicator

T = TypeVar("T")


class _Task(NamedTuple):
    task_id: int
    work: Callable[[], object]


class _Callbacks(NamedTuple):
    on_done: Callable[[Any], object] | None
    on_error: Callable[[UserError], None] | None
    busy: BusyIndicator | None


class _WorkerThread(QThread):
    """Runs queued tasks one at a time until it receives None."""

    task_finished = Signal(int, object, object)  # task id, result, exception or None

    def __init__(self, tasks: queue.Queue[_Task | None]) -> None:
        super().__init__()
        self.setObjectName("opal-worker")
        self._tasks = tasks

    def run(self) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            try:
                result = task.work()
            except Exception as error:  # delivered to the GUI thread, never swallowed
                self.task_finished.emit(task.task_id, None, error)
            else:
                self.task_finished.emit(task.task_id, result, None)


def _alive(callback: Callable[..., object]) -> bool:
    """False for a method of a window that was deleted while its work ran: the answer has
    no one to go to (and touching the window would raise)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class TaskRunner(QObject):
    """The GUI's only way to run vault work. Create one per application."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: queue.Queue[_Task | None] = queue.Queue()
        self._pending: dict[int, _Callbacks] = {}
        self._ids = itertools.count(1)
        self._thread = _WorkerThread(self._tasks)
        # The runner lives on the GUI thread, so this connection is queued to it.
        self._thread.task_finished.connect(self._deliver)
        gui_thread_gc.start()  # not in the worker, where it could destroy Qt objects
        self._thread.start()

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[UserError], None] | None = None,
        *,
        busy: BusyIndicator | None = None,
        busy_text: str = "Working…",
    ) -> None:
        """Queue `work`; `busy` shows `busy_text` until the answer is back."""
        task_id = next(self._ids)
        self._pending[task_id] = _Callbacks(on_done, on_error, busy)
        if busy is not None:
            busy.start(busy_text)
        self._tasks.put(_Task(task_id, work))

    @property
    def idle(self) -> bool:
        return not self._pending

    def shutdown(self) -> None:
        """Finish the queued work, then stop the thread (at quit, after the vault is closed)."""
        if self._thread.isRunning():
            self._tasks.put(None)
            self._thread.wait()
            gui_thread_gc.stop()

    def _deliver(self, task_id: int, result: object, error: BaseException | None) -> None:
        callbacks = self._pending.pop(task_id)
        if callbacks.busy is not None:
            if not shiboken6.isValid(callbacks.busy):
                return  # the screen that asked was closed meanwhile
            callbacks.busy.stop()
        if error is None:
            if callbacks.on_done is not None and _alive(callbacks.on_done):
                callbacks.on_done(result)
            return
        error = damage_found(error) or error  # a damaged vault file is said as such
        if isinstance(error, UserError) and callbacks.on_error is not None:
            if _alive(callbacks.on_error):
                callbacks.on_error(error)
            return
        raise error
