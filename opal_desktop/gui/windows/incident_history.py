"""An incident's history from the audit trail: when, who, what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opal_desktop.errors import UserError
from opal_desktop.gui.formatting import local_time
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.audit_view import AuditRow
    from opal_desktop.vault.vault import Vault

HEADERS = ("When", "Who", "What", "Changes")


class HistoryWindow(QWidget):
    def __init__(
        self, reference: str, vault: Vault, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"History of {reference} — Opal Desktop")
        self.title = QLabel(f"History of {reference}")
        self.title.setProperty("cssClass", "title")
        self.hint = QLabel("Every change, oldest first, as recorded in the audit trail.")
        self.hint.setProperty("cssClass", "hint")
        self.message = QLabel()
        self.message.setProperty("cssClass", "error")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((150, 110, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.hint, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        show_message(self.message, "")
        self.resize(860, 420)
        runner.run(lambda: _history(vault, reference), self.show_rows, self._failed)

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            values = (
                local_time(row.at),
                row.actor,
                row.action.removeprefix("incident_").replace("_", " ").capitalize(),
                row.summary,
            )
            for column, value in enumerate(values):
                self.table.setItem(number, column, QTableWidgetItem(value))
        self.table.setFocus()

    def _failed(self, error: UserError) -> None:
        show_message(self.message, str(error))


def _history(vault: Vault, reference: str) -> list[AuditRow]:
    from opal_desktop.incidents.history import incident_history

    return incident_history(vault, reference)
