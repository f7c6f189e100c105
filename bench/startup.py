"""Start-up: process start to the sign-in window shown, against a bare PySide6 window.

Both are started the same way (a fresh interpreter, offscreen Qt) and quit as soon as their
first window has been shown and painted; the figure is the whole process wall time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Figure, median_time, stopwatch

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QTableView())
window.resize(900, 600)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["OPAL_DESKTOP_QUIT_WHEN_SHOWN"] = "1"
    return env


def _time(argv: list[str]) -> float:
    elapsed = stopwatch()
    subprocess.run(argv, env=_env(), check=True, stdout=subprocess.DEVNULL)
    return elapsed()


def _make_vault(folder: Path) -> None:
    from opal_desktop.vault.keyfile import KdfParams
    from opal_desktop.vault.vault import Vault, VaultSetup

    setup = VaultSetup(
        "Bench Retail",
        "Bench Store",
        "BEN01",
        "1 Bench Road",
        "LS1 4AP",
        "west-yorkshire",
        "admin",
        "Bench Admin",
        "bench password long",
    )
    vault, _ = Vault.create(folder, setup, KdfParams(8 * 1024, 1, 1))
    vault.close()


def run(repeats: int = 7) -> Figure:
    with tempfile.TemporaryDirectory() as tmp:
        vault_dir = Path(tmp) / "vault"
        _make_vault(vault_dir)
        app = [sys.executable, "-m", "opal_desktop", "--vault", str(vault_dir)]
        bare = [sys.executable, "-c", BARE_WINDOW]
        _time(bare), _time(app)  # warm the OS file cache for both
        baseline = median_time(lambda: _time(bare), repeats)
        ours = median_time(lambda: _time(app), repeats)
    return Figure(
        name="start-up to sign-in window",
        ours_s=ours,
        baseline_s=baseline,
        baseline="bare PySide6 window with a table view, same interpreter",
        goal="<= 1.3x",
        met=ours / baseline <= 1.3,
    )
