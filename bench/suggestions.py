"""Link suggestions for one incident in a 100,000-incident demo vault (goal: <= 100 ms median).

Measured over 30 incidents: the seeded series' incidents (the unlinked ones first) and
background incidents picked at random (fixed seed). The baseline, measured in the same run,
replays the very SQL statements our code sent for each incident (recorded as they are sent)
straight on a sqlcipher3 connection: ours/baseline is the cost of our Python around
the queries. The note carries recall and precision at k for the seeded series.
"""

from __future__ import annotations

import random
import statistics
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from bench.common import Figure, stopwatch
from bench.incidents import COUNT, PASSWORD
from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.linking import suggestion_sources as sources
from opal_desktop.linking.suggestions import suggest_for_incident
from opal_desktop.vault import keyfile
from opal_desktop.vault.engine import DB_NAME, connect_raw
from opal_desktop.vault.vault import Vault

INCIDENTS = 30
REPEATS = 3
GOAL_S = 0.100
SEED = 7  # as bench/incidents.py
Statement = tuple[str, Any]


def _pick(vault: Vault, demo: DemoResult) -> list[str]:
    series = [r for s in demo.series for r in s.unlinked_references]
    series += [r for s in demo.series for r in s.incident_references if r not in series]
    series = series[: INCIDENTS // 2]
    rng = random.Random(5)
    with vault.engine.connect() as conn:
        refs = conn.execute(text("SELECT reference FROM incidents ORDER BY id")).scalars().all()
    in_series = {r for s in demo.series for r in s.incident_references}
    background = [str(r) for r in refs if r not in in_series]
    return series + rng.sample(background, INCIDENTS - len(series))


def _recorded(vault: Vault, reference: str) -> list[Statement]:
    """The statements one call sends to the database, in order: those through SQLAlchemy (seen
    by an event) and those read straight from the DB-API cursor (suggestion_sources._all)."""
    sent: list[Statement] = []

    def note(_conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        if statement.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            sent.append((statement, params))

    def direct(conn: Any, sql: str, params: Any = ()) -> list[Any]:
        sent.append((sql, params))
        return read(conn, sql, params)

    read = sources._all
    event.listen(vault.engine, "before_cursor_execute", note)
    sources._all = direct
    try:
        suggest_for_incident(vault, reference)
    finally:
        sources._all = read
        event.remove(vault.engine, "before_cursor_execute", note)
    return sent


def _time_ours(vault: Vault, reference: str) -> float:
    times = []
    for _ in range(REPEATS):
        elapsed = stopwatch()
        suggest_for_incident(vault, reference)
        times.append(elapsed())
    return statistics.median(times)


def _time_raw(raw: Any, statements: list[Statement]) -> float:
    times = []
    for _ in range(REPEATS):
        elapsed = stopwatch()
        for sql, params in statements:
            raw.execute(sql, params).fetchall()
        times.append(elapsed())
    return statistics.median(times)


def _quality(vault: Vault, demo: DemoResult) -> tuple[float, float]:
    """Recall and precision at k from each series' unlinked newest incident."""
    found = wanted = right = 0
    for series in demo.series:
        focus = series.incident_references[-1]
        others = set(series.incident_references) - {focus}
        got = [s.reference for s in suggest_for_incident(vault, focus) if s.kind == "incident"]
        found += len(others & set(got))
        right += len(others & set(got[: len(others)]))
        wanted += len(others)
    return found / wanted, right / wanted


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vault"
        elapsed = stopwatch()
        demo = _build(folder)
        built_in = elapsed()
        vault = Vault.open(folder, "manager", PASSWORD)
        raw = connect_raw(
            folder / DB_NAME, keyfile.KeyFile.load(folder).unwrap_user("manager", PASSWORD)
        )
        try:
            chosen = _pick(vault, demo)
            for reference in chosen:  # warm the page caches of both connections alike
                _time_raw(raw, _recorded(vault, reference))
            ours = [_time_ours(vault, r) for r in chosen]
            base = [_time_raw(raw, _recorded(vault, r)) for r in chosen]
            recall, precision = _quality(vault, demo)
        finally:
            raw.close()
            vault.close()
    half = len(chosen) // 2
    ours_med, base_med = statistics.median(ours), statistics.median(base)
    return [
        Figure(
            f"100k link suggestions for one incident (median of {len(chosen)})",
            ours_med,
            base_med,
            "the same SQL statements replayed on sqlcipher3 directly",
            f"<= {GOAL_S * 1000:.0f} ms",
            ours_med <= GOAL_S,
            f"series incidents {statistics.median(ours[:half]) * 1000:.0f} ms, background "
            f"{statistics.median(ours[half:]) * 1000:.0f} ms, slowest {max(ours) * 1000:.0f} ms; "
            f"series recall {recall:.2f}, precision at k {precision:.2f}; "
            f"vault of {COUNT:,} built in {built_in:.0f} s",
        )
    ]


def _build(folder: Path) -> DemoResult:
    """The same vault as bench.incidents builds (its size, seed and password), keeping the
    demo's ground truth; fast key derivation, since list and query speed is the point."""
    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
    return build_demo(folder, incidents=COUNT, seed=SEED, password=PASSWORD)
