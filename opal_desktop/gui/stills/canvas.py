"""A picture you can fit, zoom, pan and turn, without ever changing the stored file.

Scene coordinates are the upright still's own pixels: the (possibly scaled-down) display
copy is stretched back to the real size, so 100% means one still pixel per screen pixel
and anything drawn on the scene is already in image coordinates, whatever the zoom.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

MIN_ZOOM = 0.05
MAX_ZOOM = 16.0
STEP = 1.25


class ImageCanvas(QGraphicsView):
    zoom_changed = Signal(float)  # screen pixels per still pixel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setBackgroundBrush(QColor("#2b2f36"))  # neutral dark: the picture stands out
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self._rotation = 0
        self._fitting = True
        self._zoom = 1.0

    # --- the picture ----------------------------------------------------------------

    def set_picture(self, picture: QImage, width: int, height: int) -> None:
        """Show `picture` (a display copy) as a still of `width` x `height` pixels."""
        self.item.setPixmap(QPixmap.fromImage(picture))
        self.item.setScale(width / max(1, picture.width()))
        self.scene().setSceneRect(QRectF(0, 0, width, height))
        self.fit()

    def clear_picture(self) -> None:
        self.item.setPixmap(QPixmap())

    def image_rect(self) -> QRectF:
        return self.scene().sceneRect()

    # --- zoom, fit, rotation --------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def rotation(self) -> int:
        return self._rotation

    @property
    def fitting(self) -> bool:
        return self._fitting

    def fit(self) -> None:
        self._fitting = True
        self.resetTransform()
        self.rotate(self._rotation)
        if not self.image_rect().isEmpty():
            self.fitInView(self.image_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._note_zoom()

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to `zoom`, keeping `anchor` (a scene point, default the centre) in place."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        viewport_centre = self.viewport().rect().center()
        if anchor is None:
            anchor = self.mapToScene(viewport_centre)
        on_screen = self.mapFromScene(anchor)
        self._fitting = False
        self.resetTransform()
        self.rotate(self._rotation)
        self.scale(zoom, zoom)
        # Put the anchor back under the same screen point.
        shift = self.mapToScene(viewport_centre) - self.mapToScene(on_screen)
        self.centerOn(anchor + shift)
        self._note_zoom()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def rotate_view(self, degrees: int) -> None:
        """Turn the view only: the stored still is never touched."""
        self._rotation = (self._rotation + degrees) % 360
        if self._fitting:
            self.fit()
        else:
            self.set_zoom(self._zoom)

    def reset_rotation(self) -> None:
        self._rotation = 0

    def _note_zoom(self) -> None:
        t = self.transform()
        self._zoom = math.hypot(t.m11(), t.m12())
        self.zoom_changed.emit(self._zoom)

    # --- events ---------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms at the mouse; the wheel alone scrolls (pans)."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = STEP if event.angleDelta().y() > 0 else 1 / STEP
            self.set_zoom(self._zoom * factor, self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitting:
            self.fit()
