"""CSV import of 100,000 rows, against a raw executemany of the same rows.

Ours: read the file (encoding, delimiter), map the columns, check every row, build the
rows and write them with the audit entries, in one transaction. Baseline: the same rows,
as our import wrote them, replayed with plain executemany into a fresh vault of the same
schema in the same run.
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Figure, stopwatch
from opal_desktop.incidents import bulk
from opal_desktop.incidents.csv_import import commit, import_defaults, parse
from opal_desktop.incidents.csv_mapping import suggest_mapping
from opal_desktop.incidents.csv_read import read_table
from opal_desktop.vault import keyfile
from opal_desktop.vault.vault import Vault, VaultSetup

COUNT = 100_000
HEADERS = ["Incident Date", "Time", "Type", "Location", "Description", "Goods", "Qty", "Value", "Crime Ref",
           "Police force", "Reported to police", "Offenders", "Offender description", "VRM"]  # fmt: skip


def make_csv(count: int = COUNT, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    goods = [
        "Whisky 70cl",
        "Razor blades 8 pack",
        "Coffee 200g",
        "Laundry pods",
        "Steak 400g",
        "Perfume 100ml",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for i in range(count):
        day, year = 1 + i % 28, 2024 + i % 2  # a store numbers at most 99,999 incidents a year
        writer.writerow([
            f"{day:02d}/{1 + i % 12:02d}/{year}", f"{9 + i % 12}:{i % 60:02d}", rng.choice(["Theft", "Shoplifting"]),
            f"Aisle {i % 20}", f"Offender took {rng.choice(goods).lower()} from the shelf and left by the main "
            f"doors towards the bus station (row {i}).", rng.choice(goods), 1 + i % 3, f"£{5 + i % 90}.00",
            f"13/{100000 + i}/25" if i % 4 else "", "West Yorkshire Police", f"{day:02d}/{1 + i % 12:02d}/{year}",
            1 + i % 2, rng.choice(["male, grey hoodie", "female, red coat", "male, black cap, beard"]),
            f"AB{i % 90 + 10} {rng.choice(['XYZ', 'KDE', 'LMN'])}" if i % 5 == 0 else "",
        ])  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def _vault(folder: Path) -> Vault:
    setup = VaultSetup("Bench Retail", "Bench Store", "LDS01", "", "LS1 4AP", "west-yorkshire",
                       "admin", "Bench Admin", "bench password long")  # fmt: skip
    vault, _ = Vault.create(folder, setup, keyfile.KdfParams(8 * 1024, 1, 1))
    return vault


def run() -> Figure:
    data = make_csv()
    written: list[bulk.Rows] = []
    original = bulk.write_rows

    def recording(dbapi: Any, rows: bulk.Rows) -> None:
        written.append(rows)
        original(dbapi, rows)

    with tempfile.TemporaryDirectory() as tmp:
        ours_vault = _vault(Path(tmp) / "ours")
        bulk.write_rows = recording
        try:
            elapsed = stopwatch()
            table = read_table(data)
            plan = parse(table, suggest_mapping(table.headers), import_defaults(ours_vault))
            result = commit(ours_vault, plan, "bench.csv")
            ours = elapsed()
        finally:
            bulk.write_rows = original
        ours_vault.close()
        assert result.count == COUNT, plan.summary()
        raw_vault = _vault(Path(tmp) / "raw")
        with raw_vault.engine.connect() as conn:
            dbapi = conn.connection.driver_connection
            assert dbapi is not None
            conn.exec_driver_sql(f"PRAGMA cache_size = {bulk.BULK_CACHE_KIB}")  # as ours has
            conn.commit()
            elapsed = stopwatch()
            dbapi.execute("BEGIN")
            for rows in written:
                original(dbapi, rows)
            dbapi.execute("COMMIT")
            baseline = elapsed()
        raw_vault.close()
    return Figure(
        "CSV import of 100,000 rows",
        ours,
        baseline,
        "executemany of the same rows, one transaction",
        "<= 2x",
        ours / baseline <= 2.0,
        f"{len(data) / 1e6:.0f} MB file",
    )
