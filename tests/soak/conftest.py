"""Soak fixtures: one demo vault on disk for the whole run, counts, and the figures.

`make soak` runs the full counts; `OPAL_SOAK=short make soak` (what .ci/run does) runs
the short form. Every phase prints one figures line and they are all written to
work/soak/soak-<form>.json (work/ is gitignored) for the notes.
"""

from __future__ import annotations

import json
import os
import pickle
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gui.conftest import OFFSCREEN_NOISE, make_controller, own_settings, runner

from opal_desktop.incidents.demo import DemoResult

__all__ = ["make_controller", "own_settings", "runner"]  # fixtures shared with tests/gui

PASSWORD = "soak password long"
REPO = Path(__file__).resolve().parents[2]
FIGURES_DIR = REPO / "work" / "soak"


@dataclass(frozen=True)
class Counts:
    form: str
    characters: int  # typed into each text field of the editor
    rows: int  # goods lines, offenders and vehicles added then removed
    incidents: int  # in the demo vault the list scrolls through
    notches: int  # wheel notches over the list
    pages: int  # PageDown presses (then as many PageUp), besides End and Home
    queries: int  # search-as-you-type queries
    cycles: int  # times every window is opened and closed
    locks: int  # lock and unlock
    growth_mb: int  # the bound on RSS growth within a phase (see test_soak.py)


FULL = Counts("full", 10_000, 50, 100_000, 3_000, 300, 500, 50, 50, 300)
SHORT = Counts("short", 1_000, 10, 5_000, 300, 30, 50, 5, 5, 200)


def soak_counts() -> Counts:
    form = os.environ.get("OPAL_SOAK", "full").strip().lower() or "full"
    if form not in ("full", "short"):
        raise pytest.UsageError(f"OPAL_SOAK is '{form}': use 'full' (the default) or 'short'.")
    return FULL if form == "full" else SHORT


def rss_mb() -> float:
    """The resident set size now (Linux /proc; elsewhere the peak is the best we have)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return peak_rss_mb()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, else KiB


@dataclass
class Phase:
    """One phase's figures: counters the test bumps, memory and time measured here."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    rss_start_mb: float = field(default_factory=rss_mb)
    rss_warm_mb: float = 0.0
    rss_end_mb: float = 0.0
    peak_mb: float = 0.0
    seconds: float = 0.0

    def add(self, what: str, number: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    def progress(self, what: str) -> None:
        """A line while a long phase runs, so a slow or stuck one shows where it is."""
        done = time.monotonic() - self.started
        print(f"  {self.name}: {what} ({done:.0f} s, RSS {rss_mb():.0f} MB)", flush=True)

    def warmed_up(self) -> None:
        """Call once the phase has done its first round: growth is measured from here."""
        self.rss_warm_mb = rss_mb()

    def finish(self) -> None:
        self.seconds = time.monotonic() - self.started
        self.rss_end_mb = rss_mb()
        self.peak_mb = peak_rss_mb()
        if not self.rss_warm_mb:
            self.rss_warm_mb = self.rss_start_mb

    @property
    def growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_warm_mb

    def line(self) -> str:
        done = ", ".join(f"{what} {number:,}" for what, number in self.counts.items())
        return (
            f"SOAK {self.name}: {done}; RSS {self.rss_warm_mb:.0f} MB after warm-up -> "
            f"{self.rss_end_mb:.0f} MB (growth {self.growth_mb:+.0f} MB); "
            f"peak RSS {self.peak_mb:.0f} MB; {self.seconds:.1f} s"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "phase": self.name,
            **self.counts,
            "rss_warm_mb": round(self.rss_warm_mb, 1),
            "rss_end_mb": round(self.rss_end_mb, 1),
            "growth_mb": round(self.growth_mb, 1),
            "peak_rss_mb": round(self.peak_mb, 1),
            "seconds": round(self.seconds, 1),
        }


class Figures:
    def __init__(self, counts: Counts) -> None:
        self.counts = counts
        self.phases: list[Phase] = []
        self.lines: list[str] = []
        self.started = time.monotonic()

    def phase(self, name: str) -> Phase:
        self.phases.append(Phase(name))
        return self.phases[-1]

    def report(self, phase: Phase) -> None:
        phase.finish()
        print(f"\n{phase.line()}", flush=True)
        self.lines.append(phase.line())
        self.write()

    def note(self, line: str) -> None:
        print(f"\n{line}", flush=True)
        self.lines.append(line)

    def write(self) -> Path:
        FIGURES_DIR.mkdir(parents=True, exist_ok=True)
        path = FIGURES_DIR / f"soak-{self.counts.form}.json"
        document = {
            "form": self.counts.form,
            "counts": self.counts.__dict__,
            "python": platform.python_version(),
            "pyside6": _pyside_version(),
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "seconds": round(time.monotonic() - self.started, 1),
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "phases": [p.as_json() for p in self.phases if p.seconds],
        }
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(document, indent=2) + "\n")
        temporary.replace(path)
        return path


def _pyside_version() -> str:
    import PySide6

    return str(PySide6.__version__)


_figures: list[Figures] = []


@pytest.fixture(scope="session")
def counts() -> Counts:
    return soak_counts()


@pytest.fixture(scope="session")
def figures(counts: Counts) -> Figures:
    if not _figures:
        _figures.append(Figures(counts))
    return _figures[0]


# The demo is built in a process of its own (with the cheap test KDF), so that building
# 100,000 incidents does not count in the soak process's own peak memory.
BUILD = """
import pickle, sys
from pathlib import Path
from opal_desktop.vault import keyfile
keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
from opal_desktop.incidents.demo import build_demo
built = build_demo(Path(sys.argv[1]), incidents=int(sys.argv[2]), seed=13, password=sys.argv[3])
sys.stdout.buffer.write(pickle.dumps(built))
"""


@pytest.fixture(scope="session")
def soak_demo(
    tmp_path_factory: pytest.TempPathFactory, counts: Counts, figures: Figures
) -> DemoResult:
    """The demo vault (series, stills, packages' manager) with `counts.incidents` incidents;
    every phase signs in to this same vault on disk."""
    folder = tmp_path_factory.mktemp("soak") / "vault"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(folder), str(counts.incidents), PASSWORD],
        capture_output=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    built = pickle.loads(done.stdout)  # noqa: S301  # from the child started just above
    assert isinstance(built, DemoResult)
    seconds = time.monotonic() - started
    figures.note(f"SOAK demo vault: {counts.incidents:,} incidents built in {seconds:.0f} s")
    return built


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _figures and _figures[0].lines:
        terminalreporter.section("soak figures")
        for line in _figures[0].lines:
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"written to {_figures[0].write()}")
