"""Python's cyclic garbage collection, done on the GUI thread only while a worker runs.

The collector runs in whichever thread happens to pass an allocation threshold. In the vault
worker (tasks.py) that can destroy Qt objects caught in reference cycles (widgets, pixmaps,
slots holding their window) away from the thread that owns them, and Qt may crash (a test run
here once died in a collection inside a worker's query). So while a TaskRunner exists,
automatic collection is off and a timer on the GUI thread collects instead, the oldest
generation that is due first, as Python itself would. Many PySide and PyQt applications do
the same.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 500

_users = 0
_timer: QTimer | None = None


def collect_due() -> int:
    """Collect the generations whose allocation counts passed their thresholds; returns the
    generation collected, or -1 if none was due."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [g for g in (2, 1, 0) if thresholds[g] and counts[g] > thresholds[g]]
    if not due:
        return -1
    gc.collect(due[0])
    return due[0]


def start() -> None:
    """Called on the GUI thread as a worker starts (nested calls are counted)."""
    global _users, _timer
    _users += 1
    if _users > 1:
        return
    gc.disable()
    _timer = QTimer(QCoreApplication.instance())
    _timer.timeout.connect(collect_due)
    _timer.start(INTERVAL_MS)


def stop() -> None:
    """Called on the GUI thread once a worker has stopped: automatic collection again."""
    global _users, _timer
    _users -= 1
    if _users > 0:
        return
    if _timer is not None:
        _timer.stop()
        _timer.deleteLater()
        _timer = None
    gc.enable()
    gc.collect()
