"""The CSV import dialog says how dates that read either way round were read, and lets the
person choose month first for a US-style file."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from opal_desktop.gui.windows.csv_import_dialog import CsvImportDialog

from .test_csv_import_dialog import (
    check_and_wait,
    dialog,
    make_dialog,
    open_and_wait,
    session,
    write_csv,
)

__all__ = ["dialog", "make_dialog", "session"]  # fixtures shared with the dialog's own tests

ROWS = (
    "Date,Time,Type,What happened,Reported to police",
    "03/04/2026,16:20,Theft from shop,Whisky taken,05/04/2026",
    "13/04/2026,11:05,Theft from shop,Razors taken,14/04/2026",
    "02/01/2026,09:00,Theft from shop,Meat taken,",
)


def _shoot(dialog: CsvImportDialog, name: str) -> None:
    """Screenshots for a person to look at, when asked for (OPAL_SHOTS=folder)."""
    folder = os.environ.get("OPAL_SHOTS")
    if folder:
        for width, height in ((1366, 768), (1024, 700)):
            dialog.resize(width, height)
            QTest.qWait(50)
            dialog.grab().save(str(Path(folder) / f"{name}-{width}x{height}.png"))


def test_either_way_dates_are_named_once_per_column_and_month_first_can_be_chosen(
    qtbot: QtBot, dialog: CsvImportDialog, tmp_path: Path
) -> None:
    ui = dialog.ui
    open_and_wait(qtbot, dialog, write_csv(tmp_path, "shop.csv", *ROWS))
    assert ui.dateOrderCombo.currentText().startswith("Day first: 03/04/2026 is 3 April 2026")
    assert not ui.datesLabel.isVisible()
    check_and_wait(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    lines = ui.datesLabel.text().split("\n\n")
    assert ui.datesLabel.isVisible() and len(lines) == 2  # one per date column
    assert lines[0] == (
        "Column 'Date': 2 rows have dates like 03/04/2026 that could be read either way "
        "round; they are read day first, as in the UK (3 April 2026). If this file puts the "
        "month first, choose “Month first” under Dates in the file and check the rows again."
    )
    assert lines[1].startswith("Column 'Reported to police': 1 row has a date like 05/04/2026")
    _shoot(dialog, "csv-dates-day-first")

    ui.dateOrderCombo.setCurrentIndex(1)  # a US-style file: what was checked no longer holds
    assert dialog.plan is None and not ui.datesLabel.isVisible()
    assert not ui.importButton.isEnabled()
    check_and_wait(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert "they are read month first, US style (4 March 2026)" in ui.datesLabel.text()
    assert "choose “Day first”" in ui.datesLabel.text()
    assert ui.problemsEdit.toPlainText().startswith(
        "Row 3: the date '13/04/2026' is not a month/day/year date"
    )
    _shoot(dialog, "csv-dates-month-first")
    QTest.mouseClick(ui.importButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=10_000)
    assert ui.doneLabel.text().startswith("Imported 2 incidents")
