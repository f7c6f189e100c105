"""The installable bundle: its size, and frozen start-up against start-up from source.

Needs `make dist` first (dist/opal-desktop); without it the figures are skipped. Both
start-ups are the whole process, offscreen, quitting as soon as the sign-in window shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Figure, median_time, stopwatch
from bench.startup import _make_vault

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "opal-desktop"
GOAL_MB = 200


def _time(argv: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPAL_DESKTOP_QUIT_WHEN_SHOWN="1")
    elapsed = stopwatch()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return elapsed()


def run(repeats: int = 7) -> list[Figure]:
    executable = BUNDLE / ("opal-desktop.exe" if os.name == "nt" else "opal-desktop")
    if not executable.exists():
        print("bench.bundle: no bundle in dist/ (run `make dist` first); skipped")
        return []
    record = json.loads((ROOT / "dist" / "bundle.json").read_text())
    size_mb = record["size_bytes"] / 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        vault = Path(tmp) / "vault"
        _make_vault(vault)
        frozen = [str(executable), "--vault", str(vault)]
        source = [sys.executable, "-m", "opal_desktop", "--vault", str(vault)]
        _time(frozen), _time(source)  # warm the file cache for both
        frozen_s = median_time(lambda: _time(frozen), repeats)
        source_s = median_time(lambda: _time(source), repeats)
    return [
        Figure("bundle size (Linux, one folder)", record["size_bytes"] / 1_048_576, GOAL_MB * 1e6 / 1_048_576,
               "the 200 MB goal itself", "<= 200 MB", size_mb <= GOAL_MB, f"{size_mb:.1f} MB", unit="MiB"),
        Figure("frozen start-up to sign-in window", frozen_s, source_s, "the same, from source (compiled bytecode)",
               "reported", True),
    ]  # fmt: skip
