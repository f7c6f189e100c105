"""What every small confirming dialog shares: an intro, a form, one sentence when something is wrong,
a "working…" line, and a confirm button that runs the change on the worker.

Dialogs open non-blocking (`open()`); `saved` carries what the change returned.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message


class FormDialog(QDialog):
    saved = Signal(object)  # what the change returned

    def __init__(
        self,
        runner: TaskRunner,
        *,
        title: str,
        intro: str,
        button: str,
        parent: QWidget | None = None,
        destructive: bool = False,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.top = QVBoxLayout()  # what goes above the form, if anything
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.message.setWordWrap(True)
        self.busy = BusyIndicator(self)
        buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(button)
        if destructive:
            buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        else:
            buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.confirm_button.setProperty("cssClass", "primary")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self.busy.guard(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addLayout(self.top)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addSpacing(4)
        layout.addWidget(buttons)
        show_message(self.message, "")

    def confirm(self) -> None:
        raise NotImplementedError

    def refuse(self, sentence: str, focus: QWidget | None = None) -> None:
        """Say what is missing, in one sentence; nothing is changed."""
        show_message(self.message, sentence)
        if focus is not None:
            focus.setFocus()

    def run(self, work: Callable[[], object], busy_text: str) -> None:
        self.runner.run(work, self._saved, self.failed, busy=self.busy, busy_text=busy_text)

    def _saved(self, result: object) -> None:
        self.saved.emit(result)
        self.accept()

    def failed(self, error: UserError) -> None:
        show_message(self.message, str(error))

    def ask(self, on_saved: Callable[[object], object]) -> FormDialog:
        """Open (non-blocking); `on_saved` gets the result once the change is made."""
        self.saved.connect(on_saved)
        self.open()
        return self
