"""The main window shell: menus, toolbar, status bar, the incident list and the lock cover."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QMessageBox, QWidget

from opal_desktop.domain.roles import Permission, allows
from opal_desktop.errors import UserError
from opal_desktop.gui.forms.main_window_ui import Ui_MainWindow
from opal_desktop.gui.idle import IdleWatcher
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.session import Session
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.window_memory import remember_geometry
from opal_desktop.gui.windows.incident_list import IncidentListView
from opal_desktop.gui.windows.lock_screen import LockScreen

if TYPE_CHECKING:
    from opal_desktop.gui.linking.window import LinkingWindow
    from opal_desktop.gui.windows.incident_editor import EditorContext, IncidentEditor

VAULT_OPEN = "Vault open · encrypted"
VAULT_LOCKED = "Vault locked · encrypted"


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    quit_requested = Signal()
    locking = Signal()  # before the cover goes up: open editors save their drafts

    def __init__(
        self, session: Session, runner: TaskRunner, idle_timeout_ms: int | None = None
    ) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.session = session
        self.runner = runner
        self._locked = False
        self._hidden_while_locked: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self._leaving = False
        self._open_windows: dict[str, QWidget] = {}
        self._editors: list[IncidentEditor] = []

        self.incident_list = IncidentListView(session.vault, runner, self)
        self.ui.listPageLayout.addWidget(self.incident_list)
        self.incident_list.total_changed.connect(self._show_list_or_empty)
        self.incident_list.open_requested.connect(self.open_incident)

        self.lock_screen = LockScreen(session.vault, runner, self)
        self.ui.stack.addWidget(self.lock_screen)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out_requested.connect(self.request_sign_out)

        timeout = idle_timeout_ms or session.idle_lock_minutes * 60_000
        self.idle = IdleWatcher(timeout, self)
        self.idle.idle.connect(self._lock_when_idle)

        self._build_status_bar()
        self._apply_role()
        self._connect_actions()
        self.setWindowTitle(f"Opal Desktop — {session.store_name}")
        remember_geometry(self, "main-window")
        self.idle.start()

    # --- building -------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        actor = self.session.vault.actor
        self.user_label = QLabel(f"Signed in: {actor.display_name}")
        self.role_label = QLabel(actor.role.label)
        self.store_label = QLabel(f"{actor.store_code} · {self.session.store_name}")
        self.vault_label = QLabel(VAULT_OPEN)
        for label in (self.user_label, self.role_label, self.store_label):
            self.ui.statusBar.addWidget(label)
        self.ui.statusBar.addPermanentWidget(self.vault_label)

    def _apply_role(self) -> None:
        """Mirror the role rules; the services enforce them anyway."""
        role = self.session.vault.actor.role
        self.ui.actionUsers.setVisible(allows(role, Permission.MANAGE_USERS))
        self.ui.actionSettings.setVisible(allows(role, Permission.MANAGE_SETTINGS))
        self.ui.actionAudit.setVisible(allows(role, Permission.VIEW_AUDIT))
        admin_actions = (self.ui.actionUsers, self.ui.actionSettings, self.ui.actionAudit)
        self.ui.menuAdmin.menuAction().setVisible(any(a.isVisible() for a in admin_actions))

    def _connect_actions(self) -> None:
        self.ui.actionNewIncident.triggered.connect(self.new_incident)
        self.action_import_csv = QAction("&Import incidents from a spreadsheet (CSV)…", self)
        self.ui.menuFile.insertAction(self.ui.menuFile.actions()[1], self.action_import_csv)
        self.action_import_csv.triggered.connect(self.open_csv_import)
        self.ui.emptyNewButton.clicked.connect(self.new_incident)
        self.ui.actionLock.triggered.connect(lambda: self.lock("Locked."))
        self.ui.actionSignOut.triggered.connect(self.request_sign_out)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionChangePassword.triggered.connect(lambda: self.open_change_password())
        self.ui.actionUsers.triggered.connect(self.open_users)
        self.ui.actionSettings.triggered.connect(self.open_settings)
        self.ui.actionAudit.triggered.connect(self.open_audit)
        self.ui.actionAbout.triggered.connect(self.show_about)
        self._add_dashboard_action()
        self._add_referral_action()
        self._add_linking_menu()
        self._add_packages_menu()

    # --- locking --------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._locked

    def _lock_when_idle(self) -> None:
        minutes = max(1, round(self.idle.timeout_ms / 60_000))
        noun = "minute" if minutes == 1 else "minutes"
        self.lock(f"Locked after {minutes} {noun} without activity.")

    def lock(self, reason: str) -> None:
        """Cover everything; windows stay open underneath so nothing is lost."""
        if self._locked:
            return
        self._locked = True
        self.locking.emit()
        self.idle.stop()
        self._focus_before_lock = QApplication.focusWidget()
        self._hidden_while_locked = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not self
            and w.isVisible()
            and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ]
        for window in self._hidden_while_locked:
            window.hide()
        for action in self.actions_to_freeze():
            action.setEnabled(False)
        self.ui.toolBar.setVisible(False)
        self.ui.stack.setCurrentWidget(self.lock_screen)
        self.vault_label.setText(VAULT_LOCKED)
        self.lock_screen.activate(reason)
        vault = self.session.vault
        self.runner.run(lambda: vault.record_lock(True, reason.rstrip(".")))

    def unlock(self) -> None:
        self._locked = False
        self.ui.stack.setCurrentWidget(self.ui.homePage)
        self.ui.toolBar.setVisible(True)
        for action in self.actions_to_freeze():
            action.setEnabled(True)
        self.vault_label.setText(VAULT_OPEN)
        for window in self._hidden_while_locked:
            window.show()
        self._hidden_while_locked = []
        if self._focus_before_lock is not None and self._focus_before_lock.isVisible():
            self._focus_before_lock.setFocus()
        self.idle.start()

    def actions_to_freeze(self) -> list[QAction]:
        ui = self.ui
        return [
            ui.actionNewIncident,
            self.action_import_csv,
            ui.actionChangePassword,
            ui.actionLock,
            ui.actionSignOut,
            ui.actionUsers,
            ui.actionSettings,
            ui.actionAudit,
            ui.actionAbout,
            ui.menuAdmin.menuAction(),
            ui.menuHelp.menuAction(),
            self.action_check_referral,
            self.action_dashboard,
            self.menu_linking.menuAction(),
            self.menu_packages.menuAction(),
        ]

    # --- leaving --------------------------------------------------------------------

    def request_sign_out(self) -> None:
        self._leave()
        self.sign_out_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving:
            self._leave()
            self.quit_requested.emit()
        event.accept()

    def _leave(self) -> None:
        self._leaving = True
        self.idle.stop()
        for editor in list(self._editors):
            editor.save_and_close()
        for window in self._open_windows.values():
            window.close()
        for window in self._hidden_while_locked:
            window.close()

    # --- other windows --------------------------------------------------------------

    def _show_single(self, key: str, window: QWidget) -> None:
        """One window of each kind: the one it replaces (closed, so only hidden) is deleted,
        or every audit or settings window ever opened would stay in memory until sign-out."""
        old = self._open_windows.get(key)
        if old is not None and old is not window and shiboken6.isValid(old):
            old.close()
            old.deleteLater()
        self._open_windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()

    # --- incidents ------------------------------------------------------------------

    def _show_list_or_empty(self, total: int) -> None:
        page = self.ui.listPage if total else self.ui.emptyPage
        had_focus = self.ui.homeStack.currentWidget() is not page
        self.ui.homeStack.setCurrentWidget(page)
        if had_focus and total and not self._locked:
            self.incident_list.ui.searchEdit.setFocus()

    def new_incident(self) -> None:
        from opal_desktop.gui.windows.incident_editor import load_for_editing

        vault = self.session.vault
        self.runner.run(
            lambda: load_for_editing(vault, None), self._show_editor, self.incident_list.show_error
        )

    def open_incident(self, reference: str) -> None:
        from opal_desktop.gui.windows.incident_editor import load_for_editing

        for editor in self._editors:
            if editor.reference == reference:
                editor.show()
                editor.raise_()
                editor.activateWindow()
                return
        vault = self.session.vault
        self.runner.run(
            lambda: load_for_editing(vault, reference),
            self._show_editor,
            self._could_not_open,
        )

    def _could_not_open(self, error: UserError) -> None:
        self._show_list_or_empty(1)  # the sentence is shown above the list
        self.incident_list.show_error(error)

    def _show_editor(self, context: EditorContext) -> IncidentEditor:
        from opal_desktop.gui.windows.incident_editor import IncidentEditor

        editor = IncidentEditor(context, self.session.vault, self.runner, self)
        self._editors.append(editor)
        self.locking.connect(editor.save_now)
        editor.saved.connect(self.incident_list.refresh)
        editor.stills_changed.connect(self.incident_list.refresh)  # its Stills column
        editor.deleted.connect(self.incident_list.refresh)
        editor.closed.connect(lambda: self._forget_editor(editor))
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def _forget_editor(self, editor: IncidentEditor) -> None:
        if editor in self._editors:
            self._editors.remove(editor)
            self.locking.disconnect(editor.save_now)

    @property
    def editors(self) -> list[IncidentEditor]:
        return list(self._editors)

    def reopen_recovered(self) -> QMessageBox | None:
        """After an abnormal end: reopen the incidents that were open, and say so."""
        from opal_desktop.incidents.editing import recovery_sentence

        found = self.session.recovered
        if not found:
            return None
        for item in found:
            self.open_incident(item.reference)
        box = QMessageBox(QMessageBox.Icon.Information, "Your work was recovered",
                          recovery_sentence(found), QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("recoveredBox")
        box.open()  # the editors open behind it; OK leaves them for the person to check
        return box

    def show_trust_notice(self) -> QMessageBox | None:
        """An older database than last time, a key not handed over yet, an interrupted key
        change (issue 16): one box, as for the key file."""
        vault = self.session.vault
        notices = vault.trust_notices()
        if not notices:
            return None
        title = ("This may be an older copy of the vault" if vault.rollback_notice
                 else "The vault's keys")  # fmt: skip
        box = QMessageBox(QMessageBox.Icon.Warning, title, "\n\n".join(notices),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("trustNoticeBox")
        box.open()
        return box

    def show_key_file_notice(self) -> QMessageBox | None:
        """A copy of the key file was damaged (and repaired) at sign-in: say so."""
        self.show_trust_notice()  # issue 16: shown with it, in its own box
        notice = self.session.vault.key_file_notice
        if not notice:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, "The vault's key file", notice,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("keyFileNoticeBox")
        box.open()
        return box

    def open_csv_import(self) -> None:
        from opal_desktop.gui.windows.csv_import_dialog import CsvImportDialog

        existing = self._open_windows.get("csv-import")
        if existing is not None and existing.isVisible():
            existing.raise_()
            return
        dialog = CsvImportDialog(self.session.vault, self.runner, self)
        dialog.imported.connect(lambda _count: self.incident_list.refresh())
        dialog.finished.connect(lambda _result: self._open_windows.pop("csv-import", None))
        self._show_single("csv-import", dialog)

    def _add_dashboard_action(self) -> None:
        self.action_dashboard = QAction("&Dashboard…", self)
        self.action_dashboard.setShortcut("Ctrl+D")
        self.ui.menuFile.insertAction(self.ui.menuFile.actions()[0], self.action_dashboard)
        self.ui.toolBar.insertAction(self.ui.toolBar.actions()[0], self.action_dashboard)
        self.action_dashboard.triggered.connect(self.open_dashboard)

    def open_dashboard(self) -> QWidget:
        """Managers see it first after sign-in; officers open it for their store."""
        from opal_desktop.gui.windows.dashboard import DashboardWindow

        existing = self._open_windows.get("dashboard")
        if isinstance(existing, DashboardWindow) and shiboken6.isValid(existing):
            existing.load()
            self._show_single("dashboard", existing)
            return existing
        window = DashboardWindow(self.session.vault, self.runner, self)
        # the main window's keys work from the dashboard too (Ctrl+N, Ctrl+L, Ctrl+R)
        window.addActions(
            [self.ui.actionNewIncident, self.ui.actionLock, self.action_check_referral]
        )
        window.list_requested.connect(self.show_in_list)
        window.open_incident_requested.connect(self.open_incident)
        self._show_single("dashboard", window)
        return window

    def show_in_list(self, flt: object, caption: str) -> None:
        """The incident list, filtered to what a dashboard figure counts."""
        self.incident_list.show_drill(flt, caption)  # type: ignore[arg-type]
        self._show_list_or_empty(1)
        self.raise_()
        self.activateWindow()

    def _add_linking_menu(self) -> None:
        """Linking: subjects and vehicles for everyone (officers see their store's);
        series for managers and administrators."""
        self.menu_linking = QMenu("&Linking", self)
        self.ui.menuBar.insertMenu(self.ui.menuAdmin.menuAction(), self.menu_linking)
        self.action_subjects = self.menu_linking.addAction("&Subjects…", self.open_subjects)
        self.action_vehicles = self.menu_linking.addAction("&Vehicles…", self.open_vehicles)
        self.action_series = self.menu_linking.addAction("S&eries…", self.open_series)
        role = self.session.vault.actor.role
        self.action_series.setVisible(allows(role, Permission.LINK_INCIDENTS))

    def _open_linking(self, key: str, make: Callable[[], LinkingWindow]) -> QWidget:
        from opal_desktop.gui.linking.window import LinkingWindow

        existing = self._open_windows.get(key)
        if isinstance(existing, LinkingWindow) and shiboken6.isValid(existing):
            existing.refresh()  # closing only hides it: show it again, up to date
            self._show_single(key, existing)
            return existing
        window = make()
        window.open_incident_requested.connect(self.open_incident)
        self._show_single(key, window)
        return window

    def open_subjects(self) -> QWidget:
        from opal_desktop.gui.linking.subjects_window import SubjectsWindow

        return self._open_linking(
            "subjects", lambda: SubjectsWindow(self.session.vault, self.runner, self)
        )

    def open_vehicles(self) -> QWidget:
        from opal_desktop.gui.linking.vehicles_window import VehiclesWindow

        return self._open_linking(
            "vehicles", lambda: VehiclesWindow(self.session.vault, self.runner, self)
        )

    def open_series(self) -> QWidget:
        from opal_desktop.gui.linking.series_window import SeriesWindow

        def make() -> SeriesWindow:
            window = SeriesWindow(self.session.vault, self.runner, self)
            window.check_requested.connect(lambda ref: self.open_checklist(CheckTarget(series=ref)))
            window.package_requested.connect(lambda ref: self.new_package(CheckTarget(series=ref)))
            return window

        return self._open_linking("series", make)

    def _add_packages_menu(self) -> None:
        """Packages: verify for everyone; build, export, import and trusted senders for managers
        and admins."""
        self.menu_packages = QMenu("&Packages", self)
        self.ui.menuBar.insertMenu(self.ui.menuAdmin.menuAction(), self.menu_packages)
        menu = self.menu_packages
        self.action_packages = menu.addAction("&Packages…", self.open_packages)
        self.action_new_package = menu.addAction("&New package…", lambda: self.new_package())
        self.action_verify_package = menu.addAction("&Verify a package…", self.open_verify)
        self.action_import_package = menu.addAction(
            "&Import a store's package…", self.open_package_import
        )
        self.action_trusted_senders = menu.addAction("&Trusted senders…", self.open_trusted_senders)
        role = self.session.vault.actor.role
        for action in (self.action_packages, self.action_new_package):
            action.setVisible(allows(role, Permission.EXPORT_PACKAGES))
        for action in (self.action_import_package, self.action_trusted_senders):
            action.setVisible(allows(role, Permission.IMPORT_PACKAGES))

    def open_packages(self) -> QWidget:
        from opal_desktop.gui.packages.packages_window import PackagesWindow

        return self._open_linking(
            "packages", lambda: PackagesWindow(self.session.vault, self.runner, self)
        )

    def new_package(self, target: CheckTarget | None = None) -> QWidget:
        """From a series, or else from the incidents selected in the list (if any)."""
        from opal_desktop.gui.packages.packages_window import PackagesWindow

        selected = tuple(self.incident_list.selected_references())
        if target is None and selected:
            target = CheckTarget(incidents=selected)
        window = self.open_packages()
        assert isinstance(window, PackagesWindow)
        return window.new_package(target)

    def open_verify(self) -> QWidget:
        from opal_desktop.gui.packages.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.runner, self)
        self._show_single("verify", dialog)
        return dialog

    def open_package_import(self) -> QWidget:
        from opal_desktop.gui.packages.import_dialog import ImportDialog

        dialog = ImportDialog(self.session.vault, self.runner, self)
        dialog.imported.connect(self.incident_list.refresh)
        self._show_single("package-import", dialog)
        return dialog

    def open_trusted_senders(self) -> QWidget:
        """The senders whose packages this vault imports (managers and administrators)."""
        from opal_desktop.gui.packages.trusted_window import TrustedSendersWindow

        return self._open_linking(
            "trusted-senders", lambda: TrustedSendersWindow(self.session.vault, self.runner, self)
        )

    def _add_referral_action(self) -> None:
        """Check referral readiness (Ctrl+R) for the incidents selected in the list: everyone
        (officers their own store's incidents; the service enforces that)."""
        action = QAction("Check &referral readiness…", self)
        action.setShortcut("Ctrl+R")
        action.setToolTip("Check whether the selected incidents are ready for Opal (Ctrl+R)")
        action.triggered.connect(self.check_referral)
        # after New incident and Import (menu), after New incident (toolbar)
        menu, tools = self.ui.menuFile.actions(), self.ui.toolBar.actions()
        self.ui.menuFile.insertAction(menu[menu.index(self.ui.actionNewIncident) + 2], action)
        self.ui.toolBar.insertAction(tools[tools.index(self.ui.actionNewIncident) + 1], action)
        self.action_check_referral = action

    def check_referral(self) -> QWidget | None:
        references = self.incident_list.selected_references()
        if not references:
            self._show_list_or_empty(1)  # the sentence is shown above the list
            self.incident_list.show_error(
                "Select the incidents to check in the list first (Ctrl or Shift and click to "
                "select several), then choose Check referral readiness again."
            )
            return None
        return self.open_checklist(CheckTarget(incidents=tuple(references)))

    def open_checklist(self, target: CheckTarget) -> QWidget:
        """The referral checklist for incidents or a series; one at a time."""
        from opal_desktop.gui.referral.checklist import ChecklistDialog

        existing = self._open_windows.get("referral")
        if isinstance(existing, ChecklistDialog):  # closing only hides it
            existing.check(target)
            self._show_single("referral", existing)
            return existing
        dialog = ChecklistDialog(self.session.vault, self.runner, target, self.open_incident, self)
        self._show_single("referral", dialog)
        return dialog

    def open_users(self) -> None:
        from opal_desktop.gui.windows.users_dialog import UsersDialog

        existing = self._open_windows.get("users")
        if existing is not None and existing.isVisible():
            existing.raise_()
            return
        self._show_single("users", UsersDialog(self.session.vault, self.runner, self))

    def open_audit(self) -> None:
        from opal_desktop.gui.windows.audit_window import AuditWindow

        existing = self._open_windows.get("audit")
        if existing is not None and existing.isVisible():
            existing.raise_()
            return
        self._show_single("audit", AuditWindow(self.session.vault, self.runner, self))

    def open_settings(self) -> None:
        from opal_desktop.gui.windows.settings_dialog import SettingsDialog

        existing = self._open_windows.get("settings")
        if existing is not None and existing.isVisible():
            existing.raise_()
            return
        dialog = SettingsDialog(self.session.vault, self.runner, self)
        dialog.idle_minutes_changed.connect(lambda m: self.idle.set_timeout_ms(m * 60_000))
        self._show_single("settings", dialog)

    def open_change_password(self, forced: bool = False) -> QWidget:
        from opal_desktop.gui.windows.change_password import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.session.vault, self.runner, self, forced=forced)
        if forced:
            dialog.rejected.connect(self.request_sign_out)
        self._show_single("password", dialog)
        return dialog

    def show_about(self) -> QWidget:
        from opal_desktop.gui.windows.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.open()
        return dialog
