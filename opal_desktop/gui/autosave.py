"""When to save a draft: a short pause after the last change, and never later than a cap.

`note_change()` on every edit restarts the pause timer (default 1 s); the cap timer
(default 1.5 s) starts at the first change after a save and is not restarted, so someone
typing without a pause is still saved every 1.5 s: a crash loses at most the last ~2 s
of typing, a new incident included (its first save is its first draft). Either firing
emits `due` once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

PAUSE_MS = 1_000
CAP_MS = 1_500


class AutosaveTimer(QObject):
    due = Signal()

    def __init__(
        self, pause_ms: int = PAUSE_MS, cap_ms: int = CAP_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(pause_ms)
        self._cap = QTimer(self)
        self._cap.setSingleShot(True)
        self._cap.setInterval(cap_ms)
        self._pause.timeout.connect(self._fire)
        self._cap.timeout.connect(self._fire)

    def note_change(self) -> None:
        self._pause.start()
        if not self._cap.isActive():
            self._cap.start()

    def stop(self) -> None:
        self._pause.stop()
        self._cap.stop()

    @property
    def pending(self) -> bool:
        return self._pause.isActive() or self._cap.isActive()

    def _fire(self) -> None:
        self.stop()
        self.due.emit()
