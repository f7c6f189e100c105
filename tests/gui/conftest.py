"""GUI test fixtures: offscreen Qt, cheap Argon2, a real vault in tmp_path, one worker."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from opal_desktop.domain.roles import Role
from opal_desktop.gui.app import AppController
from opal_desktop.gui.session import Session, open_session
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.vault import identity, keyfile

FAST_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
ADMIN = "j.smith"
ADMIN_PASSWORD = "kettle orbit velvet"
OFFICER = "a.khan"
OFFICER_PASSWORD = "lantern mossy pebble"
MANAGER = "r.patel"
MANAGER_PASSWORD = "copper walrus meadow"
T = TypeVar("T")
WAIT_MS = 15_000  # Argon2 even at test cost, on a busy 2-core machine


# The offscreen platform plugin says this when a shown window's minimum size changes
# (QWizard does so on every page), a window is raised, or a popup (the date fields'
# calendar) takes the keyboard; real platforms support all three. Nothing else is ignored.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyfile, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Qt's per-user settings (window sizes) in a folder of each test's own, never the
    developer's: a test starts with none and cannot leave any behind."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qt-settings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


@pytest.fixture
def styled_app(qtbot: QtBot) -> Iterator[object]:
    """The app's own look (font, palette, stylesheet) for a screenshot, put back afterwards:
    left on, it changes later tests' sizes."""
    from PySide6.QtWidgets import QApplication

    from opal_desktop.gui.style import apply_style

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, palette, sheet, style = app.font(), app.palette(), app.styleSheet(), app.style().name()
    apply_style(app)
    yield app
    app.setStyleSheet(sheet)
    app.setStyle(style)
    app.setPalette(palette)
    app.setFont(font)


@pytest.fixture(scope="session")
def signing_material() -> identity.IdentityMaterial:
    """RSA-3072 generation is slow: one certificate for every test vault."""
    return identity.generate("Northgate Retail Ltd", "Leeds Briggate", "LDS01")


@pytest.fixture
def vault_folder(
    tmp_path: Path, fast_kdf: None, signing_material: identity.IdentityMaterial
) -> Path:
    """A closed vault with an admin, a manager and an officer."""
    from opal_desktop.vault import users
    from opal_desktop.vault.vault import Vault, VaultSetup

    folder = tmp_path / "vault"
    vault, _code = Vault.create(
        folder,
        VaultSetup(
            organisation="Northgate Retail Ltd",
            store_name="Leeds Briggate",
            store_code="LDS01",
            address="12 Briggate, Leeds",
            postcode="LS1 6AZ",
            force_id="west-yorkshire",
            admin_username=ADMIN,
            admin_display_name="Jane Smith",
            admin_password=ADMIN_PASSWORD,
            identity=signing_material,
        ),
    )
    try:
        users.add_user(
            vault, OFFICER, "Amir Khan", Role.OFFICER, OFFICER_PASSWORD, must_change_password=False
        )
        users.add_user(
            vault, MANAGER, "Ravi Patel", Role.MANAGER, MANAGER_PASSWORD, must_change_password=False
        )
    finally:
        vault.close()
    return folder


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


ControllerFactory = Callable[..., AppController]


@pytest.fixture
def make_controller(runner: TaskRunner) -> Iterator[ControllerFactory]:
    """AppControllers on the shared worker; each is shut down (vault closed) at the end."""
    made: list[AppController] = []

    def make(folder: Path, idle_timeout_ms: int | None = None) -> AppController:
        made.append(AppController(folder, runner, idle_timeout_ms=idle_timeout_ms))
        return made[-1]

    yield make
    for app_controller in made:
        window = app_controller.window
        app_controller.shutdown()
        if window is not None:
            window.hide()
            window.deleteLater()


@pytest.fixture
def controller(make_controller: ControllerFactory, vault_folder: Path) -> AppController:
    return make_controller(vault_folder)


@pytest.fixture
def open_sessions() -> Iterator[list[Session]]:
    """Sessions opened directly by a test; closed at the end."""
    sessions: list[Session] = []
    yield sessions
    for session in sessions:
        session.vault.close(audited=False)


def open_main_window(
    qtbot: QtBot, controller: AppController, username: str, password: str
) -> MainWindow:
    """Sign in on the worker (as the sign-in window does) and wait for the main window."""
    folder = controller.folder
    controller.runner.run(lambda: open_session(folder, username, password), controller.open_main)
    qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=WAIT_MS)
    window = controller.window
    assert isinstance(window, MainWindow)
    return window


def run_on_worker(qtbot: QtBot, runner: TaskRunner, work: Callable[[], T]) -> T:
    """Run vault work where the GUI would (the worker), and wait for its answer."""
    answers: list[T] = []
    runner.run(work, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    return answers[0]
