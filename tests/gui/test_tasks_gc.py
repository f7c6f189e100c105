"""Garbage made while the vault worker runs is collected on the GUI thread, never in the worker
(where destroying Qt objects can crash the app: with a QLabel in the cycle below, this test
crashed the test process before gui_thread_gc)."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from pytestqt.qtbot import QtBot

from opal_desktop.gui.tasks import TaskRunner


class _Cycle:
    """A reference cycle, like a window and a slot that refers to it (no Qt object here, so a
    regression fails this test instead of crashing the run)."""

    finalized_in: ClassVar[list[str]] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.finalized_in.append(threading.current_thread().name)


def test_cycles_the_worker_drops_are_collected_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    _Cycle.finalized_in.clear()

    def make_garbage() -> int:  # as ORM objects do: cycles only the collector frees
        for _ in range(3000):  # far past generation 0's threshold (700)
            _Cycle()
        return 3000

    done: list[int] = []
    runner.run(make_garbage, done.append)
    qtbot.waitUntil(lambda: len(_Cycle.finalized_in) == 3000, timeout=10_000)
    assert done == [3000]
    assert set(_Cycle.finalized_in) == {threading.main_thread().name}
    assert not gc.isenabled()  # while a runner exists
