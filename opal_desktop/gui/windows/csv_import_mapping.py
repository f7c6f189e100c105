"""'Say which column holds what': one drop-down of the file's columns per importable field.

Fields come from the core's list (`csv_mapping.FIELDS`), under their group headings, with
the required ones marked. The wheel scrolls the list, not a drop-down the pointer happens
to pass over: a value changes only when the person picks it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSizePolicy, QWidget

from opal_desktop.incidents.csv_mapping import FIELDS, FIELDS_BY_KEY, REQUIRED_FIELDS

NOT_IN_FILE = "— not in the file —"


class _ColumnCombo(QComboBox):
    """A drop-down that ignores the wheel unless it has the focus (so scrolling is safe)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area behind scrolls instead


class MappingForm(QWidget):
    changed = Signal()  # a field now reads from another column (or none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._combos: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        row, group = 0, ""
        for field in FIELDS:
            if field.group != group:
                group = field.group
                heading = QLabel(group)
                font = heading.font()
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.1)
                heading.setFont(font)
                heading.setContentsMargins(0, 10 if row else 0, 0, 2)
                grid.addWidget(heading, row, 0, 1, 2)
                row += 1
            required = field.key in REQUIRED_FIELDS
            label = QLabel(f"{field.label}: required" if required else field.label)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            if required:
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            combo = _ColumnCombo(self)
            combo.setAccessibleName(field.label)
            combo.currentIndexChanged.connect(self.changed)
            label.setBuddy(combo)
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            self._combos[field.key] = combo
            self._labels[field.key] = label
            row += 1
        grid.setRowStretch(row, 1)

    def combo(self, field_key: str) -> QComboBox:
        return self._combos[field_key]

    def combos(self) -> list[QComboBox]:
        return list(self._combos.values())

    def set_columns(self, headers: Sequence[str], mapping: Mapping[str, str]) -> None:
        """Offer these columns in every drop-down and select `mapping`'s choices."""
        for field_key, combo in self._combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, "")
            for header in headers:
                combo.addItem(header, header)
            found = combo.findData(mapping.get(field_key, ""))
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.changed.emit()

    def mapping(self) -> dict[str, str]:
        """{field: column} for every field that has a column."""
        chosen = {k: str(c.currentData() or "") for k, c in self._combos.items()}
        return {k: column for k, column in chosen.items() if column}

    def feeds(self) -> dict[str, str]:
        """{column: the labels of the fields it feeds}, for the preview's headings."""
        out: dict[str, str] = {}
        for field_key, column in self.mapping().items():
            label = FIELDS_BY_KEY[field_key].label
            out[column] = f"{out[column]}; {label}" if column in out else label
        return out

    def missing_required(self) -> list[str]:
        """Labels of the required fields that have no column yet."""
        chosen = self.mapping()
        return [FIELDS_BY_KEY[k].label for k in REQUIRED_FIELDS if k not in chosen]
