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
from opal_desktop.gui.packages.editor_form import PackageForm
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


def recipient_files(folder: Path) -> tuple[Path, Path]:
    """An encryption certificate (key encipherment only) and its key, as PEM files."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Opal intake")])
    usage = x509.KeyUsage(False, False, True, False, False, False, False, False, False)
    now = datetime.now(UTC)
    builder = x509.CertificateBuilder(name, name, key.public_key(), x509.random_serial_number(),
                                      now - timedelta(minutes=1), now + timedelta(days=30))  # fmt: skip
    cert = builder.add_extension(usage, critical=True).sign(key, hashes.SHA256())
    cert_path, key_path = folder / "opal-intake.pem", folder / "opal-intake.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path


def grade(form: PackageForm, source: str = "2", assessment: str = "B", handling: str = "P") -> None:
    """Choose the grading, as the person must: the editor starts with none."""
    for box, code in ((form.source_evaluation, source), (form.assessment, assessment),
                      (form.handling, handling)):  # fmt: skip
        box.setCurrentIndex(box.findData(code))
