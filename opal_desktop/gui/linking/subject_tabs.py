"""The profile's tabs other than its details: best image, and merges with Undo."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.linking.link_tables import RecordTable, when
from opal_desktop.gui.linking.subject_work import Merge, ProfileData
from opal_desktop.gui.stills.thumbs import ThumbnailList
from opal_desktop.linking.models import Subject

PREVIEW = QSize(320, 240)


class BestImageTab(QWidget):
    chosen = Signal(object)  # an exhibit id, or None to remove the best image

    def __init__(self) -> None:
        super().__init__()
        self.preview = QLabel("No best image chosen yet.")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW)
        self.preview.setStyleSheet("background: #e4e8ee; border: 1px solid #b7bdc5;")
        self.preview.setWordWrap(True)
        self.current_label = QLabel()
        self.current_label.setProperty("cssClass", "hint")
        self.current_label.setWordWrap(True)
        hint = QLabel(
            "Stills from the incidents this person is linked to. Choose the one that shows "
            "them best; it is shown beside the profile everywhere."
        )
        hint.setProperty("cssClass", "hint")
        hint.setWordWrap(True)
        self.stills = ThumbnailList(QSize(160, 120), wrapping=True)
        self.stills.setDragDropMode(ThumbnailList.DragDropMode.NoDragDrop)
        self.stills.setAcceptDrops(False)
        self.stills.open_requested.connect(lambda exhibit_id: self.chosen.emit(exhibit_id))
        self.none_label = QLabel("No stills yet: the linked incidents have no CCTV stills.")
        self.none_label.setProperty("cssClass", "hint")
        self.use_button = QPushButton("&Use as best image")
        self.use_button.setProperty("cssClass", "primary")
        self.use_button.clicked.connect(self._use)
        self.remove_button = QPushButton("Remove best image")
        self.remove_button.clicked.connect(lambda: self.chosen.emit(None))
        left = QVBoxLayout()
        left.addWidget(self.preview)
        left.addWidget(self.current_label)
        left.addWidget(self.remove_button)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(hint)
        right.addWidget(self.stills, 1)
        right.addWidget(self.none_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        right.addLayout(buttons)
        row = QHBoxLayout(self)
        row.addLayout(left)
        row.addSpacing(12)
        row.addLayout(right, 1)

    def show_profile(self, data: ProfileData) -> None:
        self.stills.show_exhibits(data.stills, data.thumbnails)
        self.none_label.setVisible(not data.stills)
        self.use_button.setEnabled(bool(data.stills))
        best = data.subject.best_exhibit_id
        image = data.thumbnails.get(best) if best is not None else None
        self.remove_button.setEnabled(best is not None)
        if image is None or image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText("No best image chosen yet.")
            self.current_label.setText("")
            return
        self.preview.setPixmap(QPixmap.fromImage(_fit(image)))
        info = next((e for e in data.stills if e.id == best), None)
        self.current_label.setText(
            f"{info.reference} from {info.incident_reference}" if info else ""
        )
        if best is not None:
            self.stills.select_id(best)

    def _use(self) -> None:
        exhibit_id = self.stills.selected_id()
        if exhibit_id is not None:
            self.chosen.emit(exhibit_id)


def _fit(image: QImage) -> QImage:
    return image.scaled(
        PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


class MergesTab(QWidget):
    merge_requested = Signal(str)  # the other profile's reference
    undo_requested = Signal(int)  # a merge id

    def __init__(self) -> None:
        super().__init__()
        intro = QLabel(
            "If another profile is the same person, merge it into this one: its links move "
            "here and it is marked as merged. Every merge can be undone."
        )
        intro.setWordWrap(True)
        self.other_combo = QComboBox()
        self.other_combo.setMinimumWidth(360)
        self.merge_button = QPushButton("&Merge into this profile…")
        self.merge_button.clicked.connect(self._merge)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Other profile:"))
        choose.addWidget(self.other_combo, 1)
        choose.addWidget(self.merge_button)
        self.table = RecordTable(
            ("Kept", "Merged into it", "Why", "By", "When", "Undone"),
            "Merges of this profile",
            stretch=2,
        )
        self.undo_button = QPushButton("U&ndo merge…")
        self.undo_button.clicked.connect(self._undo)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(choose)
        layout.addWidget(QLabel("<b>Merges of this profile</b>"))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.merges: list[Merge] = []

    def show_merges(self, merges: list[Merge], others: list[Subject], merged: bool) -> None:
        self.merges = merges
        self.other_combo.clear()
        for other in others:
            self.other_combo.addItem(other.label, other.reference)
        self.merge_button.setEnabled(bool(others) and not merged)
        self.table.fill(
            [
                (
                    str(m.id),
                    (m.kept, m.merged, m.reason, m.by, when(m.at), "Yes" if m.undone else ""),
                )
                for m in merges
            ]
        )
        self._selection_changed()

    def _selection_changed(self) -> None:
        key = self.table.selected_key()
        merge = next((m for m in self.merges if str(m.id) == key), None)
        self.undo_button.setEnabled(merge is not None and not merge.undone)

    def _merge(self) -> None:
        if reference := self.other_combo.currentData():
            self.merge_requested.emit(str(reference))

    def _undo(self) -> None:
        if key := self.table.selected_key():
            self.undo_requested.emit(int(key))
