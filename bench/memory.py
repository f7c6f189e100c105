"""Peak memory of the app with a 100,000-incident vault open: signed in, list shown,
scrolled to the end, a search run. Measured in a separate process (its own VmHWM), against a
bare PySide6 window with a table view measured the same way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.common import PEAK_KIB_CODE, Figure

_APP = r"""
import json, resource, sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from opal_desktop.gui.session import open_session
from opal_desktop.gui.tasks import TaskRunner
from opal_desktop.gui.windows.main_window import MainWindow

app = QApplication([])
runner = TaskRunner()
window = MainWindow(open_session(Path(sys.argv[1]), "manager", sys.argv[2]), runner)
window.resize(1280, 800)
window.show()

def settle(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)

settle(1.5)
table = window.incident_list.ui.table
table.scrollToBottom()
settle(1.5)
window.incident_list.ui.searchEdit.setText("razor")
settle(1.5)
table.scrollToBottom()
settle(1.0)
rows = window.incident_list.model.rowCount()
print(json.dumps({"rss_kib": _peak_kib(), "rows": rows}))
window.close()
runner.shutdown()
"""

_BARE = r"""
import json, resource
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1280, 800); w.show()
app.processEvents()
print(json.dumps({"rss_kib": _peak_kib()}))
"""


def _peak(script: str, *args: str) -> dict[str, int]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", PEAK_KIB_CODE + script, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, int] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(vault_folder: Path, password: str) -> Figure:
    ours = _peak(_APP, str(vault_folder), password)
    bare = _peak(_BARE)
    ours_mib, bare_mib = ours["rss_kib"] / 1024, bare["rss_kib"] / 1024
    return Figure(
        "peak memory, 100k vault open",
        ours_mib,
        bare_mib,
        "bare PySide6 window with a table view",
        "<= 300 MB",
        ours_mib * 1.048576 <= 300,
        f"signed in, list scrolled to the end, searched: {ours['rows']:,} rows found",
        unit="MiB",
    )
