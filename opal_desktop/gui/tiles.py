"""Pictures centred on a fixed-size grey tile, so rows and grids of stills line up.

QImage only, no QPixmap: the screens turn a tile into a pixmap or an icon.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

TILE_COLOUR = QColor("#e4e8ee")


def on_tile(image: QImage | None, size: QSize) -> QImage:
    """`image` scaled to fit `size`, centred on a grey tile (a plain tile for none)."""
    tile = QImage(size, QImage.Format.Format_RGB32)
    tile.fill(TILE_COLOUR)
    if image is not None and not image.isNull():
        scaled = image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        painter = QPainter(tile)
        x, y = (size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2
        painter.drawImage(x, y, scaled)
        painter.end()
    return tile
