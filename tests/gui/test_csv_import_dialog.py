"""The CSV import dialog, driven as a person would: choose, match, check, import."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from opal_desktop.errors import BadFile
from opal_desktop.gui.app import AppController
from opal_desktop.gui.session import Session, open_session
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.windows.csv_import_dialog import CsvImportDialog
from opal_desktop.gui.windows.csv_import_mapping import NOT_IN_FILE
from opal_desktop.incidents.csv_import import ImportPlan
from opal_desktop.incidents.csv_read import read_table

from .conftest import OFFICER, OFFICER_PASSWORD, WAIT_MS, open_main_window, run_on_worker

BOM = b"\xef\xbb\xbf"
HEADINGS = "Date,Time,Type,What happened,Value £,Crime Ref,Our notes"
GOOD_ROWS = (
    '14/11/2025,16:20,Theft from shop,"Swept the whisky shelf, left on foot","£1,320.00",13/418822/25,',
    '17/11/2025,11:05,Robbery,=HYPERLINK("http://evil.example";"click"),£120,,<b>loud</b>',
)
BAD_ROW = "31/02/2025,09:00,Theft from shop,Impossible date,£5,,"


def write_csv(folder: Path, name: str, *rows: str, bom: bool = True) -> Path:
    path = folder / name
    path.write_bytes((BOM if bom else b"") + "\r\n".join(rows).encode("utf-8"))
    return path


@pytest.fixture
def session(qtbot: QtBot, runner: TaskRunner, vault_folder: Path) -> Iterator[Session]:
    """An officer signed in, on the worker as the app does."""
    signed_in = run_on_worker(
        qtbot, runner, lambda: open_session(vault_folder, OFFICER, OFFICER_PASSWORD)
    )
    yield signed_in
    run_on_worker(qtbot, runner, lambda: signed_in.vault.close(audited=False))


@pytest.fixture
def make_dialog(qtbot: QtBot, runner: TaskRunner, session: Session) -> Iterator[type]:
    made: list[CsvImportDialog] = []

    def make() -> CsvImportDialog:
        made.append(CsvImportDialog(session.vault, runner))
        made[-1].show()
        return made[-1]

    yield make  # type: ignore[misc]
    for dialog in made:
        if shiboken6.isValid(dialog):
            dialog.close()
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)


@pytest.fixture
def dialog(make_dialog: type) -> CsvImportDialog:
    made = make_dialog()
    assert isinstance(made, CsvImportDialog)
    return made


def open_and_wait(qtbot: QtBot, dialog: CsvImportDialog, path: Path) -> None:
    dialog.open_path(path)  # what choosing the file in the file dialog does
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=WAIT_MS)


def check_and_wait(qtbot: QtBot, dialog: CsvImportDialog) -> None:
    assert dialog.ui.checkButton.isEnabled()
    QTest.mouseClick(dialog.ui.checkButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=WAIT_MS)


def plan_of(dialog: CsvImportDialog) -> ImportPlan | None:
    return dialog.plan  # read afresh (mypy would keep an earlier narrowing)


def stored(qtbot: QtBot, runner: TaskRunner, session: Session) -> list[str]:
    from opal_desktop.incidents.listing import list_incidents

    vault = session.vault
    return sorted(s.reference for s in run_on_worker(qtbot, runner, lambda: list_incidents(vault)))


def test_a_good_file_with_an_excel_bom_is_read_and_the_mapping_prefilled(
    qtbot: QtBot, qtmodeltester: ModelTester, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    assert dialog.ui.stack.currentWidget() is dialog.ui.choosePage
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS))
    ui = dialog.ui
    assert ui.stack.currentWidget() is ui.matchPage
    assert ui.fileLabel.text() == (
        "shop.csv: 2 rows of incidents · read as UTF-8 with BOM · columns separated by commas"
    )
    form = dialog.mapping_form
    assert form.combo("occurred_date").currentText() == "Date"
    assert form.combo("occurred_time").currentText() == "Time"
    assert form.combo("goods_value").currentText() == "Value £"
    assert form.combo("crime_reference").currentText() == "Crime Ref"
    assert form.combo("vehicle_vrm").currentText() == NOT_IN_FILE
    model = dialog.preview_model
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.headerData(0, Qt.Orientation.Horizontal) == (
        "Date\n→ Date it happened (may include the time)"
    )
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Our notes\n(not used)"
    assert model.headerData(1, Qt.Orientation.Vertical) == "Row 3"
    # Cells are text: a formula is shown as typed, markup is not markup.
    assert model.index(1, 3).data() == '=HYPERLINK("http://evil.example";"click")'
    assert model.index(1, 6).data() == "<b>loud</b>"
    assert "&lt;b&gt;loud&lt;/b&gt;" in model.index(1, 6).data(Qt.ItemDataRole.ToolTipRole)
    assert ui.checkButton.isEnabled()
    assert not ui.importButton.isEnabled()


def test_bad_rows_are_listed_with_their_numbers_and_nothing_is_added_before_confirming(
    qtbot: QtBot, runner: TaskRunner, session: Session, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS, BAD_ROW))
    check_and_wait(qtbot, dialog)
    ui = dialog.ui
    assert dialog.plan is not None
    assert ui.summaryLabel.text().startswith("2 of 3 rows can be imported")
    assert ui.summaryLabel.text().endswith(
        "1 row has problems and will be left out. Nothing has been imported yet."
    )
    problems = ui.problemsEdit.toPlainText()
    assert problems.startswith("Row 4: the date '31/02/2025' is not a date.")
    assert ui.problemsEdit.isVisible()
    assert ui.importButton.isEnabled()
    assert ui.importButton.text() == "&Import 2 incidents"
    assert "The 1 row with problems will be left out." in ui.nextStepLabel.text()
    QTest.mouseClick(ui.copyButton, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == problems
    assert stored(qtbot, runner, session) == []


def test_confirming_imports_the_good_rows_verbatim(
    qtbot: QtBot, runner: TaskRunner, session: Session, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    from opal_desktop.incidents import records

    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS, BAD_ROW))
    check_and_wait(qtbot, dialog)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as imported:
        QTest.mouseClick(dialog.ui.importButton, Qt.MouseButton.LeftButton)
    assert imported.args == [2]
    assert dialog.ui.stack.currentWidget() is dialog.ui.donePage
    assert dialog.ui.doneLabel.text() == (
        "Imported 2 incidents: LDS01-2025-00001 to LDS01-2025-00002. "
        "1 row with problems was left out."
    )
    assert stored(qtbot, runner, session) == ["LDS01-2025-00001", "LDS01-2025-00002"]
    vault = session.vault
    robbery = run_on_worker(qtbot, runner, lambda: records.get(vault, "LDS01-2025-00002"))
    assert robbery.narrative == '=HYPERLINK("http://evil.example";"click")'
    QTest.mouseClick(dialog.ui.closeButton, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_changing_a_column_asks_for_a_new_check_and_changes_the_plan(
    qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS))
    check_and_wait(qtbot, dialog)
    assert dialog.plan is not None
    assert dialog.plan.missing_crime_reference_count == 1
    combo = dialog.mapping_form.combo("crime_reference")
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)  # "— not in the file —"
    assert combo.currentText() == NOT_IN_FILE
    assert plan_of(dialog) is None
    assert not dialog.ui.importButton.isEnabled()
    assert dialog.ui.summaryLabel.text() == "Not checked yet: press Check rows."
    assert dialog.preview_model.headerData(5, Qt.Orientation.Horizontal) == (
        "Crime Ref\n(not used)"
    )
    check_and_wait(qtbot, dialog)
    assert dialog.plan is not None
    assert dialog.plan.missing_crime_reference_count == 2
    assert "crime_reference" not in dialog.plan.mapping


def test_without_the_date_column_rows_cannot_be_checked(
    qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", "When it was,Notes", "x,y"))
    combo = dialog.mapping_form.combo("occurred_date")
    assert combo.currentText() == NOT_IN_FILE
    assert not dialog.ui.checkButton.isEnabled()
    assert dialog.ui.nextStepLabel.text() == (
        "Choose the column that holds the date it happened (may include the time), "
        "then press Check rows."
    )
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "When it was"
    assert dialog.ui.checkButton.isEnabled()


def test_a_file_with_no_good_rows_cannot_be_imported(
    qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "bad.csv", HEADINGS, BAD_ROW, BAD_ROW))
    check_and_wait(qtbot, dialog)
    assert not dialog.ui.importButton.isEnabled()
    assert dialog.ui.nextStepLabel.text().startswith("None of the rows can be imported.")


def _hold_the_worker(qtbot: QtBot, runner: TaskRunner) -> threading.Event:
    """Keep the worker busy until the returned event is set (so Stop lands first)."""
    release, started = threading.Event(), threading.Event()

    def hold() -> None:
        started.set()
        release.wait(WAIT_MS / 1000)

    runner.run(hold)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    return release


def test_stopping_the_check_leaves_nothing(
    qtbot: QtBot, runner: TaskRunner, session: Session, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS))
    release = _hold_the_worker(qtbot, runner)
    QTest.mouseClick(dialog.ui.checkButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.progressStrip.isVisible()
    assert not dialog.ui.checkButton.isEnabled()
    QTest.mouseClick(dialog.ui.stopButton, Qt.MouseButton.LeftButton)
    assert dialog.ui.progressLabel.text() == "Stopping…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=WAIT_MS)
    assert dialog.plan is None
    assert dialog.ui.summaryLabel.text().startswith("Checking was stopped. Nothing has been")
    assert not dialog.ui.importButton.isEnabled()
    assert not dialog.ui.progressStrip.isVisible()
    assert stored(qtbot, runner, session) == []


def test_stopping_the_import_adds_nothing(
    qtbot: QtBot, runner: TaskRunner, session: Session, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS))
    check_and_wait(qtbot, dialog)
    release = _hold_the_worker(qtbot, runner)
    QTest.mouseClick(dialog.ui.importButton, Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.ui.stopButton, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=WAIT_MS)
    assert dialog.ui.nextStepLabel.text() == "The import was stopped. Nothing was added."
    assert dialog.ui.stack.currentWidget() is dialog.ui.matchPage
    assert dialog.ui.importButton.isEnabled()  # the checked rows can still be imported
    assert stored(qtbot, runner, session) == []


def test_closing_while_checking_stops_and_then_closes(
    qtbot: QtBot, runner: TaskRunner, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS))
    release = _hold_the_worker(qtbot, runner)
    QTest.mouseClick(dialog.ui.checkButton, Qt.MouseButton.LeftButton)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # not before the worker has stopped
    release.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=WAIT_MS)  # closed, deleted


@pytest.mark.parametrize(
    "junk",
    [bytes(range(256)) * 40, b"PK\x03\x04" + b"\x00" * 200, b""],
    ids=["binary", "xlsx", "empty"],
)
def test_a_file_that_is_not_csv_is_explained_on_the_first_step(
    qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path, junk: bytes
) -> None:
    with pytest.raises(BadFile) as expected:
        read_table(junk)
    path = tmp_path / "junk.csv"
    path.write_bytes(junk)
    open_and_wait(qtbot, dialog, path)
    assert dialog.ui.stack.currentWidget() is dialog.ui.choosePage
    assert dialog.ui.fileMessage.text() == str(expected.value)
    assert dialog.ui.fileMessage.isVisible()
    assert dialog.ui.chooseButton.isEnabled()


def test_a_missing_file_is_explained(qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path) -> None:
    open_and_wait(qtbot, dialog, tmp_path / "gone.csv")
    assert dialog.ui.stack.currentWidget() is dialog.ui.choosePage
    assert dialog.ui.fileMessage.text() == (
        "The file gone.csv cannot be read (no such file or directory). "
        "If it is open in Excel, close it there and choose it again."
    )


def test_the_mapping_is_remembered_the_next_time(
    qtbot: QtBot, make_dialog: type, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, "ours.csv", "Date,Force ref,Remarks", "14/11/2025,13/1/25,Loud")
    first = make_dialog()
    assert isinstance(first, CsvImportDialog)
    open_and_wait(qtbot, first, path)
    combo = first.mapping_form.combo("crime_reference")
    assert combo.currentText() == NOT_IN_FILE  # "Force ref" is not a heading it knows
    combo.setCurrentIndex(combo.findText("Force ref"))
    check_and_wait(qtbot, first)
    with qtbot.waitSignal(first.imported, timeout=WAIT_MS):
        QTest.mouseClick(first.ui.importButton, Qt.MouseButton.LeftButton)
    first.close()

    second = make_dialog()
    assert isinstance(second, CsvImportDialog)
    open_and_wait(qtbot, second, path)
    assert second.mapping_form.combo("crime_reference").currentText() == "Force ref"


def test_the_file_menu_opens_the_import_and_the_list_shows_what_came_in(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    window = open_main_window(qtbot, controller, OFFICER, OFFICER_PASSWORD)
    action = window.action_import_csv
    assert action.text() == "&Import incidents from a spreadsheet (CSV)…"
    menu = window.ui.menuFile.actions()
    assert menu.index(action) == menu.index(window.ui.actionNewIncident) + 1  # under New incident
    assert action.isVisible()
    action.trigger()
    dialog = window._open_windows["csv-import"]
    assert isinstance(dialog, CsvImportDialog)
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", HEADINGS, *GOOD_ROWS))
    check_and_wait(qtbot, dialog)
    QTest.mouseClick(dialog.ui.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.incident_list.ui.countLabel.text() == "2 incidents", timeout=WAIT_MS
    )
    QTest.mouseClick(dialog.ui.closeButton, Qt.MouseButton.LeftButton)
    assert "csv-import" not in window._open_windows
