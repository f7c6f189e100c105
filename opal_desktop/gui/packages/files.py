"""Small widgets the package dialogs share: a file or folder to choose, and files with SHA-256."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from opal_desktop.gui.widgets import file_dialogs


class FileField(QWidget):
    """A path typed or chosen with "Choose…"; `folder=True` chooses a folder."""

    changed = Signal()

    def __init__(self, caption: str, name_filter: str = "", *, folder: bool = False,
                 placeholder: str = "", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.caption, self.name_filter, self.folder = caption, name_filter, folder
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(caption)
        self.edit.textChanged.connect(self.changed)
        self.button = QPushButton("Choose…")
        self.button.setAutoDefault(False)
        self.button.setAccessibleName(f"{caption}: choose")
        self.button.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def choose(self) -> None:
        start = self.edit.text().strip()
        if self.folder:
            name = file_dialogs.existing_directory(self, self.caption, start)
        else:
            name = file_dialogs.open_file_name(self, self.caption, start, self.name_filter)
        if name:
            self.set_path(Path(name))

    def set_path(self, path: Path | None) -> None:
        self.edit.setText("" if path is None else str(path))

    def path(self) -> Path | None:
        text = self.edit.text().strip().strip('"')
        return Path(text).expanduser() if text else None


class HashTable(QTableWidget):
    """File name and SHA-256, selectable and copyable, in a fixed-width font for the hash."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(("File", "SHA-256"))
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setAccessibleName("Files and their SHA-256")
        self.setTabKeyNavigation(False)

    def show_files(self, files: list[tuple[str, str]]) -> None:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setRowCount(len(files))
        for row, (name, digest) in enumerate(files):
            self.setItem(row, 0, QTableWidgetItem(name))
            cell = QTableWidgetItem(digest)
            cell.setFont(mono)
            cell.setToolTip(digest)
            self.setItem(row, 1, cell)
        self.setFixedHeight(
            self.horizontalHeader().height()
            + max(len(files), 1) * self.verticalHeader().defaultSectionSize()
            + 4
        )

    def as_text(self) -> str:
        """As sha256sum writes it, so the recipient can compare with `sha256sum -c`."""
        lines = []
        for row in range(self.rowCount()):
            name, digest = self.item(row, 0), self.item(row, 1)
            if name is not None and digest is not None:
                lines.append(f"{digest.text()}  {name.text()}\n")
        return "".join(lines)


class Facts(QWidget):
    """'Name: value' rows, values selectable and wrapping; `set(values)` fills them in."""

    def __init__(self, names: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.labels: dict[str, QLabel] = {}
        for name in names:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.labels[name] = value
            form.addRow(f"{name}:", value)

    def set(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            self.labels[name].setText(value)


def show_in_folder(folder: Path) -> bool:
    """Open the folder in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
