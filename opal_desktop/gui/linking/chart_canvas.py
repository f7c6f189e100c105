"""The link chart drawn natively from chart.py's Graph, so its text stays readable at any size.

The shapes match the saved PNG (chart.render_png): people are dark circles, vehicles grey
rounded boxes, incidents white squares (dashed while the crime reference is missing); lines
are links, labelled with the role unless it is the usual one. Double-click an incident to
open it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from opal_desktop.linking.chart import Graph, Node

RADIUS = 13
TOP = 64  # room for the legend
UNLABELLED_ROLES = {"offender", ""}
LEGEND = (
    ("subject", False, "Person"),
    ("vehicle", False, "Vehicle"),
    ("incident", False, "Incident"),
    ("incident", True, "Incident without a crime reference yet"),
)


class ChartCanvas(QWidget):
    open_incident_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: Graph | None = None
        self.setMinimumSize(480, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Link chart")
        self.setToolTip("Double-click an incident to open it.")

    def sizeHint(self) -> QSize:
        return QSize(900, 520)

    def show_graph(self, graph: Graph) -> None:
        self.graph = graph
        self.update()

    def position(self, node: Node) -> QPointF:
        width, height = self.width(), self.height()
        return QPointF(60 + node.x * (width - 120), TOP + node.y * (height - TOP - 56))

    def node_at(self, point: QPointF) -> Node | None:
        for node in self.graph.nodes if self.graph else []:
            centre = self.position(node)
            if (
                abs(centre.x() - point.x()) <= RADIUS * 1.7
                and abs(centre.y() - point.y()) <= RADIUS
            ):
                return node
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node = self.node_at(event.position())
        if node is not None and node.kind == "incident":
            self.open_incident_requested.emit(node.key)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#b7bdc5")))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._legend(painter)
        if self.graph is not None:
            self._edges(painter, self.graph)
            self._nodes(painter, self.graph)
        painter.end()

    def _legend(self, painter: QPainter) -> None:
        x = 16.0
        metrics = QFontMetricsF(painter.font())
        for kind, attention, label in LEGEND:
            _shape(painter, kind, QPointF(x + 10, 22), 8, attention)
            painter.setPen(QColor("#4a525c"))
            painter.drawText(QPointF(x + 24, 27), label)
            x += 44 + metrics.horizontalAdvance(label)
        painter.drawText(QPointF(16, 50), "Lines are links; unlabelled person links are offenders.")

    def _edges(self, painter: QPainter, graph: Graph) -> None:
        keys = {n.key: n for n in graph.nodes}
        labels: list[tuple[QPointF, str]] = []
        painter.setPen(QPen(QColor("#8a929c"), 1.5))
        for edge in graph.edges:
            if edge.a in keys and edge.b in keys:
                a, b = self.position(keys[edge.a]), self.position(keys[edge.b])
                painter.drawLine(a, b)
                if edge.label not in UNLABELLED_ROLES:
                    labels.append(((a + b) / 2, edge.label))
        small = QFont(painter.font())
        small.setPointSizeF(painter.font().pointSizeF() * 0.85)
        painter.setFont(small)
        for centre, text in labels:
            _boxed_text(painter, centre, text, QColor("#4a525c"))
        painter.setFont(QFont(self.font()))

    def _nodes(self, painter: QPainter, graph: Graph) -> None:
        metrics = QFontMetricsF(painter.font())
        incidents = [n for n in graph.nodes if n.kind == "incident"]
        spacing = (self.width() - 120) / max(len(incidents), 1)
        widest = max(
            (metrics.horizontalAdvance(line) for n in incidents for line in n.label.split("\n")),
            default=0,
        )
        stagger = widest + 8 > spacing  # crowded: every other incident's label one row lower
        for node in graph.nodes:
            centre = self.position(node)
            _shape(painter, node.kind, centre, RADIUS, node.attention)
            lines = node.label.split("\n")
            offset = RADIUS + 4 + metrics.ascent()
            if stagger and node.kind == "incident" and incidents.index(node) % 2:
                offset += metrics.height() * len(lines)
            for number, line in enumerate(lines):
                at = QPointF(centre.x(), centre.y() + offset + number * metrics.height())
                _boxed_text(painter, at, line, QColor("#1c1f23"))


def _shape(painter: QPainter, kind: str, centre: QPointF, r: float, attention: bool) -> None:
    x, y = centre.x(), centre.y()
    if kind == "subject":
        painter.setPen(QPen(QColor("#000000"), 1.5))
        painter.setBrush(QBrush(QColor(30, 50, 90)))
        painter.drawEllipse(centre, r, r)
    elif kind == "vehicle":
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.setBrush(QBrush(QColor(230, 230, 230)))
        painter.drawRoundedRect(QRectF(x - 1.6 * r, y - 0.8 * r, 3.2 * r, 1.6 * r), r / 2, r / 2)
    else:
        pen = QPen(QColor("#000000"), 2)
        if attention:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor("#ffffff")))
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _boxed_text(painter: QPainter, baseline_centre: QPointF, text: str, colour: QColor) -> None:
    """Centred text on a white patch, so lines behind it do not make it unreadable."""
    metrics = QFontMetricsF(painter.font())
    width = metrics.horizontalAdvance(text)
    left = baseline_centre.x() - width / 2
    patch = QRectF(
        left - 3, baseline_centre.y() - metrics.ascent() - 1, width + 6, metrics.height() + 2
    )
    painter.fillRect(patch, QColor("#ffffff"))
    painter.setPen(colour)
    painter.drawText(QPointF(left, baseline_centre.y()), text)
