"""A calendar button inside a date field, for people who would rather click than type.

    add_calendar(edit, with_time=True)

The field stays a text field in UK form (typing still works, and still gets its message
when mistyped). The button at its right end opens a month calendar; picking a day writes
it as dd/mm/yyyy, keeps a time already typed after it, and otherwise leaves the cursor
ready for the time. Days after today cannot be picked: incidents have already happened.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QMargins, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QVBoxLayout, QWidget

TOOLTIP = "Choose the day from a calendar"
_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})")


class CalendarPopup(QWidget):
    """The month calendar that drops down under a date field."""

    def __init__(self, edit: QLineEdit, with_time: bool) -> None:
        super().__init__(edit, Qt.WindowType.Popup)
        self.edit, self.with_time = edit, with_time
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # as UK calendars print it
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self.pick)
        self.calendar.activated.connect(self.pick)  # Enter on a day
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        # the six weeks of a month in full, with room for the app's larger font
        self.calendar.setMinimumSize(self.calendar.sizeHint().grownBy(QMargins(0, 0, 40, 30)))

    def open(self) -> None:
        self.calendar.setMaximumDate(QDate.currentDate())  # today as it is now, past midnight too
        typed = _DAY.match(self.edit.text())
        day = QDate(int(typed[3]), int(typed[2]), int(typed[1])) if typed else QDate()
        self.calendar.setSelectedDate(day if day.isValid() else QDate.currentDate())
        self.adjustSize()
        self.move(self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        self.show()
        self.calendar.setFocus()

    def pick(self, day: QDate) -> None:
        self.hide()
        typed = self.edit.text()
        rest = _DAY.sub("", typed, count=1).strip()  # what followed the day: the time, if any
        text = day.toString("dd/MM/yyyy")
        if self.with_time:
            text += " " + rest  # the time typed before, or a space to type it after
        self.edit.setText(text)
        self.edit.setFocus()
        self.edit.setCursorPosition(len(text))
        self.edit.textEdited.emit(text)  # a pick is an edit: messages and autosave follow


def add_calendar(edit: QLineEdit, *, with_time: bool) -> CalendarPopup:
    """Put the calendar button at the right end of `edit`; returns its popup (for tests)."""
    popup = CalendarPopup(edit, with_time)
    action = QAction(_calendar_icon(), TOOLTIP, edit)
    action.setToolTip(TOOLTIP)
    action.triggered.connect(popup.open)
    edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
    return popup


def _calendar_icon(size: int = 32) -> QIcon:
    """A small page-of-a-calendar drawing (Qt has no standard calendar icon)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#12284a")
    body = QRect(3, 6, size - 6, size - 9)
    painter.setPen(QPen(ink, 2))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(body, 3, 3)
    painter.fillRect(QRect(body.left(), body.top(), body.width() + 1, 7), ink)
    for x in (10, size - 11):  # the rings
        painter.drawLine(x, 3, x, 9)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink)
    for row in range(3):
        for column in range(4):
            painter.drawRect(7 + column * 5, 16 + row * 4, 3, 2)
    painter.end()
    return QIcon(pixmap)
