"""The audit trail screen pages through entries; settings show the certificate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.models.audit_model import LOADING, AuditTableModel
from opal_desktop.gui.windows.audit_window import AuditWindow
from opal_desktop.gui.windows.settings_dialog import SettingsDialog
from opal_desktop.vault.vault import Vault

from .conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, open_main_window, run_on_worker

EXTRA_ENTRIES = 430


def _add_entries(qtbot: QtBot, controller: AppController) -> int:
    assert controller.session is not None
    vault = controller.session.vault

    def write() -> int:
        from opal_desktop.vault.audit_view import count_entries

        with vault.transaction() as conn:
            for number in range(EXTRA_ENTRIES):
                vault.audit(conn, "test_entry", "test", str(number), f"Entry number {number}")
        return count_entries(vault)

    return run_on_worker(qtbot, controller.runner, write)


def _model(controller: AppController) -> AuditTableModel:
    from opal_desktop.vault.audit_view import count_entries, list_entries

    assert controller.session is not None
    vault = controller.session.vault
    return AuditTableModel(
        controller.runner,
        lambda flt: count_entries(vault, flt),
        lambda flt, offset, limit: list_entries(vault, flt, offset=offset, limit=limit),
        page_size=50,
        max_cached_pages=3,
    )


def test_audit_model_counts_then_fetches_only_the_pages_looked_at(
    qtbot: QtBot, controller: AppController, qtmodeltester: ModelTester
) -> None:
    from opal_desktop.vault.audit_view import AuditFilter

    open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    total = _add_entries(qtbot, controller)
    model = _model(controller)
    with qtbot.waitSignal(model.count_changed, timeout=WAIT_MS):
        model.set_filter(AuditFilter())
    assert model.rowCount() == total
    assert model.cached_pages == []

    assert model.index(300, 1).data() == LOADING  # asks for page 6 only
    qtbot.waitUntil(lambda: model.index(300, 1).data() != LOADING, timeout=WAIT_MS)
    assert model.cached_pages == [6]
    qtbot.waitUntil(lambda: model.index(0, 3).data() == "test entry", timeout=WAIT_MS)
    assert model.index(0, 5).data() == f"Entry number {EXTRA_ENTRIES - 1}"  # newest first

    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    for row in (60, 110, 160, 210):  # four more pages: the cache keeps the last three
        qtbot.waitUntil(_loaded(model, row), timeout=WAIT_MS)
    assert len(model.cached_pages) == 3 and model.cached_pages[-1] == 4

    with qtbot.waitSignal(model.count_changed, timeout=WAIT_MS):
        model.set_filter(AuditFilter(record="7"))
    assert model.rowCount() == 1
    qtbot.waitUntil(lambda: model.index(0, 5).data() == "Entry number 7", timeout=WAIT_MS)


def _loaded(model: AuditTableModel, row: int) -> Callable[[], bool]:
    return lambda: model.index(row, 1).data() != LOADING


def test_audit_window_filters_and_verifies_the_trail(
    qtbot: QtBot, controller: AppController
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_audit()
    window = main._open_windows["audit"]
    assert isinstance(window, AuditWindow)
    qtbot.waitUntil(lambda: window.ui.countLabel.text() != "", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.ui.actionCombo.count() > 1, timeout=WAIT_MS)
    window.ui.actionCombo.setCurrentIndex(window.ui.actionCombo.findData("user_added"))
    window.apply_filter()
    qtbot.waitUntil(lambda: window.ui.countLabel.text().startswith("3 entries"), timeout=WAIT_MS)
    window.verify()
    qtbot.waitUntil(lambda: bool(window.ui.verifyLabel.text()), timeout=WAIT_MS)
    assert window.ui.verifyLabel.text().startswith("The audit trail is intact")


def test_settings_show_the_certificate_save_the_lock_time_and_export_pem(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_settings()
    dialog = main._open_windows["settings"]
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    assert dialog.ui.idleSpin.value() == 10
    assert dialog.ui.fingerprintLabel.text().count(":") == 31
    assert dialog.ui.fingerprintLabel.text().count("\n") == 1
    assert "Northgate Retail Ltd" in dialog.ui.subjectLabel.text()

    out = tmp_path / "cert.pem"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: "saved" in dialog.ui.messageLabel.text(), timeout=WAIT_MS)
    assert out.read_text().startswith("-----BEGIN CERTIFICATE-----")

    dialog.import_from(tmp_path / "missing.p12", "x")
    qtbot.waitUntil(lambda: "Cannot read" in dialog.ui.messageLabel.text(), timeout=WAIT_MS)

    dialog.ui.idleSpin.setValue(5)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert main.idle.timeout_ms == 5 * 60_000


def test_store_details_from_the_keyboard_bad_postcode_changes_nothing(
    qtbot: QtBot, controller: AppController
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from opal_desktop.vault.audit_view import AuditFilter, list_entries

    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_settings()
    dialog = main._open_windows["settings"]
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    ui = dialog.ui
    assert ui.addressEdit.toPlainText() == "12 Briggate, Leeds"
    assert ui.postcodeEdit.text() == "LS1 6AZ"
    assert ui.forceCombo.currentText() == "West Yorkshire Police"
    assert "NR-LDS01-PKG-" in ui.storeLabel.text()
    dialog.grab().save("/tmp/settings.png")

    QTest.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # A&ddress
    assert QApplication.focusWidget() is ui.addressEdit
    QTest.keyClick(ui.addressEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(ui.addressEdit, "Unit 4, Trinity Leeds")
    QTest.keyClick(ui.addressEdit, Qt.Key.Key_Return)
    QTest.keyClicks(ui.addressEdit, "Albion Street, Leeds")
    QTest.keyClick(ui.addressEdit, Qt.Key.Key_Tab)  # Tab leaves the address: next, the postcode
    assert QApplication.focusWidget() is ui.postcodeEdit
    QTest.keyClick(ui.postcodeEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(ui.postcodeEdit, "LS1 ZZZ")
    QTest.keyClick(ui.postcodeEdit, Qt.Key.Key_Return)  # Save
    assert ui.storeMessage.text() == "LS1 ZZZ is not a UK postcode. Type it like LS1 4AP."
    assert QApplication.focusWidget() is ui.postcodeEdit and dialog.isVisible()
    dialog.grab().save("/tmp/settings-bad-postcode.png")
    assert _home(qtbot, controller) == ("12 Briggate, Leeds", "LS1 6AZ", "west-yorkshire")

    QTest.keyClick(ui.postcodeEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(ui.postcodeEdit, "ls1 5ar")
    QTest.keyClick(ui.postcodeEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert _home(qtbot, controller) == (
        "Unit 4, Trinity Leeds\nAlbion Street, Leeds", "LS1 5AR", "west-yorkshire")  # fmt: skip
    vault = session_vault(controller)
    entries = run_on_worker(qtbot, controller.runner,
                            lambda: list_entries(vault, AuditFilter(action="store_changed")))  # fmt: skip
    assert [e.summary for e in entries] == [
        'Store LDS01: address "12 Briggate, Leeds" -> "Unit 4, Trinity Leeds, Albion Street, '
        'Leeds"; postcode "LS1 6AZ" -> "LS1 5AR"'
    ]
    settings = run_on_worker(qtbot, controller.runner,
                             lambda: list_entries(vault, AuditFilter(action="settings_changed")))  # fmt: skip
    assert settings == []  # the lock and review times were not touched, so not "changed"


def test_settings_dialog_fits_small_screens(qtbot: QtBot, controller: AppController) -> None:
    main = open_main_window(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    main.open_settings()
    dialog = main._open_windows["settings"]
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    for needed in (dialog.sizeHint(), dialog.minimumSizeHint()):  # 1024x700 less a taskbar
        assert needed.height() <= 660 and needed.width() <= 1000, needed
    for width, height in ((1366, 768), (1024, 700)):
        dialog.resize(min(width - 40, 900), height - 60)
        dialog.grab().save(f"/tmp/settings-{width}x{height}.png")


def session_vault(controller: AppController) -> Vault:
    assert controller.session is not None
    return controller.session.vault


def _home(qtbot: QtBot, controller: AppController) -> tuple[str, str, str]:
    vault = session_vault(controller)
    home = run_on_worker(qtbot, controller.runner, vault.home_store)
    return home.address, home.postcode, home.force_id
