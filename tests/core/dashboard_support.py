"""A demo vault for the dashboard tests, and the demo's own incidents (from the generator, in
memory, never read back from the vault) to count the expected figures independently."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from opal_desktop.domain.incident import Incident, normalise_vrm
from opal_desktop.domain.timeutil import utc_to_london
from opal_desktop.incidents.demo import DemoResult, build_demo
from opal_desktop.incidents.demo_generate import generate
from opal_desktop.vault import keyfile

PASSWORD = "demo password long"
COUNT, SEED = 240, 7


@dataclass(frozen=True)
class Planned:
    reference: str
    incident: Incident

    @property
    def store(self) -> str:
        return self.incident.store_code

    @property
    def local(self) -> datetime | None:
        moment = self.incident.occurred_start
        return utc_to_london(moment) if moment else None

    def within(self, start: date | None, end: date | None, stores: set[str] | None) -> bool:
        if stores is not None and self.store not in stores:
            return False
        if start is None:
            return True
        local = self.local
        return local is not None and start <= local.date() <= (end or start)

    @property
    def whole_vrms(self) -> set[str]:
        return {normalise_vrm(v.vrm) for v in self.incident.vehicles if v.vrm and "?" not in v.vrm}


def make_demo(folder: Path) -> tuple[DemoResult, list[Planned]]:
    saved = keyfile.DEFAULT_KDF
    keyfile.DEFAULT_KDF = keyfile.KdfParams(8 * 1024, 1, 1)
    try:
        demo = build_demo(folder / "vault", incidents=COUNT, seed=SEED, password=PASSWORD)
    finally:
        keyfile.DEFAULT_KDF = saved
    plan = generate(COUNT, SEED, demo.until)
    references = _references(demo)
    return demo, [Planned(ref, inc) for ref, inc in zip(references, plan.incidents, strict=True)]


def _references(demo: DemoResult) -> list[str]:
    """The references in the order the demo added its incidents (the vault numbers per store)."""
    from sqlalchemy import text

    from opal_desktop.vault.vault import Vault

    vault = Vault.open(demo.folder, "admin", PASSWORD)
    try:
        with vault.engine.connect() as conn:
            return [
                str(r)
                for r in conn.execute(text("SELECT reference FROM incidents ORDER BY id")).scalars()
            ]
    finally:
        vault.close()
