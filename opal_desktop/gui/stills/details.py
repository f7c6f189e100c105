"""The viewer's side panel: what the exhibit is, its hash, its editable details, its custody."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import InvalidInput
from opal_desktop.evidence.models import CustodyEvent, ExhibitInfo
from opal_desktop.gui.formatting import local_time
from opal_desktop.gui.stills.offset import OFFSET_HINT, describe_offset, format_offset, parse_offset
from opal_desktop.gui.style import use_monospace
from opal_desktop.gui.widgets.messages import set_style

SOURCES = {
    "file": "from a file",
    "folder": "from a folder",
    "drop": "dragged in",
    "clipboard": "pasted from the clipboard",
    "redaction": "made by redaction",
}
ACTIONS = {
    "imported": "Imported",
    "details_changed": "Details changed",
    "redacted": "Redacted copy made",
    "created": "Working copy created",
    "deleted": "Deleted",
    "exported": "Exported",
}


def size_text(size: int) -> str:
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB ({size:,} bytes)"
    return f"{size / 1024:.0f} KB ({size:,} bytes)"


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DetailsPanel(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setProperty("cssClass", "title")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = QLabel()
        self.kind.setWordWrap(True)
        self.kind.setProperty("cssClass", "hint")

        facts = QGroupBox("The file")
        form = QFormLayout(facts)
        self.file_name, self.size_label, self.pixels = (
            _value_label(),
            _value_label(),
            _value_label(),
        )
        self.imported, self.exif, self.regions = _value_label(), _value_label(), _value_label()
        # The whole hash, selectable, wrapped anywhere (a copy of a selection has no breaks).
        self.sha_edit = QPlainTextEdit()
        self.sha_edit.setReadOnly(True)
        self.sha_edit.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.sha_edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sha_edit.setTabChangesFocus(True)
        use_monospace(self.sha_edit, 10)
        self.sha_edit.setFixedHeight(self.sha_edit.fontMetrics().lineSpacing() * 2 + 16)
        self.copy_button = QPushButton("Cop&y")
        self.copy_button.setToolTip("Copy the SHA-256 to the clipboard")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_hash)
        sha_row = QHBoxLayout()
        sha_row.addWidget(self.sha_edit, 1)
        sha_row.addWidget(self.copy_button)
        form.addRow("File name", self.file_name)
        form.addRow("Size", self.size_label)
        form.addRow("Picture", self.pixels)
        form.addRow("SHA-256", sha_row)
        form.addRow("Imported", self.imported)
        form.addRow("EXIF time", self.exif)
        form.addRow("Hidden areas", self.regions)

        editable = QGroupBox("Details")
        edit_form = QFormLayout(editable)
        self.camera_edit = QLineEdit()
        self.camera_edit.setPlaceholderText("e.g. Cam 4 – front door")
        self.time_edit = QLineEdit()
        self.time_edit.setPlaceholderText("As on the picture, e.g. 21/11/2026 18:04:12")
        self.offset_edit = QLineEdit()
        self.offset_edit.setPlaceholderText("e.g. -1:05")
        self.offset_edit.setToolTip(OFFSET_HINT)
        self.offset_explained = QLabel()
        self.offset_explained.setWordWrap(True)
        self.offset_explained.setProperty("cssClass", "hint")
        self.caption_edit = QPlainTextEdit()
        self.caption_edit.setTabChangesFocus(True)
        self.caption_edit.setPlaceholderText(
            "What the still shows, e.g. offender 1 leaving with the basket"
        )
        self.caption_edit.setFixedHeight(84)
        for row, (label, widget) in enumerate(
            (
                ("Ca&mera", self.camera_edit),
                ("CCTV &time shown", self.time_edit),
                ("Clock o&ffset", self.offset_edit),
                ("", self.offset_explained),
                ("Capt&ion", self.caption_edit),
            )
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            edit_form.insertRow(row, caption, widget)
        self.save_button = QPushButton("&Save details  (Ctrl+S)")
        self.save_button.setAutoDefault(False)
        self.save_state = QLabel()
        self.save_state.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_state, 1)
        save_row.addWidget(self.save_button)
        edit_form.addRow(save_row)

        custody = QGroupBox("Chain of custody")
        custody_layout = QVBoxLayout(custody)
        self.custody_list = QListWidget()
        self.custody_list.setWordWrap(True)
        self.custody_list.setAlternatingRowColors(True)
        self.custody_list.setMinimumHeight(120)
        custody_layout.addWidget(self.custody_list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.kind)
        layout.addWidget(facts)
        layout.addWidget(editable)
        layout.addWidget(custody, 1)
        self._info: ExhibitInfo | None = None
        for edit in (self.camera_edit, self.time_edit, self.offset_edit):
            edit.textEdited.connect(self._changed)
        self.caption_edit.textChanged.connect(self._changed)
        self._loading = False

    # --- showing an exhibit ---------------------------------------------------------

    def show_exhibit(self, info: ExhibitInfo, custody: list[CustodyEvent]) -> None:
        self._info = info
        self.title.setText(info.reference)
        self.kind.setText(
            "Master: the file as imported, kept bit for bit."
            if info.is_master
            else f"Redacted working copy of {info.master_reference}. The master is unchanged."
        )
        self.file_name.setText(info.original_filename)
        self.size_label.setText(size_text(info.size_bytes))
        turned = "" if info.orientation == 1 else " (stored turned; shown upright)"
        frames = f", {info.frames} frames: the first is shown" if info.frames > 1 else ""
        self.pixels.setText(f"{info.width} × {info.height} pixels, {info.format}{turned}{frames}")
        self.sha_edit.setPlainText(info.sha256)
        self.imported.setText(
            f"{local_time(info.imported_at)} by {info.imported_by}, "
            f"{SOURCES.get(info.source, info.source)}"
        )
        self.exif.setText(
            f"{info.exif_datetime}, as claimed by the file (not checked)"
            if info.exif_datetime
            else "None in the file"
        )
        self.regions.setText(
            "; ".join(f"{r.style} {r.width}×{r.height} at ({r.x}, {r.y})" for r in info.regions)
            or "None"
        )
        self._loading = True
        self.camera_edit.setText(info.camera)
        self.time_edit.setText(info.cctv_time_shown)
        self.offset_edit.setText(format_offset(info.clock_offset_seconds))
        self.caption_edit.setPlainText(info.caption)
        self._loading = False
        self._explain_offset()
        self.show_custody(custody)
        self.set_state("")

    def show_custody(self, events: list[CustodyEvent]) -> None:
        self.custody_list.clear()
        for event in events:
            action = ACTIONS.get(event.action, event.action.replace("_", " ").capitalize())
            item = QListWidgetItem(
                f"{local_time(event.at)} · {event.actor} · {action}\n{event.details}"
            )
            item.setToolTip(f"SHA-256 at the time: {event.exhibit_sha256}")
            self.custody_list.addItem(item)

    # --- editing --------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self._explain_offset()
        self.set_state("Not saved yet")
        self.edited.emit()

    def _explain_offset(self) -> None:
        try:
            explained = describe_offset(parse_offset(self.offset_edit.text()))
            set_style(self.offset_explained, cssClass="hint")
        except InvalidInput as error:
            explained = str(error)
            set_style(self.offset_explained, cssClass="error")
        self.offset_explained.setText(explained)

    def typed(self) -> tuple[str, str, int | None, str]:
        """Camera, CCTV time, offset in seconds, caption. Raises InvalidInput for the offset."""
        return (
            self.camera_edit.text().strip(),
            self.time_edit.text().strip(),
            parse_offset(self.offset_edit.text()),
            self.caption_edit.toPlainText().strip(),
        )

    def dirty(self) -> bool:
        info = self._info
        if info is None:
            return False
        try:
            typed = self.typed()
        except InvalidInput:
            return True
        return typed != (
            info.camera,
            info.cctv_time_shown,
            info.clock_offset_seconds,
            info.caption,
        )

    def set_state(self, text: str, error: bool = False) -> None:
        self.save_state.setText(text)
        set_style(self.save_state, cssClass="error" if error else "hint")

    def copy_hash(self) -> None:
        QGuiApplication.clipboard().setText(self.sha_edit.toPlainText())
        self.set_state("SHA-256 copied.")
