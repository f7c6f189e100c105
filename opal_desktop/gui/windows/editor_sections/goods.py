"""Goods: lines of description, SKU, quantity and unit value; totals worked out as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidgetItem, QWidget

from opal_desktop.domain.incident import GoodsLine, Incident, Problem
from opal_desktop.domain.money import format_pence, parse_pence
from opal_desktop.errors import InvalidInput
from opal_desktop.gui.windows.editor_sections.base import Section, line_edit, read
from opal_desktop.gui.windows.editor_sections.tables import (
    add_blank_row,
    cell_text,
    row_buttons,
    rows_table,
    set_row,
)

HEADERS = ("Description", "Barcode or SKU", "Qty", "Unit £", "Line total")
DESCRIPTION, SKU, QTY, UNIT, TOTAL = range(5)


def parse_quantity(text: str) -> int:
    cleaned = text.strip()
    if not cleaned.isdigit():
        raise InvalidInput(f"The quantity '{cleaned}' is not a whole number. Type it like 2.")
    return int(cleaned)


class GoodsSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Goods", parent)
        self.table = rows_table(HEADERS, "Goods", 150)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SKU, 150), (QTY, 60), (UNIT, 90), (TOTAL, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        buttons, self.add_button, self.remove_button = row_buttons("&Add goods line", "Remove line")
        self.recovered_edit = line_edit("£0.00", 160)
        self.damage_edit = line_edit("£0.00", 160)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("goodsTotals")
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        self.totals_label.setWordWrap(True)
        self.add_row("&Goods taken", self.table, "goods", self.table.itemChanged)
        self.form.addRow("", buttons)
        self.add_row(
            "&Recovered value",
            self.recovered_edit,
            "recovered_pence",
            self.recovered_edit.textEdited,
        )
        self.add_row("&Damage value", self.damage_edit, "damage_pence", self.damage_edit.textEdited)
        self.add_row("Totals", self.totals_label)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.changed.connect(self.update_totals)

    def add_line(self) -> None:
        self.loading(lambda: add_blank_row(self.table))
        self.loading(lambda: self._fill_row(self.table.rowCount() - 1, GoodsLine("", 1, 0)))
        self._edited("goods")

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._edited("goods")

    def _fill_row(self, row: int, line: GoodsLine) -> None:
        values = (
            line.description,
            line.sku,
            str(line.quantity),
            f"{line.unit_pence / 100:.2f}" if line.unit_pence else "",
        )
        set_row(self.table, row, values)
        total = QTableWidgetItem(format_pence(line.total_pence))
        total.setFlags(total.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, TOTAL, total)
        for column in (QTY, UNIT, TOTAL):
            item = self.table.item(row, column)
            assert item is not None
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def load(self, incident: Incident) -> None:
        def fill() -> None:
            self.table.setRowCount(len(incident.goods))
            for row, line in enumerate(incident.goods):
                self._fill_row(row, line)
            for edit, pence in (
                (self.recovered_edit, incident.recovered_pence),
                (self.damage_edit, incident.damage_pence),
            ):
                edit.setText(format_pence(pence) if pence else "")

        self.loading(fill)
        self.update_totals()

    def _lines(self, found: list[Problem]) -> list[GoodsLine]:
        lines: list[GoodsLine] = []
        for row in range(self.table.rowCount()):

            def cell(column: int, row: int = row) -> str:
                return cell_text(self.table, row, column)

            if not any(cell(c) for c in (DESCRIPTION, SKU, UNIT)):
                continue  # an empty line just added: not a line yet
            field = f"goods.{len(lines) + 1}"
            quantity = read(parse_quantity, cell(QTY), field, 1, found)
            unit = read(lambda t: parse_pence(t, "unit value"), cell(UNIT), field, 0, found)
            lines.append(GoodsLine(cell(DESCRIPTION), quantity, unit, cell(SKU)))
        return lines

    def apply(self, incident: Incident) -> list[Problem]:
        found: list[Problem] = []
        incident.goods = self._lines(found)
        incident.recovered_pence = read(
            lambda t: parse_pence(t, "recovered value"),
            self.recovered_edit.text(),
            "recovered_pence",
            0,
            found,
        )
        incident.damage_pence = read(
            lambda t: parse_pence(t, "damage value"),
            self.damage_edit.text(),
            "damage_pence",
            0,
            found,
        )
        return found

    def update_totals(self) -> None:
        scratch = Incident(store_code="")
        self.apply(scratch)
        self._loading = True
        try:  # line totals follow the quantities and unit values
            lines = iter(scratch.goods)
            for row in range(self.table.rowCount()):
                item = self.table.item(row, TOTAL)
                description = self.table.item(row, DESCRIPTION)
                if item is None or description is None:
                    continue
                has_content = any(cell_text(self.table, row, c) for c in (DESCRIPTION, SKU, UNIT))
                line = next(lines) if has_content else None
                item.setText(format_pence(line.total_pence) if line else "")
        finally:
            self._loading = False
        self.totals_label.setText(
            f"Stolen <b>{format_pence(scratch.stolen_pence)}</b> · "
            f"recovered <b>{format_pence(scratch.recovered_pence)}</b> · "
            f"damage <b>{format_pence(scratch.damage_pence)}</b> · "
            f"loss to the store <b>{format_pence(scratch.loss_pence)}</b>"
        )
