"""Verify a package (good: VALID and the signer; a flipped byte: INVALID with its sentence),
import a store's ZIP into another vault, and who sees which Packages menu entries."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from opal_desktop.domain.roles import Role
from opal_desktop.gui.app import AppController
from opal_desktop.gui.packages.import_dialog import ImportDialog
from opal_desktop.gui.packages.verify_dialog import INVALID, VALID, VALID_DRAFT, VerifyDialog
from opal_desktop.packages import store
from opal_desktop.packages.export import export_package
from opal_desktop.packages.model import Grading, PackageDraft, Submitter
from opal_desktop.vault.signing import certificate_pem
from opal_desktop.vault.vault import Vault

from .conftest import (
    MANAGER,
    MANAGER_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    ControllerFactory,
    open_main_window,
)
from .packages_support import PASSWORD, READY, demo

EXPORT_MS = 120_000


def exported(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, fmt: str, as_draft: bool = False
) -> tuple[Path, Path]:
    """A demo store's signed export of the ready series, and its certificate (.pem)."""
    built = demo(tmp_path_factory)
    folder = tmp_path / "store"
    shutil.copytree(built.folder, folder)
    vault = Vault.open(folder, "manager", PASSWORD)
    try:
        draft = PackageDraft(
            READY, "Two males taking spirits.", series_reference=built.series_named(READY).series_reference,
            grading=Grading("2", "B", "P"), legal_basis="DPA 2018 Sch 1 para 10",
            submitter=Submitter("Morgan Manager", "LP manager", "0113 496 0000", built.organisation),
        )  # fmt: skip
        package = store.create_package(vault, draft).reference
        out = tmp_path / "out"
        out.mkdir()
        path = export_package(vault, package, out, fmt, draft=as_draft).files[0]  # type: ignore[arg-type]
        cert = tmp_path / "store-cert.pem"
        cert.write_text(certificate_pem(vault))
    finally:
        vault.close()
    return path, cert


def built_name(subject: str) -> str:
    """The common name: 'Northern Grocers Ltd (DEMO) – LDS01 intelligence packages'."""
    name = subject.split(",")[0].removeprefix("CN=")
    assert "Northern Grocers Ltd" in name
    return name


def verified(qtbot: QtBot, dialog: VerifyDialog, path: Path, trusted: Path | None = None) -> None:
    dialog.file.set_path(path)
    dialog.trusted.set_path(trusted)
    dialog.verify_button.click()
    qtbot.waitUntil(
        lambda: dialog.report is not None or bool(dialog.error.text()), timeout=EXPORT_MS
    )


def test_verify_shows_valid_then_invalid_after_a_flipped_byte(
    qtbot: QtBot, controller: AppController, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    good, cert = exported(tmp_path, tmp_path_factory, "pdf")
    main = open_main_window(
        qtbot, controller, OFFICER, OFFICER_PASSWORD
    )  # verifying is for everyone
    dialog = main.open_verify()
    assert isinstance(dialog, VerifyDialog)
    dialog.verify_button.click()
    assert dialog.error.text() == "Choose the package file to verify: a .pdf, .zip or .p7m."

    verified(qtbot, dialog, good, cert)
    assert dialog.verdict.text() == VALID
    assert dialog.verdict.property("status") == "pass"
    facts = dialog.fact_labels
    from opal_desktop.packages.verify import verify_file

    report = verify_file(good)
    assert facts["Signed by"].text().splitlines() == [
        built_name(report.signer_subject),
        report.signer_subject,
    ]
    assert (
        facts["Fingerprint (SHA-256)"].text().replace(":", "").replace("\n", "").lower()
        == report.fingerprint
    )
    assert facts["Trusted"].text() == "Yes: signed by the certificate in store-cert.pem."
    assert facts["Signed at"].text().endswith(("GMT", "BST"))
    assert dialog.problems.isHidden()

    verified(qtbot, dialog, good)  # no trusted certificate: integrity only, said plainly
    assert dialog.verdict.text() == VALID
    assert facts["Trusted"].text().startswith("Not checked")
    assert "choose the sender's certificate" in dialog.notes.text()

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    verified(qtbot, dialog, tampered, cert)
    assert dialog.verdict.text() == INVALID
    assert dialog.verdict.property("status") == "fail"
    problems = dialog.problems.text().splitlines()
    assert problems[0].endswith("found:") and len(problems) >= 2
    assert problems[1].startswith("•  ") and problems[1].endswith(".")


def regional_folder(folder: Path) -> Path:
    """A regional office's vault: its own store code, so the demo stores' LDS01 is not taken."""
    from opal_desktop.vault import users
    from opal_desktop.vault.vault import VaultSetup

    vault, _code = Vault.create(folder, VaultSetup(
        organisation="Northern Grocers Ltd (DEMO)", store_name="Regional LP office", store_code="RGN01",
        address="1 Wellington Street, Leeds", postcode="LS1 4DL", force_id="west-yorkshire",
        admin_username="r.admin", admin_display_name="Robin Admin", admin_password=MANAGER_PASSWORD,
    ))  # fmt: skip
    try:
        users.add_user(vault, MANAGER, "Ravi Patel", Role.MANAGER, MANAGER_PASSWORD,
                       must_change_password=False)  # fmt: skip
    finally:
        vault.close()
    return folder


def test_import_a_stores_zip_after_checking_it(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    package, _cert = exported(tmp_path, tmp_path_factory, "zip")
    controller = make_controller(regional_folder(tmp_path / "regional"))
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    dialog = main.open_package_import()
    assert isinstance(dialog, ImportDialog)
    assert not dialog.import_button.isEnabled()
    dialog.file.set_path(package)
    dialog.check_button.click()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=EXPORT_MS)
    assert "whose certificate this vault does not trust" in dialog.error.text()
    assert not dialog.import_button.isEnabled()  # a stranger's package: nothing to import
    assert dialog.trust_button.isVisible() and dialog.trust_button.hasFocus()
    QTest.keyClick(dialog.trust_button, Qt.Key.Key_Space)
    box = dialog.findChild(QMessageBox, "trustSenderBox")
    assert isinstance(box, QMessageBox) and box.isVisible()
    with zipfile.ZipFile(package) as archive:
        doc = json.loads(archive.read("package.json"))
    fingerprint = doc["signer"]["fingerprint_sha256"].upper()
    assert fingerprint[:2] + ":" + fingerprint[2:4] in box.text()
    assert fingerprint[:2] + ":" + fingerprint[2:4] in dialog.error.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()  # the store manager read the same fingerprint out on the phone
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=EXPORT_MS)
    assert dialog.error.isHidden(), dialog.error.text()
    assert dialog.import_button.isEnabled() and not dialog.trust_button.isVisible()
    incidents = len(doc["incidents"])
    assert dialog.values["It holds"].text().startswith(f"{incidents} incidents, ")
    assert "(trusted)" in dialog.values["Signed by"].text()
    assert "Nothing has been changed yet." in dialog.sentences.text()
    with qtbot.waitSignal(dialog.imported, timeout=EXPORT_MS):
        dialog.import_button.click()
    assert dialog.report is not None and dialog.report.changed
    assert dialog.verdict.text() == "✓  Imported"
    assert "Imported: " in dialog.sentences.text()
    assert "--trust" not in dialog.sentences.text()

    dialog.check_button.click()  # the same package again changes nothing
    qtbot.waitUntil(lambda: dialog.checked is not None, timeout=EXPORT_MS)
    assert not dialog.import_button.isEnabled()
    assert "Already up to date" in dialog.sentences.text()


def test_officers_may_only_verify(
    qtbot: QtBot, make_controller: ControllerFactory, vault_folder: Path
) -> None:
    officer = open_main_window(qtbot, make_controller(vault_folder), OFFICER, OFFICER_PASSWORD)
    assert officer.menu_packages.menuAction().isVisible()
    assert officer.action_verify_package.isVisible()
    for action in (
        officer.action_packages,
        officer.action_new_package,
        officer.action_import_package,
    ):
        assert not action.isVisible()
    officer.request_sign_out()


def test_managers_see_every_packages_entry(qtbot: QtBot, controller: AppController) -> None:
    manager = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    texts = [a.text() for a in manager.menu_packages.actions() if a.isVisible()]
    assert texts == [
        "&Packages…",
        "&New package…",
        "&Verify a package…",
        "&Import a store's package…",
        "&Trusted senders…",
    ]
    manager.lock("Locked.")
    assert not manager.menu_packages.menuAction().isEnabled()


def test_a_valid_draft_is_amber_and_says_not_for_submission(
    qtbot: QtBot, controller: AppController, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    draft, cert = exported(tmp_path, tmp_path_factory, "zip", as_draft=True)
    main = open_main_window(qtbot, controller, OFFICER, OFFICER_PASSWORD)
    dialog = main.open_verify()
    assert isinstance(dialog, VerifyDialog)
    verified(qtbot, dialog, draft, cert)
    assert dialog.verdict.text() == VALID_DRAFT
    assert dialog.verdict.property("status") == "advisory"  # not the green of a package to send
    assert dialog.fact_labels["Package"].text().endswith("(draft)")
    dialog.resize(1024, 700)  # (the app's style is not applied here: it would outlive the test)
    dialog.grab().save(str(tmp_path / "verify-draft.png"))
