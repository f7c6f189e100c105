"""A list of exhibit thumbnails: one row in the strip, a wrapping grid in the grid window.

Accepts dropped files and folders (announced by `files_dropped`); Enter or a double-click
opens a still (`open_requested`), Delete asks to delete it (`delete_requested`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeyEvent,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from opal_desktop.evidence.models import ExhibitInfo
from opal_desktop.gui.tiles import on_tile

ID_ROLE = Qt.ItemDataRole.UserRole


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def label_for(info: ExhibitInfo, detailed: bool = False) -> str:
    """'JS/1', or with details 'JS/1 · Cam 4' and the caption's start on a second line."""
    first = info.reference
    if detailed and info.camera:
        first += f" · {info.camera}"
    if not info.is_master:
        return f"{first}\nredacted copy"
    return f"{first}\n{info.caption}" if detailed and info.caption else first


def tooltip_for(info: ExhibitInfo) -> str:
    lines = [info.reference, info.original_filename]
    if not info.is_master:
        lines.append(f"Redacted working copy of {info.master_reference}")
    if info.camera:
        lines.append(f"Camera: {info.camera}")
    if info.caption:
        lines.append(info.caption)
    return "\n".join(lines)


class ThumbnailList(QListWidget):
    files_dropped = Signal(list)  # list[Path]
    open_requested = Signal(int)  # exhibit id
    delete_requested = Signal(int)

    def __init__(self, icon_size: QSize, wrapping: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detailed = wrapping  # the grid has room for camera and caption
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(wrapping)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(icon_size)
        self.setGridSize(QSize(icon_size.width() + 24, icon_size.height() + 52))
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        if not wrapping:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self._activated)

    # --- content --------------------------------------------------------------------

    def show_exhibits(self, exhibits: list[ExhibitInfo], thumbnails: dict[int, QImage]) -> None:
        selected = self.selected_id()
        self.clear()
        for info in exhibits:
            item = QListWidgetItem(
                self._icon(thumbnails.get(info.id)), label_for(info, self.detailed)
            )
            item.setData(ID_ROLE, info.id)
            item.setToolTip(tooltip_for(info))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.addItem(item)
            if info.id == selected:
                self.setCurrentItem(item)

    def _icon(self, image: QImage | None) -> QIcon:
        """The thumbnail centred on a fixed-size canvas, so every cell lines up."""
        canvas = QPixmap.fromImage(on_tile(image, self.iconSize()))
        icon = QIcon(canvas)
        icon.addPixmap(canvas, QIcon.Mode.Selected)  # no blue tint over the evidence
        return icon

    def ids(self) -> list[int]:
        return [int(self.item(row).data(ID_ROLE)) for row in range(self.count())]

    def selected_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def select_id(self, exhibit_id: int) -> None:
        for row in range(self.count()):
            if int(self.item(row).data(ID_ROLE)) == exhibit_id:
                self.setCurrentRow(row)
                self.scrollToItem(self.item(row))
                return

    # --- keyboard and mouse ---------------------------------------------------------

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(int(item.data(ID_ROLE)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        exhibit_id = self.selected_id()
        if event.key() == Qt.Key.Key_Delete and exhibit_id is not None:
            self.delete_requested.emit(exhibit_id)
            return
        super().keyPressEvent(event)

    # --- dropping files -------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)
