"""A crash must not write the password, the key or incident text to a core file."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="core-file limits are POSIX")

# Runs the real entry point in a fresh interpreter; the GUI is replaced by a stand-in
# that reports the limit, so no Qt is needed.
_PROBE = """
import resource, sys, types
def report(args):
    print(*resource.getrlimit(resource.RLIMIT_CORE), file=sys.stderr)
    return 0
fake = types.ModuleType("opal_desktop.gui.app")
fake.run_gui = report
sys.modules["opal_desktop.gui.app"] = fake
from opal_desktop.__main__ import main
code = main(sys.argv[1:])
if sys.argv[1:] != []:
    print(*resource.getrlimit(resource.RLIMIT_CORE), file=sys.stderr)
sys.exit(code)
"""


def _allow_core_dumps() -> None:
    """As a shell with `ulimit -c unlimited` would start us (as far as the hard limit lets)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


@pytest.mark.parametrize("args", [[], ["forces"]], ids=["gui", "cli"])
def test_the_entry_point_turns_core_dumps_off(args: list[str]) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPAL_DESKTOP_")}
    before = subprocess.run(
        [sys.executable, "-c", "import resource; print(*resource.getrlimit(resource.RLIMIT_CORE))"],
        preexec_fn=_allow_core_dumps, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], preexec_fn=_allow_core_dumps, env=clean,
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    if before.stdout.split() == ["0", "0"]:
        pytest.skip("this machine forbids core files already: nothing to show")
    assert result.stderr.strip().splitlines()[-1] == "0 0", (before.stdout, result.stderr)
