"""The core never imports Qt, so every feature can run from tests and the command line."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import opal_desktop


def test_importing_every_core_module_loads_no_qt() -> None:
    core = [
        m.name
        for m in pkgutil.walk_packages(opal_desktop.__path__, "opal_desktop.")
        if not m.name.startswith("opal_desktop.gui")
        and ".migrations" not in m.name
        and m.name != "opal_desktop.__main__"
    ]
    assert "opal_desktop.vault.vault" in core
    script = (
        "import importlib, sys\n"
        f"for name in {core!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
