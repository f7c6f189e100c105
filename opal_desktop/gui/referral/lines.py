"""One line of the referral checklist: a mark in words, the sentence, the incidents at fault."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from opal_desktop.referral.check import CheckLine

# Never colour alone: every mark says what it means in words too.
MARKS = {"pass": "✓  Met", "fail": "✗  Blocking", "advisory": "!  Advice"}
ORDER = {"fail": 0, "advisory": 1, "pass": 2}  # what needs doing first
VISIBLE_ROWS = 4  # a longer list of incidents scrolls
REFERENCE_ROLE = Qt.ItemDataRole.UserRole


def in_order(lines: tuple[CheckLine, ...]) -> list[CheckLine]:
    """Blocking lines first, then advice, then what is met; the rules file's order within."""
    return sorted(lines, key=lambda line: ORDER[line.status])


class IncidentLinks(QListWidget):
    """The incidents at fault; Enter or a double-click opens one."""

    def __init__(self, references: tuple[str, ...], open_incident: Callable[[str], None]) -> None:
        super().__init__()
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setSpacing(2)
        self.setProperty("cssClass", "links")
        self.setAccessibleName("Incidents at fault")
        self.setToolTip("Double-click an incident, or select it and press Enter, to open it.")
        for reference in references:
            item = QListWidgetItem(f"{reference}  ↗")
            item.setData(REFERENCE_ROLE, reference)
            item.setToolTip(f"Open {reference}")
            self.addItem(item)
        self.itemActivated.connect(lambda item: open_incident(str(item.data(REFERENCE_ROLE))))
        self._fit()

    def references(self) -> list[str]:
        return [str(self.item(row).data(REFERENCE_ROLE)) for row in range(self.count())]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Tall enough for the rows of references at this width, up to a few; more scroll."""
        gap = 2 * self.spacing()
        row = self.sizeHintForRow(0) + gap if self.count() else 24
        width = self.viewport().width() if self.isVisible() else 560
        per_row = max(1, width // max(1, self.sizeHintForColumn(0) + gap))
        rows = max(1, min(VISIBLE_ROWS, -(-self.count() // per_row)))
        self.setFixedHeight(rows * row + 2 * self.frameWidth() + 4)


class CheckLineView(QFrame):
    def __init__(self, line: CheckLine, open_incident: Callable[[str], None]) -> None:
        super().__init__()
        self.line = line
        self.setProperty("cssClass", "checkline")
        self.mark = QLabel(MARKS[line.status])
        self.mark.setProperty("status", line.status)
        self.mark.setMinimumWidth(110)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.sentence = QLabel(line.sentence)
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setHorizontalSpacing(12)
        layout.addWidget(self.mark, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.sentence, 0, 1)
        layout.setColumnStretch(1, 1)
        self.links: IncidentLinks | None = None
        if line.incidents:
            self.links = IncidentLinks(line.incidents, open_incident)
            self.links.setAccessibleDescription(line.sentence)
            layout.addWidget(self.links, 1, 1)


def lines_holder(views: list[CheckLineView]) -> QWidget:
    """The lines stacked, top-aligned, for a scroll area."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 6, 0)
    column.setSpacing(6)
    for view in views:
        column.addWidget(view)
    column.addStretch(1)
    return holder
