"""The CSV import dialog's screenshot for build/screenshots.py (csv-import.png).

`python build/screenshots.py` calls `shoot_csv_import()` with its throwaway, signed-in vault
and temporary folder. The spreadsheet is fictional and is written only in that folder; the
dialog checks its rows (one has an impossible date) but imports nothing, so the screens
taken after it are unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.windows.csv_import_dialog import CsvImportDialog

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

from screenshots import save, settle, wait_until  # build/ is on the path when run

HEADINGS = "Date,Time,Type,Location,Description,Items,Loss £,Crime Ref,Vehicle Reg,Staff notes"
ROWS = (
    '03/11/2026,09:40,Theft from shop,Aisle 4 spirits,"Two males filled a foil-lined bag with '
    'whisky and left on foot",Jameson 70cl x6,"£132.00",13/411870/26,,',
    "04/11/2026,13:15,Theft from shop,Health and beauty,Female concealed razor blades in a "
    "pushchair,Gillette Fusion x8,£96.00,TBC,,",
    '05/11/2026,17:05,Violence or threats,Main entrance,"Male threatened the door officer, ran '
    'to a grey Audi",Energy drinks,£18.50,13/412554/26,AB12 CDE,=HYPERLINK("http://x")',
    "31/02/2026,11:20,Theft from shop,Tills 1 to 3,Customer left without paying for meat,"
    "Steaks x4,£36.00,,,",
    "07/11/2026,19:30,Abuse,Tills 1 to 3,Customer shouted abuse at the cashier,,,,,",
    "08/11/2026,10:10,Theft from shop,Aisle 7 coffee,Male swept coffee jars into a rucksack,"
    'Nescafe Gold x10,"£65.00",13/413902/26,,',
)


def shoot_csv_import(vault: Vault, runner: TaskRunner, out: Path, folder: Path) -> None:
    sample = folder / "Northgate incidents November.csv"
    sample.write_bytes(b"\xef\xbb\xbf" + "\r\n".join((HEADINGS, *ROWS)).encode("utf-8"))
    dialog = CsvImportDialog(vault, runner)
    dialog.resize(1120, 760)
    dialog.show()
    dialog.open_path(sample)
    wait_until(lambda: dialog.ui.stack.currentWidget() is dialog.ui.matchPage)
    dialog.ui.checkButton.click()
    wait_until(lambda: dialog.plan is not None)
    settle(0.5)
    save(dialog, out, "csv-import", (1120, 760))
    dialog.close()
