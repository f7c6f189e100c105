"""A calm "working…" line: an indeterminate bar and a sentence, hidden when idle."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class BusyIndicator(QWidget):
    """Shown while the worker runs something for this screen; disables guarded widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 0)
        self._bar.setTextVisible(False)
        self._bar.setFixedSize(120, 8)
        self._label = QLabel(self)
        self._label.setProperty("cssClass", "hint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar)
        layout.addWidget(self._label, 1)
        self._guarded: list[QWidget] = []
        self._running = False
        self.setVisible(False)

    def guard(self, *widgets: QWidget) -> None:
        """Widgets to disable while busy (so nothing is submitted twice)."""
        self._guarded.extend(widgets)

    def start(self, text: str) -> None:
        self._label.setText(text)
        self._running = True
        self.setVisible(True)
        for widget in self._guarded:
            widget.setEnabled(False)

    def stop(self) -> None:
        self._running = False
        self.setVisible(False)
        for widget in self._guarded:
            widget.setEnabled(True)

    @property
    def running(self) -> bool:
        return self._running

    def text(self) -> str:
        return self._label.text()
