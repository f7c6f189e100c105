"""Packages › Trusted senders…: a manager trusts a store's certificate from its .pem (after
confirming the fingerprint), sees it listed, and removes it; officers never see the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.packages.trusted_window import TrustedSendersWindow
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.packages import trust
from opal_desktop.packages.trust import TrustedSender
from opal_desktop.vault import identity
from opal_desktop.vault.audit_view import AuditFilter, list_entries

from .conftest import (
    MANAGER,
    MANAGER_PASSWORD,
    OFFICER,
    OFFICER_PASSWORD,
    WAIT_MS,
    ControllerFactory,
    open_main_window,
    run_on_worker,
)

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(scope="module")
def other_store() -> identity.IdentityMaterial:
    """Another retailer's store: the sender a regional manager is asked to trust."""
    return identity.generate("Pennine Pharmacy Ltd", "Sheffield Fargate", "SHF07")


def pem_file(folder: Path, material: identity.IdentityMaterial) -> Path:
    path = folder / "pennine-shf07.pem"
    path.write_text(identity.certificate_pem(material.certificate_der))
    return path


def pairs(fingerprint: str) -> str:
    fp = fingerprint.upper()
    return ":".join(fp[i : i + 2] for i in range(0, len(fp), 2))


def open_window(qtbot: QtBot, main: MainWindow) -> TrustedSendersWindow:
    """Packages › Trusted senders…, as a manager chooses it."""
    action = main.action_trusted_senders
    assert action.isVisible() and action in main.menu_packages.actions()
    action.trigger()
    window = main.findChild(TrustedSendersWindow)
    assert isinstance(window, TrustedSendersWindow)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.busy.running, timeout=WAIT_MS)
    return window


def trusted_now(qtbot: QtBot, main: MainWindow) -> list[TrustedSender]:
    vault = main.session.vault
    return run_on_worker(qtbot, main.runner, lambda: trust.trusted(vault))


def message_box(qtbot: QtBot, window: QWidget, name: str) -> QMessageBox:
    """The box a button opened (a mnemonic clicks its button after a short animation)."""

    def shown() -> QMessageBox | None:
        boxes = [b for b in window.findChildren(QMessageBox, name) if b.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=WAIT_MS)
    box = shown()
    assert box is not None
    back_to(qtbot, box)  # it has the keyboard, as on a desktop
    return box


def cell(window: TrustedSendersWindow, row: int, column: int) -> str:
    item = window.list.item(row, column)
    assert item is not None
    return item.text()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """A closed message box gives the keyboard back to its window (offscreen: by hand)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)


def test_a_manager_trusts_a_certificate_then_removes_it(
    qtbot: QtBot, controller: AppController, tmp_path: Path,
    other_store: identity.IdentityMaterial,
) -> None:  # fmt: skip
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    window = open_window(qtbot, main)
    assert window.empty.isVisible() and window.list.rowCount() == 0
    assert not window.remove_button.isVisible()
    path = pem_file(tmp_path, other_store)
    fingerprint = other_store.fingerprint

    QTest.keyClick(window, Qt.Key.Key_C, ALT)  # &Certificate
    assert focused() is window.file.edit
    QTest.keyClicks(window.file.edit, str(path))
    QTest.keyClick(window, Qt.Key.Key_H, ALT)  # &How you checked it
    assert focused() is window.note
    QTest.keyClicks(window.note, "read out by S. Evans, store manager")
    QTest.keyClick(window, Qt.Key.Key_T, ALT)  # &Trust this certificate…
    box = message_box(qtbot, window, "trustSenderBox")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert focused() is box.defaultButton()  # Space, too, would answer No
    assert pairs(fingerprint)[:47] in box.text() and pairs(fingerprint)[48:] in box.text()
    assert "Pennine Pharmacy Ltd" in box.text() and "over the phone" in box.text()
    assert "the e-mail that brought the certificate" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)  # a tired Enter answers No: nothing is trusted
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)
    back_to(qtbot, window)
    assert window.message.text() == "Not trusted: nothing was changed."
    assert focused() is window.file.edit
    assert trusted_now(qtbot, main) == []
    box.deleteLater()

    QTest.keyClick(window.note, Qt.Key.Key_Return)  # Enter in the note asks again
    box = message_box(qtbot, window, "trustSenderBox")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    QTest.keyClick(box, Qt.Key.Key_Y, ALT)  # &Yes: the store manager read the same one out
    qtbot.waitUntil(lambda: bool(window.senders), timeout=WAIT_MS)
    back_to(qtbot, window)
    assert window.message.text().startswith("Trusted: ")
    assert window.message.property("cssClass") == "ok"
    assert window.list.isVisible() and window.list.rowCount() == 1
    row = [cell(window, 0, column) for column in range(window.list.columnCount())]
    assert row[0] == "Pennine Pharmacy Ltd" and row[1] == "Sheffield Fargate (SHF07)"
    assert row[2] == pairs(fingerprint)[:23] + "…" and row[3] == MANAGER and row[4]
    assert window.fingerprint.text().replace("\n", ":") == pairs(fingerprint)
    assert window.details.labels["Note"].text() == "read out by S. Evans, store manager"
    assert "SHF07" in window.details.labels["Name on the certificate"].text()
    assert window.file.path() is None and not window.note.text()  # ready for the next one
    assert focused() is window.list
    [sender] = trusted_now(qtbot, main)
    assert sender.fingerprint == fingerprint and sender.organisation == "Pennine Pharmacy Ltd"
    assert sender.trusted_by == MANAGER and sender.note == "read out by S. Evans, store manager"

    QTest.keyClicks(window.file.edit, str(path))  # the same file again changes nothing
    QTest.keyClick(window, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: window.message.text().startswith("Already trusted"), timeout=WAIT_MS)
    assert not any(b.isVisible() for b in window.findChildren(QMessageBox))
    assert len(trusted_now(qtbot, main)) == 1

    QTest.keyClick(window, Qt.Key.Key_S, ALT)  # Trusted &senders: the list
    assert focused() is window.list
    QTest.keyClick(window, Qt.Key.Key_R, ALT)  # &Remove…
    box = message_box(qtbot, window, "untrustSenderBox")
    assert "Stop trusting Pennine Pharmacy Ltd?" in box.text()
    assert pairs(fingerprint)[:47] in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    assert focused() is box.defaultButton()
    QTest.keyClick(box, Qt.Key.Key_Y, ALT)
    qtbot.waitUntil(lambda: not window.senders, timeout=WAIT_MS)
    back_to(qtbot, window)
    assert focused() is window.file.edit  # nothing left to remove: ready to add one
    assert window.message.text().startswith("No longer trusted: Pennine Pharmacy Ltd.")
    assert window.empty.isVisible() and not window.remove_button.isVisible()
    assert trusted_now(qtbot, main) == []
    vault = main.session.vault
    trail = run_on_worker(qtbot, main.runner, lambda: list_entries(vault, AuditFilter()))
    actions = [row.action for row in trail]
    assert "sender_trusted" in actions and "sender_untrusted" in actions

    QTest.keyClick(focused() or window, Qt.Key.Key_Escape)  # Esc closes
    assert not window.isVisible()
    again = open_window(qtbot, main)  # shown again from the menu, up to date
    assert again is window and window.isVisible() and not window.senders
    main.request_sign_out()


@pytest.mark.parametrize(
    ("content", "sentence"),
    [(b"", "is empty"), (b"-----BEGIN PRIVATE KEY-----\nMIIB\n", "holds no certificate")],
)
def test_a_bad_file_gets_a_sentence_and_changes_nothing(
    qtbot: QtBot, controller: AppController, tmp_path: Path, content: bytes, sentence: str
) -> None:
    main = open_main_window(qtbot, controller, MANAGER, MANAGER_PASSWORD)
    window = open_window(qtbot, main)
    bad = tmp_path / "not-a-cert.pem"
    bad.write_bytes(content)
    QTest.keyClick(window, Qt.Key.Key_T, ALT)  # nothing chosen yet
    qtbot.waitUntil(lambda: bool(window.message.text()), timeout=WAIT_MS)
    assert window.message.text() == "Choose the sender's certificate (.pem) first."
    assert focused() is window.file.edit
    QTest.keyClicks(window.file.edit, str(bad))
    QTest.keyClick(window, Qt.Key.Key_T, ALT)
    qtbot.waitUntil(lambda: sentence in window.message.text(), timeout=WAIT_MS)
    text = window.message.text()
    assert text.startswith("not-a-cert.pem ") and text.endswith(".") and "\n" not in text
    assert window.message.property("cssClass") == "error"
    assert not any(b.isVisible() for b in window.findChildren(QMessageBox))
    assert focused() is window.file.edit  # to choose another file
    assert trusted_now(qtbot, main) == []
    main.request_sign_out()


def test_officers_do_not_see_trusted_senders(
    qtbot: QtBot, make_controller: ControllerFactory, vault_folder: Path
) -> None:
    officer = open_main_window(qtbot, make_controller(vault_folder), OFFICER, OFFICER_PASSWORD)
    assert officer.menu_packages.menuAction().isVisible()
    assert not officer.action_trusted_senders.isVisible()
    texts = [a.text() for a in officer.menu_packages.actions() if a.isVisible()]
    assert "&Trusted senders…" not in texts
    officer.request_sign_out()
