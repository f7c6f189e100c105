"""The demo vault for the package GUI tests: built once per run, copied for each test.

The demo has series ready to refer (Grey Audi spirits team) and not ready (Razor blade
sweep pair), with CCTV stills; its manager may build, export and import packages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from opal_desktop.gui.app import AppController
from opal_desktop.gui.windows.main_window import MainWindow
from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.vault import keyfile

from .conftest import ControllerFactory, open_main_window

PASSWORD = "demo password long"
READY, NOT_READY = "Grey Audi spirits team", "Razor blade sweep pair"
_built: dict[str, DemoResult] = {}


def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    """One demo vault for the whole run (the cheap KDF is per test, so set it here)."""
    if "demo" not in _built:
        saved = keyfile.DEFAULT_KDF
        keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
        try:
            folder = tmp_path_factory.mktemp("packages-demo") / "vault"
            _built["demo"] = build_demo(folder, incidents=80, seed=11, password=PASSWORD)
        finally:
            keyfile.DEFAULT_KDF = saved
    return _built["demo"]


def demo_main_window(
    qtbot: QtBot, make_controller: ControllerFactory, tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory, username: str = "manager",
) -> tuple[MainWindow, DemoResult]:  # fmt: skip
    """A fresh copy of the demo vault, signed in as `username`."""
    built = demo(tmp_path_factory)
    folder = tmp_path / "demo"
    shutil.copytree(built.folder, folder)
    controller: AppController = make_controller(folder)
    return open_main_window(qtbot, controller, username, PASSWORD), built


def series_reference(built: DemoResult, name: str) -> str:
    return built.series_named(name).series_reference
