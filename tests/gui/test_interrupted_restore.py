"""Starting the app on a folder whose restore was interrupted: the person chooses which
vault to keep, and gets to sign in to it; never the setup wizard over their records."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from kill_support import MAX_STEPS, run_killed_at
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from opal_desktop.gui.windows.sign_in import SignInWindow
from opal_desktop.vault import restore_journal
from opal_desktop.vault.backup import create_backup, restore_backup
from opal_desktop.vault.vault import Vault, VaultSetup

from .conftest import ADMIN, ADMIN_PASSWORD, ControllerFactory

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
OTHER_ADMIN, OTHER_PASSWORD = "other.admin", "lantern pebble mosaic"


def _interrupted_restore(vault_folder: Path, tmp_path: Path, signing_material: object) -> str:
    """Restore another vault's backup over `vault_folder`, killed once its journal exists."""
    other, _code = Vault.create(tmp_path / "other", VaultSetup(
        organisation="Northgate Retail Ltd", store_name="York Coppergate", store_code="YRK01",
        address="1 Coppergate, York", postcode="YO1 9WD", force_id="north-yorkshire",
        admin_username=OTHER_ADMIN, admin_display_name="Omar Other", admin_password=OTHER_PASSWORD,
        identity=signing_material))  # type: ignore[arg-type]  # fmt: skip
    try:
        backup = create_backup(other, tmp_path / "york.opalbackup")
    finally:
        other.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(vault_folder, pristine)
    for step in range(8, MAX_STEPS):
        finished = run_killed_at(
            step, lambda: restore_backup(backup.path, vault_folder, replace=True)
        )
        assert not finished, "the restore finished before its journal was seen"
        journal = restore_journal.pending(vault_folder)
        if journal is not None and journal.swapped:
            return backup.vault_id
        shutil.rmtree(vault_folder)
        shutil.copytree(pristine, vault_folder)
    raise AssertionError("never caught the restore part-way")


@pytest.mark.parametrize("choice", ["finish", "undo"])
def test_the_app_offers_to_finish_or_undo(
    qtbot: QtBot, make_controller: ControllerFactory, vault_folder: Path, tmp_path: Path,
    signing_material: object, choice: str,
) -> None:  # fmt: skip
    here_id = _vault_id(vault_folder, ADMIN, ADMIN_PASSWORD)
    other_id = _interrupted_restore(vault_folder, tmp_path, signing_material)
    assert not (vault_folder / "vault.db").exists() or not (vault_folder / "vault.keys").exists()

    controller = make_controller(vault_folder)
    box = controller.start()
    assert isinstance(box, QMessageBox) and box.objectName() == "interruptedRestoreBox"
    assert "was interrupted" in box.text() and "Nothing is lost" in box.text()
    box.resize(640, box.sizeHint().height())
    box.grab().save(str(tmp_path / "interrupted-restore.png"))

    button = box.findChild(QPushButton, f"{choice}RestoreButton")
    assert button is not None
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(controller.window, SignInWindow), timeout=5000)
    assert restore_journal.pending(vault_folder) is None
    if choice == "finish":
        assert _vault_id(vault_folder, OTHER_ADMIN, OTHER_PASSWORD) == other_id
    else:
        assert _vault_id(vault_folder, ADMIN, ADMIN_PASSWORD) == here_id


def _vault_id(folder: Path, user: str, password: str) -> str:
    vault = Vault.open(folder, user, password)
    try:
        return vault.vault_id
    finally:
        vault.close()
