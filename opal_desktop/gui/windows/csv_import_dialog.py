"""Import incidents from a spreadsheet saved as CSV: choose, match and check, then import.

1. Choose the file: it is read on the worker; a file that cannot be used is explained in
   the core's sentence and the dialog stays on this step.
2. Match and check: the first rows, one drop-down per field (pre-filled from the headings
   and the last import), whether dates are day first (the UK way, the default) or month
   first, and "Check rows", which checks every row on the worker with progress and Stop.
   Rows with problems are listed (and can be copied); a date column whose dates read either
   way round (03/04/2026) is named once, with how it was read. Nothing is added.
3. "Import N incidents" adds the good rows in one transaction (all or none), then says
   which references they got. Changing a drop-down after checking asks for a new check,
   so what is imported is always what was last shown.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from opal_desktop.errors import UserError
from opal_desktop.gui.forms.csv_import_dialog_ui import Ui_CsvImportDialog
from opal_desktop.gui.models.csv_preview_model import CsvPreviewModel
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.widgets.messages import show_message
from opal_desktop.gui.windows.csv_import_mapping import MappingForm
from opal_desktop.gui.windows.csv_import_work import (
    OpenedFile,
    ProgressJob,
    check_rows,
    import_rows,
    open_file,
)

if TYPE_CHECKING:
    from opal_desktop.incidents.bulk import BulkResult
    from opal_desktop.incidents.csv_import import ImportPlan
    from opal_desktop.vault.vault import Vault

FILE_FILTER = "CSV files (*.csv *.txt);;All files (*)"
SHOWN_PROBLEMS = 1000  # the list shows this many; "Copy" copies them all
PREVIEW_COLUMN_MAX = 190
STEPS = ("Choose the file", "Match the columns and check the rows", "Import")
PLURAL_DELIMITERS = {"comma": "commas", "semicolon": "semicolons", "tab": "tabs"}


def incidents(count: int) -> str:
    return f"{count:,} incident" if count == 1 else f"{count:,} incidents"


def rows_with_problems(count: int) -> str:
    return "1 row with problems" if count == 1 else f"{count:,} rows with problems"


class CsvImportDialog(QDialog):
    imported = Signal(int)  # how many incidents were added

    def __init__(self, vault: Vault, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CsvImportDialog()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(980, 640)
        self.vault = vault
        self.job = ProgressJob(runner, self)
        self.opened: OpenedFile | None = None
        self.plan: ImportPlan | None = None
        self.outcome: BulkResult | None = None
        self._close_when_done = False
        self._doing = ""  # "Checking the rows: 5,000 of 100,000" starts with this

        self.mapping_form = MappingForm()
        self.ui.mappingScroll.setWidget(self.mapping_form)
        self.ui.mappingScroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ui = self.ui
        chain = [ui.otherFileButton, ui.previewView, ui.dateOrderCombo]
        chain += [*self.mapping_form.combos(), ui.checkButton]
        chain += [ui.importButton, ui.problemsEdit, ui.copyButton, ui.stopButton, ui.closeButton]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.preview_model = CsvPreviewModel()
        view = self.ui.previewView
        view.setModel(self.preview_model)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.ui.chooseButton.clicked.connect(self.choose_file)
        self.ui.otherFileButton.clicked.connect(self.choose_file)
        self.ui.checkButton.clicked.connect(self.check)
        self.ui.importButton.clicked.connect(self.import_good_rows)
        self.ui.copyButton.clicked.connect(self.copy_problems)
        self.ui.stopButton.clicked.connect(self.stop)
        self.ui.closeButton.clicked.connect(self.close)
        self.mapping_form.changed.connect(self._mapping_changed)
        self.ui.dateOrderCombo.currentIndexChanged.connect(lambda _index: self._mapping_changed())
        self.job.progressed.connect(self._show_progress)
        # the list of problems takes the room when shown; else the sentences stay at the top
        check = self.ui.checkLayout
        check.addStretch(1)
        check.setStretch(check.indexOf(self.ui.problemsEdit), 100)
        show_message(self.ui.fileMessage, "")
        self.ui.progressStrip.setVisible(False)
        self._show_page(0)

    # --- step 1: the file -----------------------------------------------------------

    def choose_file(self) -> None:
        name = file_dialogs.open_file_name(self, "Choose the CSV file", "", FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Read `path` on the worker (the handler for a chosen file)."""
        if self.job.running:
            return
        vault = self.vault
        show_message(self.ui.fileMessage, "")
        self._begin(f"Reading {path.name}…", "Reading")
        self.job.start(lambda _progress: open_file(vault, path), self._opened, self._open_failed)

    def _opened(self, opened: OpenedFile) -> None:
        if self._finish_job():
            return
        if self.job.stopped:
            show_message(self.ui.fileMessage, "Reading the file was stopped. Choose a file again.")
            return
        self.opened, self.plan = opened, None
        shown = opened.preview
        self.preview_model.set_preview(
            shown.headers, shown.rows, opened.table.row_numbers[: len(shown.rows)]
        )
        self.mapping_form.set_columns(shown.headers, opened.suggested)
        self._fit_preview_columns()
        separated = PLURAL_DELIMITERS.get(shown.delimiter_name, shown.delimiter_name)
        self.ui.fileLabel.setText(
            f"{opened.name}: {shown.total_rows:,} rows of incidents · "
            f"read as {shown.encoding} · columns separated by {separated}"
        )
        self._show_page(1)
        self.ui.checkButton.setFocus()

    def _open_failed(self, error: UserError) -> None:
        if self._finish_job():
            return
        self.opened, self.plan = None, None
        show_message(self.ui.fileMessage, str(error))
        self._show_page(0)
        self.ui.chooseButton.setFocus()

    def _fit_preview_columns(self) -> None:
        view = self.ui.previewView
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        for column in range(self.preview_model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), PREVIEW_COLUMN_MAX))

    # --- step 2: match and check ----------------------------------------------------

    def _mapping_changed(self) -> None:
        self.preview_model.set_feeds(self.mapping_form.feeds())
        self.plan = None
        self._show_plan()

    def check(self) -> None:
        opened = self.opened
        if opened is None or self.job.running or self.mapping_form.missing_required():
            return
        vault, table, mapping = self.vault, opened.table, self.mapping_form.mapping()
        month_first = self.month_first
        self._begin("Checking the rows…", "Checking the rows")
        self.job.start(
            lambda progress: check_rows(vault, table, mapping, progress, month_first),
            self._checked,
            self._check_failed,
        )

    @property
    def month_first(self) -> bool:
        return self.ui.dateOrderCombo.currentIndex() == 1

    def _checked(self, plan: ImportPlan) -> None:
        if self._finish_job():
            return
        self.plan = plan
        self._show_plan()
        (self.ui.problemsEdit if plan.bad else self.ui.checkButton).setFocus()

    def _check_failed(self, error: UserError) -> None:
        from opal_desktop.incidents.bulk import Cancelled

        if self._finish_job():
            return
        self.plan = None
        self._show_plan()
        if isinstance(error, Cancelled):
            self.ui.summaryLabel.setText(
                "Checking was stopped. Nothing has been imported; press Check rows to start again."
            )
        else:
            self.ui.summaryLabel.setText(str(error))

    def _show_plan(self) -> None:
        plan, ui = self.plan, self.ui
        if plan is None:
            ui.summaryLabel.setText("Not checked yet: press Check rows.")
            ui.datesLabel.clear()
            ui.datesLabel.setVisible(False)
            ui.problemsEdit.clear()
            ui.problemsEdit.setVisible(False)
            ui.copyButton.setVisible(False)
        else:
            blank = f" Blank rows skipped: {plan.blank_rows:,}." if plan.blank_rows else ""
            ui.summaryLabel.setText(f"{plan.summary()}{blank} Nothing has been imported yet.")
            other = "Day first" if plan.month_first else "Month first"
            switch = f"choose “{other}” under Dates in the file and check the rows again"
            dates = [note.sentence(switch) for note in plan.ambiguous_dates]
            ui.datesLabel.setText("\n\n".join(dates))
            ui.datesLabel.setVisible(bool(dates))
            lines = [row.sentence for row in plan.bad[:SHOWN_PROBLEMS]]
            if len(plan.bad) > SHOWN_PROBLEMS:
                lines.append(
                    f"… and {len(plan.bad) - SHOWN_PROBLEMS:,} more: copy the list to see them all."
                )
            ui.problemsEdit.setPlainText("\n".join(lines))
            ui.problemsEdit.setVisible(bool(plan.bad))
            ui.copyButton.setVisible(bool(plan.bad))
        self._update_buttons()

    def copy_problems(self) -> None:
        if self.plan is not None:
            text = "\n".join(row.sentence for row in self.plan.bad)
            QGuiApplication.clipboard().setText(text)
            self.ui.nextStepLabel.setText(
                "The list of problems is copied: paste it into an email or a document."
            )

    # --- step 3: import -------------------------------------------------------------

    def import_good_rows(self) -> None:
        plan, opened = self.plan, self.opened
        if plan is None or opened is None or not plan.good or self.job.running:
            return
        vault, name = self.vault, opened.name
        self._begin(f"Importing {incidents(len(plan.good))}…", "Importing incidents")
        self.job.start(
            lambda progress: import_rows(vault, plan, name, progress),
            self._imported,
            self._import_failed,
        )

    def _imported(self, result: BulkResult) -> None:
        self._close_when_done = False  # it happened: say so rather than vanish
        self._finish_job()
        self.outcome = result
        span = (
            f"{result.first_reference}."
            if result.count == 1
            else f"{result.first_reference} to {result.last_reference}."
        )
        bad = self.plan.bad if self.plan is not None else []
        left_out = (
            f" {rows_with_problems(len(bad)).capitalize()} {'was' if len(bad) == 1 else 'were'} left out."
            if bad
            else ""
        )
        self.ui.doneLabel.setText(f"Imported {incidents(result.count)}: {span}{left_out}")
        self._show_page(2)
        self.ui.closeButton.setFocus()
        self.imported.emit(result.count)

    def _import_failed(self, error: UserError) -> None:
        from opal_desktop.incidents.bulk import Cancelled

        if self._finish_job():
            return
        if isinstance(error, Cancelled):
            self.ui.nextStepLabel.setText("The import was stopped. Nothing was added.")
        else:
            self.ui.nextStepLabel.setText(str(error))

    # --- work in progress -----------------------------------------------------------

    def _begin(self, text: str, doing: str) -> None:
        ui = self.ui
        self._doing = doing
        ui.progressLabel.setText(text)
        ui.progressBar.setRange(0, 0)
        ui.stopButton.setEnabled(True)
        ui.nextStepLabel.setText("")
        ui.progressStrip.setVisible(True)
        for widget in (ui.stack, ui.checkButton, ui.importButton):
            widget.setEnabled(False)

    def _show_progress(self, done: int, total: int) -> None:
        bar = self.ui.progressBar
        if total > 0 and not self.job.stopping:
            bar.setRange(0, total)
            bar.setValue(done)
            self.ui.progressLabel.setText(f"{self._doing}: {done:,} of {total:,}")

    def stop(self) -> None:
        if self.job.running:
            self.job.stop()
            self.ui.stopButton.setEnabled(False)
            self.ui.progressLabel.setText("Stopping…")

    def _finish_job(self) -> bool:
        """Tidy up after a job; True if the answer is to be dropped (the window is closing)."""
        self.ui.progressStrip.setVisible(False)
        self.ui.stack.setEnabled(True)
        self._update_buttons()
        if self._close_when_done:
            super().reject()
            return True
        return False

    def reject(self) -> None:
        """Close, Esc or the title bar: while work runs, stop it first, then close."""
        if self.job.running:
            self._close_when_done = True
            self.stop()
            return
        super().reject()

    # --- pages and buttons ----------------------------------------------------------

    def _show_page(self, page: int) -> None:
        self.ui.stack.setCurrentIndex(page)
        on_match = page == 1
        self.ui.checkButton.setVisible(on_match)
        self.ui.importButton.setVisible(on_match)
        self.ui.closeButton.setProperty("cssClass", "primary" if page == 2 else "")
        self.ui.closeButton.style().polish(self.ui.closeButton)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ui, plan = self.ui, self.plan
        page = ui.stack.currentIndex()
        step = 3 if page == 2 or (page == 1 and plan is not None and plan.good) else page + 1
        ui.stepsLabel.setText(_steps_html(step))
        missing = self.mapping_form.missing_required()
        good = len(plan.good) if plan is not None else 0
        ready = good > 0
        busy = self.job.running
        ui.checkButton.setEnabled(not busy and not missing)
        ui.importButton.setEnabled(not busy and ready)
        ui.importButton.setText(f"&Import {incidents(good)}" if ready else "Import")
        for button, primary in ((ui.checkButton, not ready), (ui.importButton, ready)):
            button.setProperty("cssClass", "primary" if primary else "")
            button.style().polish(button)
        if page != 1:
            ui.nextStepLabel.setText("")
        elif missing:
            ui.nextStepLabel.setText(
                f"Choose the column that holds the {missing[0].lower()}, then press Check rows."
            )
        elif plan is None:
            ui.nextStepLabel.setText(
                "Press Check rows to see which rows can be imported. Nothing is imported yet."
            )
        elif not plan.good:
            ui.nextStepLabel.setText(
                "None of the rows can be imported. Fix the rows listed in your spreadsheet, "
                "save it, and choose it again."
            )
        else:
            left_out = (
                f" The {rows_with_problems(len(plan.bad))} will be left out." if plan.bad else ""
            )
            ui.nextStepLabel.setText(
                f"Press Import {incidents(len(plan.good))} to add them to the vault.{left_out}"
            )


def _steps_html(current: int) -> str:
    parts = []
    for number, name in enumerate(STEPS, start=1):
        if number == current:
            parts.append(f"<span style='color:#12284a; font-weight:600'>{number}. {name}</span>")
        else:
            parts.append(f"<span style='color:#7a828c'>{number}. {name}</span>")
    return " &nbsp;›&nbsp; ".join(parts)
