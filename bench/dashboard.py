"""The dashboard on a 100,000-incident vault: first paint and a change of period.

- ours: through the app (dashboard.queries.compute, and for first paint the real
  DashboardWindow offscreen: built, figures computed on the worker, shown and painted);
- raw: the very statements compute() ran, recorded and replayed straight on a sqlcipher3
  connection (the referral check of each series in scope goes through its own code and is
  counted in ours only).

`python -m bench.dashboard [VAULT]` runs these alone (VAULT: an existing 100k demo vault,
made with the bench password, to skip building one).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench.common import Figure, report, stopwatch
from opal_desktop.vault import keyfile
from opal_desktop.vault.engine import DB_NAME, connect_raw
from opal_desktop.vault.vault import Vault

COUNT = 100_000
PASSWORD = "bench password long"
TODAY = date(2026, 12, 2)  # the demo's year ends 15/11/2026


def _recorded(vault: Vault, run: Callable[[], object]) -> list[tuple[str, dict[str, object]]]:
    """The SQL the dashboard's query module sent while `run` ran."""
    from opal_desktop.dashboard import queries

    seen: list[tuple[str, dict[str, object]]] = []
    real = queries._rows

    def spy(conn: Any, sql: str, params: dict[str, object]) -> list[Any]:
        seen.append((sql, dict(params)))
        return real(conn, sql, params)

    queries._rows = spy
    try:
        run()
    finally:
        queries._rows = real
    return seen


def _median(run: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        elapsed = stopwatch()
        run()
        times.append(elapsed())
    return sorted(times)[len(times) // 2]


def _first_paint(vault: Vault) -> tuple[float, float]:
    """(median of 3, the first and cold one: the dashboard's modules not yet imported)."""
    from PySide6.QtWidgets import QApplication

    from opal_desktop.gui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    times = []
    try:
        for _ in range(3):
            elapsed = stopwatch()
            from opal_desktop.gui.windows.dashboard import DashboardWindow

            window = DashboardWindow(vault, runner)
            window.resize(1366, 768)
            window.show()
            while window.figures is None:
                app.processEvents()
                time.sleep(0.001)
            window.repaint()
            times.append(elapsed())
            window.close()
            window.deleteLater()
            app.processEvents()
    finally:
        runner.shutdown()
    return sorted(times)[1], times[0]


def measure(folder: Path) -> list[Figure]:
    from opal_desktop.dashboard import queries, scope

    vault = Vault.open(folder, "manager", PASSWORD)
    key = keyfile.KeyFile.load(folder).unwrap_user("manager", PASSWORD)
    raw = connect_raw(folder / DB_NAME, key)
    try:
        month = scope.resolve(vault, period="2026-10", store_list=None, today=TODAY)
        other = scope.resolve(vault, period="2026-09", store_list=None, today=TODAY)
        statements = _recorded(vault, lambda: queries.compute(vault, other, TODAY))

        def replay() -> None:
            for sql, params in statements:
                raw.execute(sql, params).fetchall()

        change = _median(lambda: queries.compute(vault, other, TODAY))
        change_raw = _median(replay)
        everything = scope.resolve(vault, period="all", store_list=None, today=TODAY)
        all_statements = _recorded(vault, lambda: queries.compute(vault, everything, TODAY))

        def replay_all() -> None:
            for sql, params in all_statements:
                raw.execute(sql, params).fetchall()

        all_time = _median(lambda: queries.compute(vault, everything, TODAY), repeats=3)
        all_time_raw = _median(replay_all, repeats=3)
        paint, cold = _first_paint(vault)
        incidents = queries.compute(vault, month, TODAY).incidents
    finally:
        raw.close()
        vault.close()
    return [
        Figure("100k dashboard: change period (month, all stores)", change, change_raw,
               "the same aggregate SQL on sqlcipher3 directly", "<= 500 ms", change <= 0.5,
               f"{len(statements)} statements; a month of {incidents:,} incidents"),
        Figure("100k dashboard: all time (`stats` default)", all_time, all_time_raw,
               "the same aggregate SQL on sqlcipher3 directly", "<= 1500 ms", all_time <= 1.5,
               "every incident, all stores"),
        Figure("100k dashboard: first paint", paint, change_raw,
               "the same aggregate SQL on sqlcipher3 directly", "<= 1000 ms", paint <= 1.0,
               f"window built, figures from the worker, shown and painted (offscreen); median of 3, "
               f"the first (cold imports) {cold * 1000:.0f} ms"),
    ]  # fmt: skip


def run(folder: Path | None = None) -> list[Figure]:
    if folder is not None:
        return measure(folder)
    with tempfile.TemporaryDirectory() as tmp:
        from opal_desktop.incidents.demo import build_demo

        keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
        made = Path(tmp) / "vault"
        build_demo(made, incidents=COUNT, seed=7, password=PASSWORD)
        return measure(made)


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    report(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
