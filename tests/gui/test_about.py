"""Help > About names the version and the licence of every bundled component."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from opal_desktop import __version__
from opal_desktop.gui.windows.about_dialog import AboutDialog


def test_about_lists_version_and_licences(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    table = dialog.table

    def cell(row: int, column: int) -> str:
        item = table.item(row, column)
        assert item is not None
        return item.text()

    rows = {cell(r, 0): (cell(r, 1), cell(r, 3)) for r in range(table.rowCount())}
    assert rows["PySide6-Essentials"][1] == "LGPL-3.0-only"
    assert rows["sqlcipher3"][0] != "bundled" and "BSD" in rows["sqlcipher3"][1]
    assert all(licence for _version, licence in rows.values())
    from PySide6.QtWidgets import QLabel

    title = dialog.findChild(QLabel, "aboutTitle")
    assert title is not None and __version__ in title.text()
