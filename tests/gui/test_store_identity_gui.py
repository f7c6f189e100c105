"""Two retailers' LDS01 in one regional vault, as a regional manager sees it: the import
report names the shared reference and how to tell the two apart, and the incident list
gains a Retailer column once more than one organisation's stores are in the vault.

Set OPAL_SHOTS=/some/folder to keep screenshots of both at 1366x768 and 1024x700.
"""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot
from store_identity_support import LDS, NG, store_vault

from opal_desktop.gui.models.incident_model import Column
from opal_desktop.gui.packages.import_dialog import ImportDialog
from opal_desktop.packages import trust
from opal_desktop.packages.importer import import_package
from opal_desktop.vault.vault import Vault

from .conftest import MANAGER, MANAGER_PASSWORD, ControllerFactory, open_main_window
from .test_packages_verify_import import EXPORT_MS, regional_folder

SHOTS = os.environ.get("OPAL_SHOTS", "")


def _shot(widget: object, name: str) -> None:
    if not SHOTS:
        return
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    for width, height in ((1366, 768), (1024, 700)):
        widget.resize(width, height)
        widget.grab().save(str(Path(SHOTS) / f"{name}-{width}x{height}.png"))


def test_a_second_lds01_is_reported_and_the_list_names_each_retailer(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path
) -> None:
    from import_support import certificate_pem

    ng = store_vault(tmp_path / "ng", NG, "NG", "LDS01", "Leeds Kirkstall", 1)
    lds = store_vault(tmp_path / "lds", LDS, "LDS", "LDS01", "Leeds Briggate", 1)
    folder = regional_folder(tmp_path / "regional")
    vault = Vault.open(folder, MANAGER, MANAGER_PASSWORD)
    try:
        for sender in (ng, lds):
            trust.add(vault, certificate_pem(sender.material), "read out by phone")
        import_package(vault, ng.zip)
    finally:
        vault.close()
    main = open_main_window(qtbot, make_controller(folder), MANAGER, MANAGER_PASSWORD)
    dialog = main.open_package_import()
    assert isinstance(dialog, ImportDialog)
    dialog.file.set_path(lds.zip)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=EXPORT_MS)
    with qtbot.waitSignal(dialog.imported, timeout=EXPORT_MS):
        dialog.import_button.click()
    said = " ".join(dialog.sentences.text().split())
    assert ("LDS01-2026-00001 of Leeds Discount Stores, Leeds Briggate (LDS01), has the same reference "
            "as an incident of Northern Grocers Ltd, Leeds Kirkstall (LDS01), already here") in said  # fmt: skip
    assert "LDS/LDS01-2026-00001 and NG/LDS01-2026-00001" in said
    _shot(dialog, "import-conflict")
    dialog.close()

    model = main.incident_list.model
    qtbot.waitUntil(
        lambda: model.rowCount() == 2 and Column.RETAILER in model.columns, timeout=EXPORT_MS
    )
    column = model.column_of(Column.RETAILER)
    qtbot.waitUntil(lambda: model.data(model.index(1, column)) not in (None, ""), timeout=EXPORT_MS)
    shown = {(model.data(model.index(r, 0)), model.data(model.index(r, column))) for r in range(2)}
    assert shown == {("LDS01-2026-00001", NG), ("LDS01-2026-00001", LDS)}
    combo = main.incident_list.ui.storeCombo
    assert {combo.itemData(i) for i in range(combo.count())} >= {"NG/LDS01", "LDS/LDS01"}
    _shot(main, "incident-list-retailers")
