"""Take the README's screenshots from the real app, offscreen, in a throwaway vault.

    python build/screenshots.py [--out docs/screenshots]

Drives the same windows a person sees (wizard, sign-in, main window, incident list and
editor, CSV import, lock screen, users, audit trail, settings) and saves each with QWidget.grab().
Nothing is written outside a temporary folder except the PNGs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget, QWizard

from opal_desktop.gui.app import AppController
from opal_desktop.gui.style import apply_style
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.gui.windows.setup_wizard import SetupWizard
from opal_desktop.gui.windows.sign_in import SignInWindow
from opal_desktop.vault import keyfile

ROOT = Path(__file__).resolve().parent.parent
SIZE = (900, 600)
PASSWORD = "kettle orbit velvet"  # noqa: S105 (a throwaway vault for pictures)


def wait_until(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, out: Path, name: str, size: tuple[int, int] = SIZE) -> None:
    widget.resize(*size)
    settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def run_wizard(controller: AppController, out: Path) -> MainWindow:
    wizard = controller.start()
    assert isinstance(wizard, SetupWizard)
    store = wizard.store_page.ui
    store.organisationEdit.setText("Northgate Retail Ltd")
    store.storeNameEdit.setText("Leeds Briggate")
    store.storeCodeEdit.setText("LDS01")
    store.addressEdit.setPlainText("12 Briggate, Leeds")
    store.postcodeEdit.setText("LS1 6AZ")
    store.forceCombo.setCurrentIndex(store.forceCombo.findData("west-yorkshire"))
    save(wizard, out, "wizard-store", (900, 640))
    wizard.next()
    admin = wizard.admin_page.ui
    admin.usernameEdit.setText("j.smith")
    admin.displayNameEdit.setText("Jane Smith")
    admin.passwordFields.ui.passwordEdit.setText(PASSWORD)
    admin.passwordFields.ui.confirmEdit.setText(PASSWORD)
    settle(0.5)
    save(wizard, out, "wizard-admin", (900, 640))
    wizard.next()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait_until(lambda: wizard.currentPage() is wizard.recovery_page)
    save(wizard, out, "wizard-recovery-code", (900, 640))
    wizard.recovery_page.ui.confirmCheck.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait_until(lambda: isinstance(controller.window, MainWindow))
    main = controller.window
    assert isinstance(main, MainWindow)
    return main


def add_colleagues(controller: AppController) -> None:
    from opal_desktop.domain.roles import Role
    from opal_desktop.vault import users

    assert controller.session is not None
    vault = controller.session.vault
    done: list[bool] = []

    def work() -> None:
        users.add_user(vault, "a.khan", "Amir Khan", Role.OFFICER, "lantern mossy pebble")
        users.add_user(vault, "r.patel", "Ravi Patel", Role.MANAGER, "copper walrus meadow")
        vault.record_lock(True, "Locked after 10 minutes without activity")
        vault.record_lock(False)

    controller.runner.run(work, lambda _none: done.append(True))
    wait_until(lambda: bool(done))


SAMPLE_INCIDENTS: tuple[
    tuple[str, str, str, str, list[tuple[str, int, int]], int, str, str], ...
] = (
    # occurred (UK), type, location, narrative, goods, offenders, plate, crime ref
    (
        "14/11/2026 16:20",
        "theft-from-shop",
        "Aisle 4, spirits",
        "Two males swept the whisky shelf into a foil-lined bag and left on foot towards "
        "the bus station. One wore a red cap and a black puffer jacket.",
        [("Jameson Irish Whiskey 70cl", 6, 2200)],
        2,
        "",
        "13/418822/26",
    ),
    (
        "17/11/2026 11:05",
        "violence-or-threats",
        "Main entrance",
        "Male threatened the door officer with a Stanley knife when stopped with a bag of "
        "razor blades, then ran to a grey Audi A4 waiting outside.",
        [("Gillette Fusion blades 8 pack", 5, 2400)],
        1,
        "ab12 cde",
        "",
    ),
    (
        "19/11/2026 18:40",
        "theft-from-shop",
        "Health and beauty",
        "Female concealed perfume in a pushchair and left through the side exit; stopped "
        "outside and the goods recovered.",
        [("Chanel Coco Mademoiselle 50ml", 2, 8900)],
        1,
        "",
        "13/420117/26",
    ),
    (
        "20/11/2026 17:45",
        "abuse",
        "Tills 1 to 3",
        "Customer refused to pay for a reduced item and shouted abuse at the cashier for "
        "several minutes before leaving.",
        [],
        1,
        "",
        "",
    ),
)


def add_incidents(controller: AppController) -> None:
    from opal_desktop.domain.incident import GoodsLine, VehicleSeen
    from opal_desktop.domain.timeutil import parse_uk_datetime
    from opal_desktop.incidents import records

    assert controller.session is not None
    vault = controller.session.vault
    done: list[bool] = []

    def work() -> None:
        for when, kind, where, story, goods, offenders, plate, crime_ref in SAMPLE_INCIDENTS:
            incident = records.new_incident(vault)
            incident.occurred_start = parse_uk_datetime(when)
            incident.incident_type = kind
            incident.location = where
            incident.narrative = story
            incident.goods = [GoodsLine(name, qty, unit) for name, qty, unit in goods]
            incident.offender_count = offenders
            incident.vehicles = [VehicleSeen(plate, "Audi", "A4", "grey")] if plate else []
            incident.police.crime_reference = crime_ref
            incident.police.reported_on = incident.occurred_start.date() if crime_ref else None
            records.save(vault, incident)

    controller.runner.run(work, lambda _none: done.append(True))
    wait_until(lambda: bool(done))


def shoot_incidents(main_window: MainWindow, out: Path) -> None:
    listing = main_window.incident_list
    listing.refresh()
    wait_until(lambda: main_window.ui.homeStack.currentWidget() is main_window.ui.listPage)
    listing.ui.searchEdit.setText("stanley")
    wait_until(lambda: listing.ui.countLabel.text() == "1 incident")
    settle(0.5)
    save(main_window, out, "incident-list", (1280, 560))
    listing.ui.searchEdit.clear()
    wait_until(lambda: listing.ui.countLabel.text() == f"{len(SAMPLE_INCIDENTS)} incidents")
    settle(0.5)
    save(main_window, out, "incident-list-all", (1280, 560))

    reference = listing.model.index(2, 0).data()
    main_window.open_incident(str(reference))
    wait_until(lambda: bool(main_window.editors))
    editor = main_window.editors[0]
    settle(0.5)
    save(editor, out, "incident-editor", (1000, 900))
    editor.ui.scroll.verticalScrollBar().setValue(editor.ui.goods.y() - 10)
    save(editor, out, "incident-editor-goods-police", (1000, 900))
    editor.ui.scroll.verticalScrollBar().setValue(editor.ui.offenders.y() - 10)
    save(editor, out, "incident-editor-people", (1000, 900))
    editor.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)  # a throwaway vault

    app = QApplication(sys.argv[:1])
    apply_style(app)
    runner = TaskRunner()
    with tempfile.TemporaryDirectory() as tmp:
        controller = AppController(Path(tmp) / "vault", runner)
        try:
            main_window = run_wizard(controller, out)
            add_colleagues(controller)
            save(main_window, out, "main-window")
            add_incidents(controller)
            shoot_incidents(main_window, out)
            from screenshots_referral import shoot_referral  # beside this file

            shoot_referral(main_window, out)
            from screenshots_stills import shoot_stills  # beside this file

            assert controller.session is not None
            shoot_stills(controller.session.vault, runner, out)
            from screenshots_csv import shoot_csv_import  # beside this file

            shoot_csv_import(controller.session.vault, runner, out, Path(tmp))
            from screenshots_linking import shoot_linking  # beside this file

            shoot_linking(runner, out, Path(tmp))
            from screenshots_packages import shoot_packages  # beside this file

            shoot_packages(runner, out, Path(tmp))

            main_window.open_users()
            users_dialog = main_window._open_windows["users"]
            settle(1.0)
            save(users_dialog, out, "users", (1000, 560))
            users_dialog.close()

            main_window.open_audit()
            audit = main_window._open_windows["audit"]
            settle(1.0)
            save(audit, out, "audit-trail", (1080, 620))
            audit.close()

            main_window.open_settings()
            settings = main_window._open_windows["settings"]
            settle(1.0)
            save(settings, out, "settings", (760, 720))
            settings.close()

            main_window.lock("Locked after 10 minutes without activity.")
            settle(0.5)
            save(main_window, out, "lock-screen")

            main_window.lock_screen.ui.signOutButton.click()
            wait_until(lambda: isinstance(controller.window, SignInWindow))
            sign_in = controller.window
            assert isinstance(sign_in, SignInWindow)
            sign_in.select_user("j.smith")
            save(sign_in, out, "sign-in")
        finally:
            controller.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
