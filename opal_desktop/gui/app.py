"""Composition root: one QApplication, one worker, and the screens in turn.

Start-up stays light: the sign-in window is shown after importing only QtCore/QtGui/
QtWidgets and the key file reader. SQLAlchemy and the rest of the vault load on the
worker while the person types their password (see session.preload_core).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from opal_desktop import crash_report
from opal_desktop.errors import UserError, damage_found
from opal_desktop.gui.session import Session
from opal_desktop.gui.style import apply_style
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.widgets import file_dialogs
from opal_desktop.gui.windows.sign_in import SignInWindow
from opal_desktop.paths import resolve_vault_dir
from opal_desktop.vault import restore_journal
from opal_desktop.vault.keyfile import KeyFile

# For benchmarks and smoke tests: quit as soon as the first window has been shown.
QUIT_WHEN_SHOWN_ENV = "OPAL_DESKTOP_QUIT_WHEN_SHOWN"
DB_FILE_NAME = "vault.db"  # engine.DB_NAME, without importing SQLAlchemy to learn it
WARM_UP_DELAY_MS = 300


def warm_up_main_window() -> None:
    """While the person types their password, load the main window's code and PySide6's
    `Qt` enums (built lazily, ~40 ms) on the GUI thread, so that once the password is
    checked the main window appears at once instead of ~150 ms later."""
    from PySide6.QtCore import Qt

    import opal_desktop.gui.windows.main_window  # noqa: F401

    _ = Qt.AlignmentFlag.AlignCenter


def vault_present(folder: Path) -> bool:
    return KeyFile.exists(folder) or (folder / DB_FILE_NAME).exists()


class AppController(QObject):
    """Moves between setup, sign-in and the main window; owns the worker."""

    def __init__(
        self, folder: Path, runner: TaskRunner, idle_timeout_ms: int | None = None
    ) -> None:
        super().__init__()
        self.folder = folder
        self.runner = runner
        self.idle_timeout_ms = idle_timeout_ms
        self.window: QWidget | None = None
        self.session: Session | None = None

    def start(self) -> QWidget:
        if restore_journal.pending(self.folder) is not None:
            return self.show_interrupted_restore()
        if vault_present(self.folder):
            return self.show_sign_in()
        return self.show_setup()

    def show_interrupted_restore(self) -> QWidget:
        """Both vaults are in the folder: the person chooses which one to keep using."""
        journal = restore_journal.pending(self.folder)
        assert journal is not None
        box = QMessageBox(QMessageBox.Icon.Warning, "Opal Desktop — restore interrupted",
                          f"{journal.describe(self.folder)}\n\nFinish the restore to use the vault "
                          "from the backup, or undo it to go back to the vault that was there.")  # fmt: skip
        box.setObjectName("interruptedRestoreBox")
        finish = box.addButton("&Finish the restore", QMessageBox.ButtonRole.AcceptRole)
        undo = box.addButton("&Undo the restore", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        finish.setObjectName("finishRestoreButton")
        undo.setObjectName("undoRestoreButton")
        box.setDefaultButton(finish)
        box.buttonClicked.connect(lambda button: self._settle_restore(button, finish, undo))
        return self._replace_window(box)

    def _settle_restore(self, button: object, finish: object, undo: object) -> None:
        from opal_desktop.vault.backup import finish_restore, undo_restore

        if button not in (finish, undo):
            self.quit()
            return
        try:
            (finish_restore if button is finish else undo_restore)(self.folder)
        except UserError as error:
            QMessageBox.warning(None, "Opal Desktop", str(error))
            self.quit()
            return
        self.start()

    def _replace_window(self, window: QWidget) -> QWidget:
        old, self.window = self.window, window
        window.show()
        if old is not None:
            old.hide()
            old.deleteLater()
        return window

    def show_setup(self) -> QWidget:
        from opal_desktop.gui.windows.setup_wizard import SetupWizard

        wizard = SetupWizard(self.folder, self.runner)
        wizard.vault_created.connect(self.open_main)
        wizard.setup_cancelled.connect(self.quit)
        return self._replace_window(wizard)

    def show_sign_in(self) -> QWidget:
        window = SignInWindow(self.folder, self.runner)
        window.resize(900, 600)
        window.signed_in.connect(self.open_main)
        QTimer.singleShot(WARM_UP_DELAY_MS, warm_up_main_window)
        return self._replace_window(window)

    def open_main(self, session: Session) -> QWidget:
        from opal_desktop.domain.roles import Permission
        from opal_desktop.gui.windows.main_window import MainWindow

        self.session = session
        window = MainWindow(session, self.runner, self.idle_timeout_ms)
        window.sign_out_requested.connect(self.sign_out)
        window.quit_requested.connect(self.quit)
        self._replace_window(window)
        if session.vault.can(Permission.EDIT_ANY_STORE_INCIDENTS):
            window.open_dashboard()  # a manager's picture first; the list stays behind it
            window.idle.start()  # idleness counts from when the screens are up
        window.reopen_recovered()
        window.show_key_file_notice()
        if session.vault.actor.must_change_password:
            window.open_change_password(forced=True)
        return window

    def sign_out(self) -> None:
        self._close_vault()
        self.show_sign_in()

    def quit(self) -> None:
        self._close_vault()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _close_vault(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            self.runner.run(session.vault.close)

    def shutdown(self) -> None:
        """At exit: close the vault if still open, and let the worker finish."""
        self._close_vault()
        self.runner.shutdown()


def _vault_argument(argv: list[str]) -> str | None:
    """`--vault PATH` or `--vault=PATH`."""
    for position, arg in enumerate(argv):
        if arg.startswith("--vault="):
            return arg.removeprefix("--vault=")
        if arg == "--vault" and position + 1 < len(argv):
            return argv[position + 1]
    return None


def _report_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Show a plain sentence; the details go to stderr only (never to a file on disk)."""
    import traceback

    traceback.print_exception(kind, error, tb, file=sys.stderr)
    error = damage_found(error) or error
    if isinstance(error, UserError):
        text = str(error)
    else:
        text = (
            "Something went wrong inside Opal Desktop. Your vault is safe; "
            "close the app and open it again. If it keeps happening, tell your administrator."
        )
    box = QMessageBox(QMessageBox.Icon.Warning, "Opal Desktop", text)
    box.open()
    _open_boxes.append(box)


_open_boxes: list[QWidget] = []  # keeps shown error boxes alive


def tell_previous_crash(folder: Path, window: QWidget | None) -> QMessageBox | None:
    """At start: if the last run died in native code, say so once (see crash_report)."""
    sentence = crash_report.previous_crash(folder)
    if sentence is None:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, "Opal Desktop", sentence,
                      QMessageBox.StandardButton.Ok, window)  # fmt: skip
    box.setObjectName("previousCrashBox")
    box.open()
    _open_boxes.append(box)
    return box


def run_gui(argv: list[str]) -> int:
    folder = resolve_vault_dir(_vault_argument(argv))
    crashes = crash_report.watch(folder)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Opal Desktop")
    app.setOrganizationName("Opal Desktop")
    apply_style(app)
    file_dialogs.forget_history()  # whatever an older version's dialogs left behind
    sys.excepthook = _report_unexpected
    controller = AppController(folder, TaskRunner())
    tell_previous_crash(folder, controller.start())
    if os.environ.get(QUIT_WHEN_SHOWN_ENV):
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        controller.shutdown()
        if crashes is not None:
            crashes.stop()
