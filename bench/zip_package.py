"""Package ZIP export: 50 incidents with 200 1920x1080 stills, against a raw baseline.

Baseline, in the same run: read the same 200 stills from the vault (their blobs, raw SQL),
write them with Python's zipfile (ZIP_STORED) and SHA-256 every file. Ours: the whole
export_package(..., "zip") without its PDF step (the PDF has its own benchmark): readiness
check, snapshot, package.json (schema-validated), incidents.csv, README.txt, stills streamed
and re-hashed against their import hashes, signed SHA256SUMS, temp folder and rename, the
export and 200 custody lines recorded. Goal <= 1.3x. Peak Python memory (tracemalloc) of
both is reported: streaming means it stays near one still, not the whole package.
"""

from __future__ import annotations

import hashlib
import statistics
import tempfile
import tracemalloc
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import Figure, stopwatch
from bench.stills import make_stills

INCIDENTS = 50
STILLS = 200
REPEATS = 3
MiB = 1024 * 1024


def _vault(folder: Path):
    from opal_desktop.domain.incident import Incident
    from opal_desktop.evidence import exhibits
    from opal_desktop.evidence.models import IncomingStill
    from opal_desktop.incidents.bulk import add_incidents
    from opal_desktop.packages import store
    from opal_desktop.packages.model import Grading, PackageDraft, Submitter
    from opal_desktop.vault.keyfile import KdfParams
    from opal_desktop.vault.vault import Vault, VaultSetup

    setup = VaultSetup("Bench Retail", "Bench Store", "BEN01", "", "LS1 4AP", "west-yorkshire",
                       "admin", "Bench Admin", "bench password long")  # fmt: skip
    vault, _ = Vault.create(folder / "vault", setup, KdfParams(8 * 1024, 1, 1))
    start = datetime(2026, 10, 1, 14, tzinfo=UTC)
    add_incidents(vault, [Incident(store_code="BEN01", occurred_start=start + timedelta(days=i),
                                   incident_type="theft-from-shop", narrative=f"Bench incident {i}: spirits taken.")
                          for i in range(INCIDENTS)], source="bench")  # fmt: skip
    from sqlalchemy import text

    with vault.engine.connect() as conn:
        refs = [
            str(r[0]) for r in conn.execute(text("SELECT reference FROM incidents ORDER BY id"))
        ]
    (folder / "stills").mkdir()
    paths = make_stills(folder / "stills", STILLS)
    per = STILLS // INCIDENTS
    for n, ref in enumerate(refs):
        added = exhibits.add_stills(
            vault, ref, [IncomingStill.from_path(p) for p in paths[n * per : (n + 1) * per]]
        )
        assert len(added.added) == per, added.sentences()
    package = store.create_package(vault, PackageDraft(title="Bench package", incident_references=refs, grading=Grading("2", "B", "P"),
                                   submitter=Submitter("Bench Admin", "LP manager", "0113 496 0000", "Bench Retail")))  # fmt: skip
    return vault, package.reference


def _baseline(vault, out: Path) -> float:
    """Blobs read straight from the vault's database, zipped STORED, each hashed."""
    from sqlalchemy import text

    with vault.engine.connect() as conn:
        ids = [int(r[0]) for r in conn.execute(text("SELECT id FROM exhibits ORDER BY id"))]
    elapsed = stopwatch()
    with zipfile.ZipFile(out / "baseline.zip", "w") as archive:
        for exhibit_id in ids:
            with vault.engine.connect() as conn:
                row = conn.execute(
                    text("SELECT data FROM exhibit_blobs WHERE exhibit_id = :i"), {"i": exhibit_id}
                )
                data = bytes(row.scalar_one())
            hashlib.sha256(data).hexdigest()
            archive.writestr(f"exhibits/{exhibit_id}.jpg", data, zipfile.ZIP_STORED)
    return elapsed()


def _ours(vault, reference: str, out: Path) -> float:
    from opal_desktop.packages.export import export_package

    elapsed = stopwatch()
    export_package(vault, reference, out, "zip", draft=True, pdf_step=None)
    return elapsed()


def _peak(run: Callable[[], float]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / MiB
    finally:
        tracemalloc.stop()


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        vault, reference = _vault(root)
        try:
            dirs = iter(root / f"out{i}" for i in range(100))

            def fresh() -> Path:
                folder = next(dirs)
                folder.mkdir()
                return folder

            _ours(vault, reference, fresh())  # warm: imports, key load, schema
            ours_runs, base_runs = [], []
            for _ in range(REPEATS):  # interleaved, so both see the same cache state
                base_runs.append(_baseline(vault, fresh()))
                ours_runs.append(_ours(vault, reference, fresh()))
            ours, base = statistics.median(ours_runs), statistics.median(base_runs)
            size = sum(p.stat().st_size for p in (root / "out1").iterdir()) / MiB
            ours_peak = _peak(lambda: _ours(vault, reference, fresh()))
            base_peak = _peak(lambda: _baseline(vault, fresh()))
        finally:
            vault.close()
    return [
        Figure(f"ZIP package, {INCIDENTS} incidents, {STILLS} 1080p stills", ours, base,
               "vault read + zipfile ZIP_STORED + SHA-256", "<= 1.3x", ours / base <= 1.3,
               f"{size:.0f} MiB package; without report.pdf (the PDF has its own figure)"),
        Figure("ZIP package peak Python memory", ours_peak, base_peak, "the same baseline, under tracemalloc",
               "< 25% of package", ours_peak < size / 4, f"package {size:.0f} MiB: stills streamed one at a time",
               unit="MiB"),
    ]  # fmt: skip


if __name__ == "__main__":
    from bench.common import report

    report(run())
