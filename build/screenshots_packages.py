"""Screenshots of the package screens (packages list, editor, export, verify valid and
invalid, import) for build/screenshots.py; run alone (`python build/screenshots_packages.py
--out DIR`) to take only these.

They use the demo vault (built in the throwaway folder), signed in as its manager: the
"Grey Audi spirits team" series is ready to refer and has CCTV stills.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from opal_desktop.gui.packages.export_dialog import ExportDialog
from opal_desktop.gui.packages.packages_window import PackagesWindow
from opal_desktop.gui.packages.verify_dialog import VerifyDialog
from opal_desktop.gui.referral.work import CheckTarget
from opal_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from opal_desktop.vault.vault import Vault

from screenshots import PASSWORD, ROOT, save, settle, wait_until  # build/ is on the path

SERIES = "Grey Audi spirits team"


def shoot_packages(runner: TaskRunner, out: Path, folder: Path) -> None:
    from opal_desktop.incidents.demo import build_demo
    from opal_desktop.vault.vault import Vault

    demo = build_demo(folder / "packages-demo", incidents=80, seed=11, password=PASSWORD)
    vaults: list[Vault] = []
    runner.run(lambda: Vault.open(demo.folder, "manager", PASSWORD), vaults.append)
    wait_until(lambda: bool(vaults))
    vault = vaults[0]
    try:
        _shoot(vault, runner, out, folder, demo.series_named(SERIES).series_reference)
    finally:
        done: list[bool] = []
        runner.run(lambda: vault.close(), lambda _none: done.append(True))
        wait_until(lambda: bool(done))


def _shoot(vault: Vault, runner: TaskRunner, out: Path, folder: Path, series: str) -> None:
    window = PackagesWindow(vault, runner)
    window.show()
    editor = window.new_package(CheckTarget(series=series))
    wait_until(lambda: editor.check.view is not None and not editor.busy.running)
    editor.form.summary.setPlainText(
        "Two males in a grey Audi A4 taking premium spirits from stores across West and North "
        "Yorkshire, one acting as lookout. Same clothing and tactics on CCTV at every store."
    )
    editor.form.submitter_contact.setText("07700 900123")
    settle(0.5)
    save(editor, out, "package-editor", (1240, 860))
    editor.save()
    wait_until(lambda: bool(editor.reference) and not editor.busy.running)
    editor.close()
    wait_until(lambda: window.chosen() is not None)

    dialog = window.export()
    assert isinstance(dialog, ExportDialog)
    wait_until(lambda: dialog.context is not None)
    exported = folder / "exported"
    exported.mkdir()
    dialog.folder.set_path(exported)
    save(dialog, out, "export-dialog", (780, 660))
    dialog.export()
    wait_until(lambda: dialog.outcome is not None or not dialog.error.isHidden(), 300)
    save(dialog, out, "export-done", (780, 720))
    dialog.close()
    settle(0.5)
    save(window, out, "packages", (1100, 640))
    window.close()

    pdf = next(exported.glob("*.pdf"))
    cert = folder / "northern-grocers-cert.pem"
    from opal_desktop.vault.signing import certificate_pem

    cert.write_text(certificate_pem(vault))
    verify = VerifyDialog(runner)
    verify.show()
    verify.file.set_path(pdf)
    verify.trusted.set_path(cert)
    verify.verify()
    wait_until(lambda: verify.report is not None)
    save(verify, out, "verify-valid", (800, 600))
    tampered = folder / f"{pdf.stem}-changed.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    verify.file.set_path(tampered)
    verify.verify()
    wait_until(lambda: verify.report is not None)
    save(verify, out, "verify-invalid", (800, 600))
    verify.close()


def main(argv: list[str] | None = None) -> int:
    from opal_desktop.gui.style import apply_style
    from opal_desktop.vault import keyfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)  # a throwaway vault
    app = QApplication(sys.argv[:1])
    apply_style(app)
    runner = TaskRunner()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            shoot_packages(runner, args.out, Path(tmp))
    finally:
        runner.shutdown()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
