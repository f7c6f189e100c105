"""Managers and administrators read the audit trail, filter it and check it is intact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.forms.audit_window_ui import Ui_AuditWindow
from opal_desktop.gui.models.audit_model import AuditTableModel
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets.messages import show_message

if TYPE_CHECKING:
    from opal_desktop.vault.audit_view import AuditFilter, AuditRow, TrailCheck
    from opal_desktop.vault.vault import Vault

ANY_ACTION = "Any action"
COLUMN_WIDTHS = (60, 170, 110, 180, 190)


class AuditWindow(QWidget):
    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ui = Ui_AuditWindow()
        self.ui.setupUi(self)
        self.vault = vault
        self.runner = runner
        self.model = AuditTableModel(
            runner,
            lambda flt: _count(vault, flt),
            lambda flt, offset, limit: _page(vault, flt, offset, limit),
        )
        self.ui.auditTable.setModel(self.model)
        header = self.ui.auditTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        self.ui.auditTable.verticalHeader().setDefaultSectionSize(28)
        today = QDate.currentDate()
        for date_edit in (self.ui.sinceDate, self.ui.untilDate):
            date_edit.setDate(today)
            date_edit.setEnabled(False)
        self.ui.sinceCheck.toggled.connect(self.ui.sinceDate.setEnabled)
        self.ui.untilCheck.toggled.connect(self.ui.untilDate.setEnabled)
        self.ui.actionCombo.addItem(ANY_ACTION, "")
        self.ui.applyButton.clicked.connect(self.apply_filter)
        self.ui.actorEdit.returnPressed.connect(self.apply_filter)
        self.ui.recordEdit.returnPressed.connect(self.apply_filter)
        self.ui.clearButton.clicked.connect(self.clear_filter)
        self.ui.verifyButton.clicked.connect(self.verify)
        self.model.count_changed.connect(self._counted)
        show_message(self.ui.verifyLabel, "")
        self.runner.run(lambda: _actions(vault), self._fill_actions, self._show_error)
        self.apply_filter()

    def current_filter(self) -> AuditFilter:
        from opal_desktop.vault.audit_view import AuditFilter

        def iso(enabled: bool, date: QDate) -> str:
            return date.toString("yyyy-MM-dd") if enabled else ""

        return AuditFilter(
            actor=self.ui.actorEdit.text().strip(),
            action=str(self.ui.actionCombo.currentData() or ""),
            record=self.ui.recordEdit.text().strip(),
            since=iso(self.ui.sinceCheck.isChecked(), self.ui.sinceDate.date()),
            until=iso(self.ui.untilCheck.isChecked(), self.ui.untilDate.date()),
        )

    def apply_filter(self) -> None:
        self.ui.busy.start("Counting entries…")
        self.model.set_filter(self.current_filter())

    def clear_filter(self) -> None:
        self.ui.actorEdit.clear()
        self.ui.recordEdit.clear()
        self.ui.actionCombo.setCurrentIndex(0)
        self.ui.sinceCheck.setChecked(False)
        self.ui.untilCheck.setChecked(False)
        self.apply_filter()

    def _counted(self, count: int) -> None:
        self.ui.busy.stop()
        noun = "entry" if count == 1 else "entries"
        self.ui.countLabel.setText(f"{count:,} {noun}, newest first")

    def _fill_actions(self, actions: list[str]) -> None:
        for action in actions:
            self.ui.actionCombo.addItem(action.replace("_", " "), action)

    def verify(self) -> None:
        vault = self.vault
        show_message(self.ui.verifyLabel, "")
        self.runner.run(
            lambda: _verify(vault),
            self._verified,
            self._show_error,
            busy=self.ui.busy,
            busy_text="Checking every entry…",
        )

    def _verified(self, report: TrailCheck) -> None:
        # The headline, then what else was checked: pages, checkpoints, earlier warnings.
        show_message(self.ui.verifyLabel, "\n".join(report.lines()),
                     "ok" if report.intact else "error")  # fmt: skip

    def _show_error(self, error: UserError) -> None:
        self.ui.verifyLabel.setProperty("cssClass", "error")
        show_message(self.ui.verifyLabel, str(error))


# --- worker side ---------------------------------------------------------------------


def _count(vault: Vault, flt: AuditFilter) -> int:
    from opal_desktop.vault.audit_view import count_entries

    return count_entries(vault, flt)


def _page(vault: Vault, flt: AuditFilter, offset: int, limit: int) -> list[AuditRow]:
    from opal_desktop.vault.audit_view import list_entries

    return list_entries(vault, flt, offset=offset, limit=limit)


def _actions(vault: Vault) -> list[str]:
    from opal_desktop.vault.audit_view import distinct_actions

    return distinct_actions(vault)


def _verify(vault: Vault) -> TrailCheck:
    from opal_desktop.vault.audit_view import verify_trail

    return verify_trail(vault)
