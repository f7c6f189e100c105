"""The sign-in window is shown without loading the database layer or anything heavy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "sqlcipher3", "pyhanko", "reportlab", "PIL", "zxcvbn")

PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from opal_desktop.gui.app import AppController
from opal_desktop.gui.style import apply_style
from opal_desktop.gui.tasks import TaskRunner
app = QApplication([])
apply_style(app)
runner = TaskRunner()
controller = AppController(Path(sys.argv[1]), runner)
window = controller.start()
app.processEvents()
loaded = sorted({name.split(".")[0] for name in sys.modules})
qt = sorted(name for name in sys.modules if name.startswith("PySide6.Qt"))
print(json.dumps({"window": type(window).__name__, "shown": window.isVisible(),
                  "loaded": loaded, "qt": qt}))
runner.shutdown()
"""


def test_sign_in_window_appears_without_heavy_imports(vault_folder: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(vault_folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["window"] == "SignInWindow" and facts["shown"]
    assert not set(HEAVY) & set(facts["loaded"])
    assert set(facts["qt"]) <= {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"}
