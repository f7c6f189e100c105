"""A 100,000-incident vault: the list's first page, a jump to the last row, searches, sorts.

Three figures per query, measured in the same run:
- ours: through the app's own listing code (SQLAlchemy, filters, snippets);
- raw: the same SQL straight on a sqlcipher3 connection (so ours/raw is our overhead);
- plain: the same SQL on an unencrypted copy with Python's sqlite3 (raw/plain is what
  encryption costs).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Figure, stopwatch
from opal_desktop.incidents import listing, search
from opal_desktop.incidents.listing import IncidentFilter, SortKey
from opal_desktop.vault import keyfile
from opal_desktop.vault.engine import DB_NAME, connect_raw
from opal_desktop.vault.vault import Vault

COUNT = 100_000
PASSWORD = "bench password long"
PAGE = 100


def build_vault(folder: Path) -> None:
    from opal_desktop.incidents.demo import build_demo

    keyfile.DEFAULT_KDF = keyfile.KdfParams(
        8 * 1024, 1, 1
    )  # the demo's 11 users: list speed is the point
    build_demo(folder, incidents=COUNT, seed=7, password=PASSWORD)


def _median(run: Callable[[], object], repeats: int = 9) -> float:
    times = []
    for _ in range(repeats):
        elapsed = stopwatch()
        run()
        times.append(elapsed())
    return statistics.median(times)


def _ours_runner(vault: Vault, flt: IncidentFilter, offset: int) -> Callable[[], object]:
    def run() -> object:
        return listing.count(vault, flt), listing.page(vault, flt, offset, PAGE)

    return run


def _raw_runner(conn: Any, vault: Vault, flt: IncidentFilter, offset: int) -> Callable[[], object]:
    """The statements listing.count and listing.page run, on a bare DB-API connection."""
    count_sql, page_sql, params = listing.statements(vault, flt, offset, PAGE)
    query = search.build_query(flt.search)
    snippet_sql = (
        "SELECT rowid, snippet(incident_words, -1, '[', ']', '…', 12) FROM incident_words "
        "WHERE incident_words MATCH :snippet_q AND rowid IN ({ids})"
    )

    def run() -> object:
        conn.execute(count_sql, params).fetchone()
        rows = conn.execute(page_sql, params).fetchall()
        if query.words_match:
            ids = ",".join(str(r[0]) for r in rows) or "0"
            conn.execute(snippet_sql.format(ids=ids), {"snippet_q": query.words_match}).fetchall()
        return rows

    return run


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vault"
        elapsed = stopwatch()
        build_vault(folder)
        built_in = elapsed()
        vault = Vault.open(folder, "manager", PASSWORD)
        key = keyfile.KeyFile.load(folder).unwrap_user("manager", PASSWORD)
        raw = connect_raw(folder / DB_NAME, key)
        plain_path = Path(tmp) / "plain.db"
        raw.execute(f"ATTACH DATABASE '{plain_path}' AS plaintext KEY ''")
        raw.execute("SELECT sqlcipher_export('plaintext')")
        raw.execute("DETACH DATABASE plaintext")
        plain = sqlite3.connect(plain_path)
        total = listing.count(vault, IncidentFilter())
        queries: list[tuple[str, IncidentFilter, int, float]] = [
            ("first page", IncidentFilter(), 0, 0.150),
            ("jump to last row", IncidentFilter(), total - PAGE, 0.200),
            ("sort by loss, first page", IncidentFilter(sort=SortKey.LOSS), 0, 0.150),
            (
                "sort by type, last page",
                IncidentFilter(sort=SortKey.TYPE, descending=False),
                total - PAGE,
                0.200,
            ),
        ]
        searches = ["YR19 KXD", "red cap", "razor", "stanley knife", "scar left eye", "KXD"]
        figures: list[Figure] = []
        for name, flt, offset, goal in queries:
            ours = _median(_ours_runner(vault, flt, offset))
            raw_s = _median(_raw_runner(raw, vault, flt, offset))
            plain_s = _median(_raw_runner(plain, vault, flt, offset))
            figures.append(
                Figure(
                    f"100k list: {name}",
                    ours,
                    raw_s,
                    "same SQL on sqlcipher3 directly",
                    f"<= 1.3x, <= {goal * 1000:.0f} ms",
                    ours / raw_s <= 1.3 and ours <= goal,
                    f"encryption costs {raw_s / plain_s:.1f}x plain SQLite ({plain_s * 1000:.1f} ms)",
                )
            )
        ours_each: list[float] = []
        raw_each: list[float] = []
        plain_each: list[float] = []
        for typed in searches:
            flt = IncidentFilter(search=typed)
            ours_each.append(_median(_ours_runner(vault, flt, 0)))
            raw_each.append(_median(_raw_runner(raw, vault, flt, 0)))
            plain_each.append(_median(_raw_runner(plain, vault, flt, 0)))
        ours_med, raw_med, plain_med = (
            statistics.median(x) for x in (ours_each, raw_each, plain_each)
        )
        figures.append(
            Figure(
                "100k search (median of 6 searches)",
                ours_med,
                raw_med,
                "same SQL on sqlcipher3 directly",
                "<= 1.3x, <= 100 ms",
                ours_med / raw_med <= 1.3 and ours_med <= 0.100,
                f"slowest {max(ours_each) * 1000:.0f} ms; encryption costs {raw_med / plain_med:.1f}x plain "
                f"SQLite; vault built in {built_in:.0f} s",
            )
        )
        plain.close()
        raw.close()
        vault.close()
        from bench import memory

        figures.append(memory.run(folder, PASSWORD))
    return figures
