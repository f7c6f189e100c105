"""The referral checklist: will Opal accept these incidents, and if not, what is missing where.

The verdict comes first, in words and colour ("✓ Ready to refer", "✗ Not ready: 2 blocking"),
then the rules used (saying when they are indicative), then one line per requirement with
the incidents at fault; Enter or a double-click on an incident opens it in the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.domain.timeutil import from_utc_text, utc_to_london
from opal_desktop.errors import UserError
from opal_desktop.gui.referral.lines import CheckLineView, in_order, lines_holder
from opal_desktop.gui.referral.work import CheckTarget, CheckView, run_check
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import set_style, show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

OPEN_HINT = "To open an incident at fault, double-click it, or select it and press Enter."


class ChecklistDialog(QDialog):
    """Non-modal: the person can open incidents, fix them, and press Check again."""

    def __init__(
        self,
        vault: Vault,
        runner: TaskRunner,
        target: CheckTarget,
        open_incident: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.runner, self.target = vault, runner, target
        self.open_incident = open_incident
        self.view: CheckView | None = None
        self.line_views: list[CheckLineView] = []
        self._again = False
        self.setWindowTitle("Referral readiness — Opal Desktop")
        self._build()
        self.setMinimumSize(560, 420)
        self.resize(760, 640)
        self.check()

    def _build(self) -> None:
        self.verdict = QLabel("Checking…")
        self.verdict.setProperty("cssClass", "verdict")
        self.verdict.setAccessibleName("Verdict")
        self.about = QLabel()
        self.about.setProperty("cssClass", "hint")
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_hint = QLabel(OPEN_HINT)
        self.open_hint.setProperty("cssClass", "hint")
        self.open_hint.setWordWrap(True)
        self.lines_area = QScrollArea()
        self.lines_area.setWidgetResizable(True)
        self.lines_area.setFrameShape(QFrame.Shape.NoFrame)
        self.error = QLabel()
        self.error.setProperty("cssClass", "error")
        self.error.setWordWrap(True)
        self.note = QLabel()
        self.note.setProperty("cssClass", "ok")
        self.busy = BusyIndicator(self)
        self.again_button = QPushButton("Check &again  (F5)")
        self.again_button.clicked.connect(lambda: self.check())
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.check)
        self.copy_button = QPushButton("&Copy as text")
        self.copy_button.clicked.connect(self.copy_text)
        close = QPushButton("Close  (Esc)")
        close.clicked.connect(self.close)
        for button in (self.again_button, self.copy_button, close):
            button.setAutoDefault(False)
        self.busy.guard(self.again_button, self.copy_button)
        footer = QHBoxLayout()
        footer.addWidget(self.busy, 1)
        footer.addWidget(self.note)
        footer.addStretch(1)
        footer.addWidget(self.again_button)
        footer.addWidget(self.copy_button)
        footer.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.setSpacing(8)
        for widget in (self.verdict, self.about, self.rules, self.open_hint):
            layout.addWidget(widget)
        layout.addWidget(self.lines_area, 1)
        layout.addWidget(self.error)
        layout.addLayout(footer)
        for label in (self.error, self.note, self.open_hint, self.about):
            show_message(label, "")

    # --- checking -------------------------------------------------------------------

    def check(self, target: CheckTarget | None = None) -> None:
        """Check again (or check something else) on the worker."""
        self.target = target or self.target
        if self.busy.running:  # checked again as soon as the check under way is back
            self._again = True
            return
        self._again = False
        vault, wanted = self.vault, self.target
        show_message(self.error, "")
        show_message(self.note, "")
        self.runner.run(
            lambda: run_check(vault, wanted),
            self._show,
            self._failed,
            busy=self.busy,
            busy_text="Checking…",
        )

    def _show(self, view: CheckView) -> None:
        if not shiboken6.isValid(self):
            return
        if self._again:  # something else was asked for meanwhile
            self.check()
            return
        self.view = view
        result = view.result
        self.verdict.setText(("✓  " if result.ready else "✗  ") + result.verdict)
        set_style(self.verdict, status="pass" if result.ready else "fail")
        checked = utc_to_london(from_utc_text(result.checked_at))
        show_message(self.about, f"{self.target.title} checked at {checked:%H:%M on %d/%m/%Y}.")
        self.rules.setText(f"Rules: {view.rules}")
        self.line_views = [
            CheckLineView(line, self.open_incident) for line in in_order(result.lines)
        ]
        self.lines_area.setWidget(lines_holder(self.line_views))
        at_fault = [v.links for v in self.line_views if v.links is not None]
        show_message(self.open_hint, OPEN_HINT if at_fault else "")
        (at_fault[0] if at_fault else self.again_button).setFocus()

    def _failed(self, error: UserError) -> None:
        if not shiboken6.isValid(self):
            return
        if self._again:
            self.check()
            return
        if self.view is None:
            self.verdict.setText("Could not check")
            set_style(self.verdict, status="")
        show_message(self.error, str(error))

    # --- reading it -----------------------------------------------------------------

    def text(self) -> str:
        """The checklist as plain text, with the rules described as on screen."""
        if self.view is None:
            return ""
        return f"{self.view.result.as_text()}\n\nRules: {self.view.rules}\n"

    def copy_text(self) -> None:
        if self.view is None:
            return
        QApplication.clipboard().setText(self.text())
        show_message(self.note, "Copied. Paste it into an email or a note.")
