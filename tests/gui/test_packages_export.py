"""Export from the GUI: a ready package as signed PDF and ZIP (each verifies), a package that
is not ready only as a DRAFT, Cancel leaving the folder empty, and the lifecycle buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from opal_desktop.gui.packages.export_dialog import DRAFT_ONLY, ExportDialog
from opal_desktop.gui.packages.package_editor import PackageEditor
from opal_desktop.gui.packages.packages_window import PackagesWindow
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.packages.model import Status
from opal_desktop.packages.verify import verify_file

from .conftest import WAIT_MS, ControllerFactory
from .packages_support import (
    NOT_READY,
    READY,
    demo_main_window,
    grade,
    recipient_files,
    series_reference,
)

EXPORT_MS = 120_000  # a signed PDF with every still, then the ZIP, on a busy machine


def saved_package(qtbot: QtBot, main: MainWindow, series: str) -> tuple[PackagesWindow, str]:
    editor = main.new_package(CheckTarget(series=series))
    assert isinstance(editor, PackageEditor)
    qtbot.waitUntil(
        lambda: editor.check.view is not None and not editor.busy.running, timeout=WAIT_MS
    )
    editor.form.submitter_contact.setText("07700 900123")
    grade(editor.form)
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    window = main._open_windows["packages"]
    assert isinstance(window, PackagesWindow)
    qtbot.waitUntil(lambda: window.chosen() is not None and window.chosen().reference == editor.reference,  # type: ignore[union-attr]
                    timeout=WAIT_MS)  # fmt: skip
    editor.close()
    return window, editor.reference


def export_dialog(qtbot: QtBot, window: PackagesWindow, out: Path) -> ExportDialog:
    dialog = window.export()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.context is not None, timeout=WAIT_MS)
    out.mkdir()
    dialog.folder.set_path(out)
    return dialog


def test_a_ready_series_exports_as_signed_pdf_and_zip(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    window, package = saved_package(qtbot, main, series_reference(built, READY))
    assert not window.submitted_button.isEnabled()
    out = tmp_path / "out"
    dialog = export_dialog(qtbot, window, out)
    assert dialog.export_button.text() == "&Export"
    assert dialog.explain.isHidden()
    assert dialog.signer.text().startswith("Signed with the organisation's certificate: ")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=EXPORT_MS)
    assert dialog.error.isHidden(), dialog.error.text()
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{package}.pdf", f"{package}.zip"]
    for path in out.iterdir():
        report = verify_file(path)
        assert report.valid, report.problems
    assert dialog.files.rowCount() == 2
    assert dialog.files.as_text().splitlines()[0].endswith(f"  {package}.pdf")
    assert dialog.done_label.text().startswith(f"Exported a signed package to {out}.")
    assert dialog.show_button.isVisible()

    qtbot.waitUntil(lambda: window.records[package].status is Status.EXPORTED, timeout=WAIT_MS)
    assert window.exports.rowCount() == 2
    assert window.submitted_button.isEnabled() and not window.acknowledged_button.isEnabled()
    box = window.mark(Status.SUBMITTED)
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.records[package].status is Status.SUBMITTED, timeout=WAIT_MS)
    assert window.list.item(window.list.currentRow(), 5).text() == "Submitted to Opal"  # type: ignore[union-attr]
    assert window.acknowledged_button.isEnabled()


def test_a_package_that_is_not_ready_only_exports_a_draft(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    window, package = saved_package(qtbot, main, series_reference(built, NOT_READY))
    out = tmp_path / "out"
    dialog = export_dialog(qtbot, window, out)
    assert dialog.verdict.text().startswith("✗  Not ready")
    assert dialog.explain.text() == DRAFT_ONLY
    assert dialog.export_button.text() == "&Export DRAFT"
    dialog.pdf.setChecked(False)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=EXPORT_MS)
    assert [p.name for p in out.iterdir()] == [f"{package}-DRAFT.zip"]
    assert dialog.done_label.text().startswith("Exported a signed DRAFT package")
    qtbot.waitUntil(lambda: window.records[package].exports != (), timeout=WAIT_MS)
    assert window.records[package].status is Status.DRAFT
    assert not window.submitted_button.isEnabled()


def test_cancel_mid_export_leaves_the_folder_empty(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    window, _package = saved_package(qtbot, main, series_reference(built, READY))
    out = tmp_path / "out"
    dialog = export_dialog(qtbot, window, out)
    seen: list[int] = []

    def cancel_once(done: int, _total: int) -> None:
        if not seen:
            seen.append(done)
            dialog.cancel_button.click()

    dialog.job.progressed.connect(cancel_once)
    dialog.export_button.click()
    assert dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.job.running, timeout=EXPORT_MS)
    assert seen, "progress reached the dialog before Cancel"
    assert dialog.error.text().startswith("The export was cancelled.")
    assert list(out.iterdir()) == []
    assert dialog.export_button.isEnabled() and dialog.close_button.isEnabled()


def test_encrypted_to_a_recipient_then_verified_with_their_key(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:  # fmt: skip
    from opal_desktop.gui.packages.verify_dialog import VALID, VerifyDialog

    cert_pem, key_pem = recipient_files(tmp_path)
    main, built = demo_main_window(qtbot, make_controller, tmp_path, tmp_path_factory)
    window, package = saved_package(qtbot, main, series_reference(built, READY))
    out = tmp_path / "out"
    dialog = export_dialog(qtbot, window, out)
    dialog.pdf.setChecked(False)
    dialog.add_recipients([cert_pem, cert_pem])
    assert dialog.recipients.count() == 1
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None or not dialog.job.running, timeout=EXPORT_MS)
    assert dialog.error.isHidden(), dialog.error.text()
    assert [p.name for p in out.iterdir()] == [f"{package}.zip.p7m"]

    verify = main.open_verify()
    assert isinstance(verify, VerifyDialog)
    verify.file.set_path(out / f"{package}.zip.p7m")
    assert verify.decrypt.isVisibleTo(verify)
    verify.verify_button.click()  # no key yet: one sentence saying what to give
    qtbot.waitUntil(lambda: bool(verify.error.text()), timeout=WAIT_MS)
    assert "encrypted" in verify.error.text()
    verify.key.set_path(key_pem)
    verify.certificate.set_path(cert_pem)
    verify.verify_button.click()
    qtbot.waitUntil(lambda: verify.report is not None, timeout=EXPORT_MS)
    assert verify.verdict.text() == VALID
    assert verify.fact_labels["Kind"].text() == "Encrypted ZIP (.p7m)"
