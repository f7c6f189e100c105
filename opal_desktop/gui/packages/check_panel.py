"""The referral check inside the package editor: the checklist's verdict and lines, reused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from opal_desktop.gui.referral.lines import CheckLineView, in_order, lines_holder
from opal_desktop.gui.referral.work import CheckView
from opal_desktop.gui.widgets.messages import set_style, show_message

NOT_READY = (
    "Not ready: you can save this package and export it only as a DRAFT (watermarked "
    "DRAFT – NOT FOR SUBMISSION). Fix what is blocking, then check again."
)
READY = "Ready: the package can be exported for submission to Opal."


class CheckPanel(QWidget):
    def __init__(self, open_incident: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.open_incident = open_incident
        self.view: CheckView | None = None
        self.verdict = QLabel("Choose what the package is built from.")
        self.verdict.setProperty("cssClass", "verdict")
        self.verdict.setAccessibleName("Referral check verdict")
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setProperty("cssClass", "hint")
        self.rules.setWordWrap(True)
        self.rules.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_area = QScrollArea()
        self.lines_area.setWidgetResizable(True)
        self.lines_area.setFrameShape(QFrame.Shape.NoFrame)
        self.line_views: list[CheckLineView] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        for widget in (self.verdict, self.meaning, self.rules):
            column.addWidget(widget)
        column.addWidget(self.lines_area, 1)
        show_message(self.meaning, "")
        show_message(self.rules, "")

    @property
    def ready(self) -> bool:
        return self.view is not None and self.view.result.ready

    def show_check(self, view: CheckView) -> None:
        self.view = view
        result = view.result
        self.verdict.setText(("✓  " if result.ready else "✗  ") + result.verdict)
        set_style(self.verdict, status="pass" if result.ready else "fail")
        show_message(self.meaning, READY if result.ready else NOT_READY)
        show_message(self.rules, f"Rules: {view.rules}")
        self.line_views = [
            CheckLineView(line, self.open_incident) for line in in_order(result.lines)
        ]
        self.lines_area.setWidget(lines_holder(self.line_views))

    def checking(self) -> None:
        self.verdict.setText("Checking…")
        set_style(self.verdict, status="")
