"""Shared helpers: medians, the result table, and the JSON record."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

# For child processes: their own peak memory. ru_maxrss is no good on Linux when the parent
# is large: it keeps the high-water mark from before exec. VmHWM belongs to the new program.
PEAK_KIB_CODE = """
def _peak_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""


@dataclass
class Figure:
    name: str
    ours_s: float
    baseline_s: float
    baseline: str
    goal: str
    met: bool
    note: str = ""
    unit: str = "s"  # "s" (shown in ms) or "MiB"

    @property
    def ratio(self) -> float:
        return self.ours_s / self.baseline_s if self.baseline_s else float("inf")


def median_time(run: Callable[[], float], repeats: int) -> float:
    """`run` returns the seconds it measured itself (so set-up stays out of the figure)."""
    return statistics.median(run() for _ in range(repeats))


def stopwatch() -> Callable[[], float]:
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def _amount(value: float, unit: str) -> str:
    return f"{value:6.0f}MiB" if unit == "MiB" else f"{value * 1000:7.1f}ms"


def report(figures: list[Figure]) -> Path:
    width = max(len(f.name) for f in figures)
    print(
        f"\n{'benchmark'.ljust(width)}  {'ours':>9}  {'baseline':>9}  {'ratio':>6}  goal        met"
    )
    for f in figures:
        print(
            f"{f.name.ljust(width)}  {_amount(f.ours_s, f.unit)}  {_amount(f.baseline_s, f.unit)}  "
            f"{f.ratio:5.2f}x  {f.goal:<10}  {'yes' if f.met else 'NO'}"
        )
        print(f"{''.ljust(width)}  baseline: {f.baseline}{'; ' + f.note if f.note else ''}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "latest.json"
    doc = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "figures": [asdict(f) | {"ratio": round(f.ratio, 3)} for f in figures],
    }
    out.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"\nwritten to {out}")
    return out
