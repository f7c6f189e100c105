"""The dashboard's charts, painted with Qt from the core's Figures (no chart library on
screen: nothing to load at start-up, and every bar and cell knows the Drill it lists).

Each chart keeps the rectangle of every clickable part; a click emits `drill_requested`
with that part's Drill, a hover shows what it counts. Colours from dashboard.palette;
the year-ago bars are hatched and outlined, so they read in grey and without colour.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from opal_desktop.dashboard import palette
from opal_desktop.dashboard.figures import WEEKDAYS, Drill, Figures, Ranked

INK = QColor("#1c1f23")
GRID = QColor("#d5d9df")
MUTED = QColor("#5b6470")


def _nice_top(value: float, whole: bool = False) -> tuple[float, float]:
    """A round top for the value axis and its step (4 or 5 ticks; whole steps for counts)."""
    if value <= 0:
        return 4.0, 1.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    step = max(1.0 if whole else 0.0, next(m * magnitude for m in steps if m * magnitude >= raw))
    return step * math.ceil(value / step), step


class _Chart(QWidget):
    drill_requested = Signal(object)  # a Drill

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.figures: Figures | None = None
        self.regions: list[tuple[QRectF, Drill, str]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_figures(self, figures: Figures) -> None:
        self.figures = figures
        self.updateGeometry()
        self.update()

    def region_at(self, point: QPointF) -> tuple[QRectF, Drill, str] | None:
        return next((r for r in self.regions if r[0].contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.region_at(event.position())
        if found is not None and event.button() == Qt.MouseButton.LeftButton:
            self.drill_requested.emit(found[1])
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.region_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if found else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            found = self.region_at(QPointF(event.pos()))
            if found is not None:
                QToolTip.showText(event.globalPos(), found[2] + "\nClick to list them.", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def _title(self, painter: QPainter) -> None:
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(INK)
        painter.drawText(QRectF(0, 0, self.width(), 22), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.title)  # fmt: skip
        painter.setFont(self.font())


class WeeklyChart(_Chart):
    """Incidents (or loss) per week, bars for this period, hatched bars a year earlier."""

    def __init__(self, money: bool, parent: QWidget | None = None) -> None:
        super().__init__("Loss per week (£)" if money else "Incidents per week", parent)
        self.money = money

    def sizeHint(self) -> QSize:
        return QSize(420, 230)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 200)

    def _value(self, count: int | None, pence: int | None) -> float:
        return ((pence or 0) / 100) if self.money else float(count or 0)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.regions = []
        self._title(painter)
        figures = self.figures
        if figures is None or not figures.weeks:
            painter.setPen(MUTED)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, "No incidents in this period."
            )
            return
        weeks = figures.weeks
        compare = weeks[0].last_year_incidents is not None
        self._legend(painter, compare)
        left, top, right, bottom = (
            (84.0 if self.money else 56.0),
            52.0,
            self.width() - 8.0,
            self.height() - 40.0,
        )
        values = [self._value(w.incidents, w.loss_pence) for w in weeks]
        before = [self._value(w.last_year_incidents, w.last_year_loss_pence) for w in weeks]
        highest, step = _nice_top(max(values + (before if compare else [])), whole=not self.money)
        metrics = painter.fontMetrics()
        painter.setPen(QPen(GRID, 1))
        ticks = round(highest / step)
        for i in range(ticks + 1):
            value = step * i
            y = bottom - (bottom - top) * value / highest
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setPen(MUTED)
            text = f"£{value:,.0f}" if self.money else f"{value:g}"
            painter.drawText(
                QRectF(0, y - 9, left - 6, 18),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        group = (right - left) / len(weeks)
        bar = max(3.0, min(34.0, group * (0.38 if compare else 0.6)))
        label_every = max(1, math.ceil(metrics.horizontalAdvance("00/00 ") / group))
        for k, week in enumerate(weeks):
            x0 = (
                left + group * k + (group - bar * (2 if compare else 1) - (2 if compare else 0)) / 2
            )
            h = (bottom - top) * values[k] / highest
            rect = QRectF(x0, bottom - h, bar, h)
            painter.fillRect(rect, QColor(palette.THIS_PERIOD))
            painter.setPen(QPen(INK, 0.6))
            painter.drawRect(rect)
            noun = "£" + f"{values[k]:,.2f}" if self.money else f"{week.incidents} incidents"
            self.regions.append((QRectF(x0, top, bar, bottom - top), week.drill,
                                 f"{week.start:%d/%m/%Y}–{week.end:%d/%m/%Y}: {noun}"))  # fmt: skip
            if compare:
                x1 = x0 + bar + 2
                hb = (bottom - top) * before[k] / highest
                rect_b = QRectF(x1, bottom - hb, bar, hb)
                painter.fillRect(rect_b, QColor("#ffffff"))
                painter.fillRect(
                    rect_b, QBrush(QColor(palette.LAST_YEAR), Qt.BrushStyle.BDiagPattern)
                )
                painter.setPen(QPen(QColor(palette.LAST_YEAR), 1.4))
                painter.drawRect(rect_b)
                noun_b = (
                    f"£{before[k]:,.2f}" if self.money else f"{week.last_year_incidents} incidents"
                )
                self.regions.append((QRectF(x1, top, bar, bottom - top), week.drill_last_year,
                                     f"Same dates a year earlier: {noun_b}"))  # fmt: skip
            if k % label_every == 0:
                painter.setPen(MUTED)
                painter.drawText(QRectF(left + group * k - 10, bottom + 2, group + 20, 18),
                                 Qt.AlignmentFlag.AlignHCenter, palette.day_month(week.start))  # fmt: skip
        painter.setPen(QPen(INK, 1))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        painter.setPen(MUTED)
        painter.drawText(QRectF(left, bottom + 18, right - left, 18), Qt.AlignmentFlag.AlignHCenter,
                         "Week starting (UK dates, dd/mm)")  # fmt: skip
        painter.save()
        painter.translate(10, (top + bottom) / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-60, -10, 120, 20),
            Qt.AlignmentFlag.AlignCenter,
            "Loss (£)" if self.money else "Incidents",
        )
        painter.restore()

    def _legend(self, painter: QPainter, compare: bool) -> None:
        x, y = 0.0, 26.0
        painter.fillRect(QRectF(x, y, 12, 10), QColor(palette.THIS_PERIOD))
        painter.setPen(MUTED)
        painter.drawText(QPointF(x + 16, y + 10), "This period")
        if compare:
            x += 16 + painter.fontMetrics().horizontalAdvance("This period") + 16
            rect = QRectF(x, y, 12, 10)
            painter.fillRect(rect, QBrush(QColor(palette.LAST_YEAR), Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(QColor(palette.LAST_YEAR), 1.4))
            painter.drawRect(rect)
            painter.setPen(MUTED)
            painter.drawText(QPointF(x + 16, y + 10), "A year earlier (hatched)")


class HeatMap(_Chart):
    """Weekday × hour of day in UK local time; each cell shows its count and lists it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("When incidents happen (UK local time)", parent)

    def sizeHint(self) -> QSize:
        return QSize(620, 230)

    def minimumSizeHint(self) -> QSize:
        return QSize(460, 210)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.regions = []
        self._title(painter)
        figures = self.figures
        if figures is None:
            return
        label_w = painter.fontMetrics().horizontalAdvance("Wednesday") + 10.0
        top, bottom = 28.0, self.height() - 22.0
        cell_w = (self.width() - label_w - 4) / 24
        cell_h = (bottom - top) / 7
        highest = max((max(row) for row in figures.heat), default=0)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 2))
        for row, day in enumerate(WEEKDAYS):
            y = top + row * cell_h
            painter.setPen(INK)
            painter.setFont(self.font())
            painter.drawText(
                QRectF(0, y, label_w - 6, cell_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                day[:3],
            )
            painter.setFont(small)
            for hour in range(24):
                value = figures.heat[row][hour]
                rgb = palette.heat_rgb(value, highest)
                rect = QRectF(label_w + hour * cell_w, y, cell_w, cell_h)
                painter.fillRect(rect, QColor(*rgb))
                painter.setPen(QPen(GRID, 0.5))
                painter.drawRect(rect)
                if value:
                    painter.setPen(QColor("#ffffff") if palette.dark(rgb) else INK)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(value))
                self.regions.append((rect, Drill("heat", f"{row}:{hour}", f"{day}s {hour:02d}:00–{hour:02d}:59"),
                                     f"{day}s {hour:02d}:00–{hour:02d}:59: {value} incidents"))  # fmt: skip
        painter.setPen(MUTED)
        for hour in range(0, 24, 2):
            painter.drawText(QRectF(label_w + hour * cell_w - 4, bottom + 2, cell_w + 8, 18),
                             Qt.AlignmentFlag.AlignHCenter, f"{hour:02d}")  # fmt: skip


class RankedBars(_Chart):
    """A top-N list as labelled horizontal bars (£), the incident count at the end."""

    ROW = 24

    def __init__(self, title: str, by_money: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.items: tuple[Ranked, ...] = ()
        self.by_money = by_money  # the bar shows what the list is ranked by

    def set_items(self, items: tuple[Ranked, ...]) -> None:
        self.items = items
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, 30 + self.ROW * max(1, len(self.items)))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 30 + self.ROW * max(1, len(self.items)))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.regions = []
        self._title(painter)
        if not self.items:
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, 26, self.width(), 20), Qt.AlignmentFlag.AlignLeft, "None in this period."
            )
            return
        metrics = painter.fontMetrics()
        label_w = min(
            self.width() * 0.42, max(metrics.horizontalAdvance(i.label) for i in self.items) + 20
        )
        count_w = metrics.horizontalAdvance("999 incidents") + 8
        money_w = metrics.horizontalAdvance("£99,999") + 6
        bar_space = max(20.0, self.width() - label_w - count_w - money_w)
        highest = max(self._measure(i) for i in self.items) or 1
        for index, item in enumerate(self.items):
            y = 26.0 + index * self.ROW
            row = QRectF(0, y, self.width(), self.ROW - 2)
            painter.setPen(INK)
            label = metrics.elidedText(item.label, Qt.TextElideMode.ElideRight, int(label_w - 10))
            painter.drawText(
                QRectF(0, y, label_w - 8, self.ROW - 2), Qt.AlignmentFlag.AlignVCenter, label
            )
            width = bar_space * self._measure(item) / highest
            bar = QRectF(label_w, y + 4, max(width, 1.0), self.ROW - 10)
            painter.fillRect(bar, QColor(palette.THIS_PERIOD))
            painter.setPen(INK)
            painter.drawText(QRectF(label_w + width + 4, y, money_w, self.ROW - 2), Qt.AlignmentFlag.AlignVCenter,
                             palette.whole_pounds(item.pence))  # fmt: skip
            painter.setPen(MUTED)
            noun = "incident" if item.incidents == 1 else "incidents"
            painter.drawText(QRectF(self.width() - count_w, y, count_w, self.ROW - 2),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, f"{item.incidents} {noun}")  # fmt: skip
            self.regions.append(
                (
                    row,
                    item.drill,
                    f"{item.label}: {item.incidents} {noun}, {palette.pounds(item.pence)}",
                )
            )

    def _measure(self, item: Ranked) -> float:
        return float(item.pence if self.by_money else item.incidents)
