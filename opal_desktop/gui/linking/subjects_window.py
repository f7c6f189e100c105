"""People of interest: every subject profile this user may see, with its best image.

Officers see the profiles linked to their own store's incidents (and those they made);
managers see every profile. Enter or a double-click opens a profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.linking.subject_work import SubjectRow, subject_rows
from opal_desktop.gui.linking.window import LinkingWindow
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.tiles import on_tile
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.gui.linking.subject_profile import SubjectProfileWindow
    from opal_desktop.vault.vault import Vault

THUMB = QSize(72, 54)
HEADERS = ("Best image", "Profile", "Incidents", "Review by")
REF_ROLE = Qt.ItemDataRole.UserRole


def picture_icon(image: QImage | None, size: QSize) -> QIcon:
    """A picture centred on a grey tile of `size` (a plain tile when there is none)."""
    return QIcon(QPixmap.fromImage(on_tile(image, size)))


class SubjectsWindow(LinkingWindow):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.runner = vault, runner
        self.rows: list[SubjectRow] = []
        self.profiles: dict[str, SubjectProfileWindow] = {}
        self.setWindowTitle("Subjects — Opal Desktop")
        title = QLabel("People of interest")
        title.setProperty("cssClass", "title")
        intro = QLabel(
            "Each profile is one person seen in one or more incidents. Open a profile to "
            "correct it, choose its best image, or merge two profiles of the same person."
        )
        intro.setProperty("cssClass", "hint")
        intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Find: reference, description or name")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._narrow)
        self.count_label = QLabel()
        self.count_label.setProperty("cssClass", "hint")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setAccessibleName("Subject profiles")
        self.table.setIconSize(THUMB)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB.height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, THUMB.width() + 40)
        header.resizeSection(2, 100)
        header.resizeSection(3, 120)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.empty_label = QLabel(
            "No profiles yet. Link a person from an incident (its Links section) to make one."
        )
        self.empty_label.setProperty("cssClass", "hint")
        self.empty_label.setWordWrap(True)
        self.open_button = QPushButton("&Open profile")
        self.open_button.setProperty("cssClass", "primary")
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy)
        bottom.addStretch(1)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(top)
        for widget in (self.table, self.empty_label, self.message):
            layout.addWidget(widget)
        layout.addLayout(bottom)
        show_message(self.message, "")
        self.empty_label.hide()
        self.resize(820, 620)
        self.refresh()

    def refresh(self) -> None:
        vault = self.vault
        self.runner.run(
            lambda: subject_rows(vault),
            self._show,
            self.show_error,
            busy=self.busy,
            busy_text="Loading profiles…",
        )

    def _show(self, rows: list[SubjectRow]) -> None:
        if not shiboken6.isValid(self):
            return
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            subject = row.subject
            picture = QTableWidgetItem(picture_icon(row.thumbnail, THUMB), "")
            picture.setData(REF_ROLE, subject.reference)
            label = QTableWidgetItem(subject.label)
            label.setToolTip(subject.details.description())
            count = QTableWidgetItem(str(subject.incident_count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            review = subject.review_date.strftime("%d/%m/%Y") if subject.review_date else ""
            for column, item in enumerate((picture, label, count, QTableWidgetItem(review))):
                self.table.setItem(number, column, item)
        self.empty_label.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self._narrow(self.filter_edit.text())
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _narrow(self, typed: str) -> None:
        words = typed.lower().split()
        shown = 0
        for number, row in enumerate(self.rows):
            text = f"{row.subject.label} {row.subject.details.description()}".lower()
            hidden = not all(w in text for w in words)
            self.table.setRowHidden(number, hidden)
            shown += not hidden
        noun = "profile" if shown == 1 else "profiles"
        self.count_label.setText(f"{shown} {noun}")

    def selected_reference(self) -> str:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows) or self.table.isRowHidden(row):
            return ""
        return self.rows[row].subject.reference

    def open_selected(self) -> None:
        if reference := self.selected_reference():
            self.open_profile(reference)

    def open_profile(self, reference: str) -> SubjectProfileWindow:
        from opal_desktop.gui.linking.subject_profile import SubjectProfileWindow

        window = self.profiles.get(reference)
        if window is None or not shiboken6.isValid(window):
            window = SubjectProfileWindow(self.vault, self.runner, reference, self)
            window.changed.connect(self.refresh)
            window.open_profile_requested.connect(self.open_profile)
            window.open_incident_requested.connect(self.open_incident_requested)
            self.profiles[reference] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window
