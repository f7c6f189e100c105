"""Per exhibit: send the original (master), a redacted copy, or leave it out; thumbnails shown.

One row per master exhibit: the picture that will be sent, what it is, and a choice. The
picture follows the choice, so the person sees exactly which image goes to Opal.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.gui.packages.work import ExhibitOption
from opal_desktop.gui.tiles import on_tile

THUMB = QSize(112, 84)
LEFT_OUT = "Left out of the package"


def picture(data: bytes | None) -> QPixmap:
    """The thumbnail (a stored JPEG) centred on a fixed-size grey tile (blank when left out).
    Decoded here on the GUI thread: decoding the first JPEG of a process on the worker can
    deadlock in Qt's plugin loader (QFactoryLoader moves the plugin to the GUI thread)."""
    return QPixmap.fromImage(on_tile(QImage.fromData(data) if data else None, THUMB))


class ExhibitRow:
    """The widgets of one master exhibit's row."""

    def __init__(self, option: ExhibitOption) -> None:
        self.option = option
        master = option.master
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB)
        what = [f"<b>{master.reference}</b> · incident {master.incident_reference}"]
        if master.camera:
            what.append(f"Camera: {master.camera}")
        if master.caption:
            what.append(master.caption)
        self.label = QLabel("<br>".join(what))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.choice = QComboBox()
        self.choice.setAccessibleName(f"What to send for exhibit {master.reference}")
        self.choice.addItem("The original (master)", "master")
        for copy in option.copies:
            self.choice.addItem(
                f"Redacted copy {copy.reference}", f"redacted:{option.uuids[copy.id]}"
            )
        self.choice.addItem("Leave it out", "exclude")
        self.choice.currentIndexChanged.connect(self._show_chosen)
        self.note = QLabel()
        self.note.setProperty("cssClass", "hint")
        self.note.setWordWrap(True)
        self.set_choice(option.default_choice())

    def set_choice(self, choice: str) -> None:
        index = self.choice.findData(choice)
        self.choice.setCurrentIndex(max(index, 0))
        self._show_chosen()

    def value(self) -> str:
        return str(self.choice.currentData())

    def _show_chosen(self) -> None:
        chosen = self.option.chosen(self.value())
        data = None if chosen is None else self.option.thumbnails.get(chosen.id)
        self.thumb.setPixmap(picture(data))
        if chosen is None:
            self.note.setText(LEFT_OUT)
        elif chosen.is_master:
            self.note.setText(
                "The original as imported, bit for bit."
                + (" Bystanders are not hidden." if self.option.copies else "")
            )
        else:
            self.note.setText(f"A separate copy of {self.option.master.reference}, redacted.")


class ExhibitChoices(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.rows: list[ExhibitRow] = []
        self.show_options(())

    def show_options(
        self, options: tuple[ExhibitOption, ...], saved: dict[str, str] | None = None
    ) -> None:
        saved = saved or {}
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 6, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        self.rows = [ExhibitRow(option) for option in options]
        for number, row in enumerate(self.rows):
            if row.option.master_uuid in saved:
                row.set_choice(saved[row.option.master_uuid])
            text = QVBoxLayout()
            text.setSpacing(4)
            text.addWidget(row.label)
            text.addWidget(row.choice)
            text.addWidget(row.note)
            text.addStretch(1)
            grid.addWidget(row.thumb, number, 0, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(text, number, 1)
        if not self.rows:
            empty = QLabel("No CCTV stills in these incidents: the package will have none.")
            empty.setProperty("cssClass", "hint")
            empty.setWordWrap(True)
            grid.addWidget(empty, 0, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(max(len(self.rows), 1), 1)
        self.setWidget(holder)

    def choices(self) -> dict[str, str]:
        """{master uuid: choice} for every exhibit: what was chosen stays chosen, even if a
        redacted copy is made later."""
        return {row.option.master_uuid: row.value() for row in self.rows}

    def counts(self) -> tuple[int, int]:
        """(sent, left out)."""
        left_out = sum(1 for row in self.rows if row.value() == "exclude")
        return len(self.rows) - left_out, left_out
