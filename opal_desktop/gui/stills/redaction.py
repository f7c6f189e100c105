"""Hide bystanders' faces in a working copy: draw rectangles, blur or fill, save.

Rectangles are drawn on the canvas's scene, whose coordinates are the upright still's own
pixels (see canvas.py), so what is saved matches what was drawn at any zoom. Saving calls
the core's redact() on the worker; the master is never touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeySequence, QMouseEvent, QPen, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.evidence.models import ExhibitInfo, Region, RegionStyle
from opal_desktop.gui.stills.canvas import ImageCanvas
from opal_desktop.gui.stills.work import ViewData
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.busy import BusyIndicator
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

MIN_SIDE = 3  # still pixels; a smaller drag is taken as a slip of the mouse
_LOOKS: dict[str, tuple[QColor, QColor]] = {
    "blur": (QColor("#ffd400"), QColor(255, 212, 0, 70)),
    "fill": (QColor("#ffd400"), QColor(0, 0, 0, 230)),
}


class DrawingCanvas(ImageCanvas):
    """Left-drag draws a rectangle; the wheel pans, Ctrl+wheel zooms."""

    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.style_name: RegionStyle = "blur"
        self.boxes: list[tuple[QGraphicsRectItem, RegionStyle]] = []
        self._start: QPointF | None = None
        self._drawing: QGraphicsRectItem | None = None

    def _clamped(self, event: QMouseEvent) -> QPointF:
        point = self.mapToScene(event.position().toPoint())
        rect = self.image_rect()
        return QPointF(
            min(max(point.x(), rect.left()), rect.right()),
            min(max(point.y(), rect.top()), rect.bottom()),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._start = self._clamped(event)
        pen_colour, fill = _LOOKS[self.style_name]
        pen = QPen(pen_colour, 2)
        pen.setCosmetic(True)  # the same width at every zoom
        self._drawing = self.scene().addRect(QRectF(self._start, self._start), pen, QBrush(fill))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing is not None and self._start is not None:
            self._drawing.setRect(QRectF(self._start, self._clamped(event)).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drawing is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        box, self._drawing, self._start = self._drawing, None, None
        if box.rect().width() < MIN_SIDE or box.rect().height() < MIN_SIDE:
            self.scene().removeItem(box)
        else:
            tag = QGraphicsSimpleTextItem("Blur" if self.style_name == "blur" else "Fill", box)
            tag.setBrush(QBrush(QColor("#ffd400")))
            tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            tag.setPos(box.rect().bottomLeft())
            self.boxes.append((box, self.style_name))
            self.drawn.emit()
        event.accept()

    def undo(self) -> None:
        if self.boxes:
            box, _style = self.boxes.pop()
            self.scene().removeItem(box)
            self.drawn.emit()

    def clear_boxes(self) -> None:
        while self.boxes:
            self.undo()

    def regions(self) -> list[Region]:
        found = []
        for box, style in self.boxes:
            r = box.rect()
            x, y = round(r.left()), round(r.top())
            found.append(Region(x, y, round(r.right()) - x, round(r.bottom()) - y, style))
        return found


class RedactionWindow(QWidget):
    saved = Signal(object)  # the new working copy's ExhibitInfo

    def __init__(
        self, view: ViewData, vault: Vault, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.master, self.vault, self.runner = view.info, vault, runner
        self.setWindowTitle(f"Redact {self.master.reference} — Opal Desktop")
        intro = QLabel(
            f"Drag over each face or detail to hide. Scroll to move around, Ctrl+scroll to "
            f"zoom. Saving makes a new working copy; the original {self.master.reference} "
            "is never changed."
        )
        intro.setWordWrap(True)
        self.canvas = DrawingCanvas()
        self.blur_radio = QRadioButton("&Blur")
        self.fill_radio = QRadioButton("Fill &black")
        self.blur_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.blur_radio)
        group.addButton(self.fill_radio)
        self.blur_radio.toggled.connect(self._choose_style)
        self.undo_button = QPushButton("&Undo last  (Ctrl+Z)")
        self.clear_button = QPushButton("C&lear all")
        self.fit_button = QPushButton("&Fit")
        self.out_button = QPushButton("−")
        self.in_button = QPushButton("+")
        self.count_label = QLabel()
        self.count_label.setProperty("cssClass", "hint")
        tools = QHBoxLayout()
        tools.addWidget(QLabel("New rectangles:"))
        left: list[QWidget] = [self.blur_radio, self.fill_radio]
        middle: list[QWidget] = [self.undo_button, self.clear_button, self.count_label]
        for widget in left:
            tools.addWidget(widget)
        tools.addSpacing(16)
        for widget in middle:
            tools.addWidget(widget)
        tools.addStretch(1)
        for widget in (self.fit_button, self.out_button, self.in_button):
            tools.addWidget(widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = BusyIndicator(self)
        self.save_button = QPushButton("&Save working copy  (Ctrl+S)")
        self.save_button.setProperty("cssClass", "primary")
        self.close_button = QPushButton("Close  (Esc)")
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.busy)
        footer.addWidget(self.save_button)
        footer.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(tools)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(footer)
        for button in (self.undo_button, self.clear_button, self.fit_button, self.out_button,
                       self.in_button, self.save_button, self.close_button):  # fmt: skip
            button.setAutoDefault(False)
        self.busy.guard(self.save_button, self.undo_button, self.clear_button)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.clear_button.clicked.connect(self.canvas.clear_boxes)
        self.fit_button.clicked.connect(self.canvas.fit)
        self.out_button.clicked.connect(self.canvas.zoom_out)
        self.in_button.clicked.connect(self.canvas.zoom_in)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        self.canvas.drawn.connect(self._count)
        QShortcut(QKeySequence("Ctrl+Z"), self, self.canvas.undo)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence("Esc"), self, self.close)
        self._discard = False
        self.canvas.set_picture(view.picture, view.upright_width, view.upright_height)
        self._count()
        self.resize(1100, 760)

    def _choose_style(self) -> None:
        self.canvas.style_name = "blur" if self.blur_radio.isChecked() else "fill"

    def _count(self) -> None:
        count = len(self.canvas.boxes)
        self.count_label.setText(
            f"{count} rectangle{'s' if count != 1 else ''}" if count else "Nothing drawn yet"
        )
        self.save_button.setEnabled(count > 0 and not self.busy.running)
        self.undo_button.setEnabled(count > 0)

    def _say(self, text: str, css: str) -> None:
        show_message(self.message, text, css)

    def save(self) -> None:
        regions = self.canvas.regions()
        if not regions or self.busy.running:
            self._say("Draw at least one rectangle over what should be hidden.", "error")
            return
        vault, master_id = self.vault, self.master.id
        self.runner.run(
            lambda: _redact(vault, master_id, regions),
            self._saved,
            self._failed,
            busy=self.busy,
            busy_text="Saving the working copy…",
        )

    def _saved(self, copy: ExhibitInfo) -> None:
        if not shiboken6.isValid(self):
            return
        self.canvas.clear_boxes()
        self._say(
            f"Saved working copy {copy.reference}. The original {self.master.reference} is unchanged.",
            "ok",
        )
        self.saved.emit(copy)

    def _failed(self, error: UserError) -> None:
        if shiboken6.isValid(self):
            self._say(str(error), "error")
            self._count()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._discard or not self.canvas.boxes:
            super().closeEvent(event)
            return
        event.ignore()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Close without saving?",
            "The rectangles you drew are not saved. Close and lose them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Discard).clicked.connect(self._discard_and_close)
        box.open()

    def _discard_and_close(self) -> None:
        self._discard = True
        self.close()


def _redact(vault: Vault, master_id: int, regions: list[Region]) -> ExhibitInfo:
    from opal_desktop.evidence.redaction import redact

    return redact(vault, master_id, regions)
