"""Small editable tables (goods, offenders, vehicles): Tab leaves them, arrows move inside."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex


def rows_table(headers: tuple[str, ...], name: str, min_height: int = 130) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setTabKeyNavigation(False)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.verticalHeader().setVisible(False)
    table.setMinimumHeight(min_height)
    table.setAccessibleName(name)
    return table


def row_buttons(add_text: str, remove_text: str) -> tuple[QWidget, QPushButton, QPushButton]:
    add, remove = QPushButton(add_text), QPushButton(remove_text)
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for button in (add, remove):
        button.setAutoDefault(False)
        layout.addWidget(button)
    layout.addStretch(1)
    return box, add, remove


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def set_row(table: QTableWidget, row: int, values: tuple[str, ...]) -> None:
    for column, value in enumerate(values):
        table.setItem(row, column, QTableWidgetItem(value))


def add_blank_row(table: QTableWidget) -> None:
    row = table.rowCount()
    table.insertRow(row)
    set_row(table, row, ("",) * table.columnCount())
    table.setCurrentCell(row, 0)
    table.setFocus()


class ChoiceDelegate(QStyledItemDelegate):
    """A column edited by picking from a list (shown as its label, stored as its id)."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for value, text in self._choices:
            combo.addItem(text, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        current = str(index.data() or "")
        labels = [text for _value, text in self._choices]
        editor.setCurrentIndex(labels.index(current) if current in labels else 0)

    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        index.model().setData(index, editor.currentText())

    def value_of(self, label: str) -> str:
        return next((value for value, text in self._choices if text == label), "")

    def label_of(self, value: str) -> str:
        return next((text for v, text in self._choices if v == value), "")
