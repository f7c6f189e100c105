"""Store vaults of different organisations, for the store identity tests (core and GUI):
each logs incidents and exports a real signed package."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from conftest import make_setup
from import_support import FAST_KDF, export_zip
from sqlalchemy import text

from opal_desktop.domain.incident import GoodsLine
from opal_desktop.domain.timeutil import parse_uk_datetime
from opal_desktop.incidents import records
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault

NG, LDS, PP = "Northern Grocers Ltd", "Leeds Discount Stores", "Pennine Pharmacy"


@dataclass(frozen=True)
class Sender:
    organisation: str
    code: str  # organisation code: NG, LDS, PP
    store_code: str
    store_name: str
    org_uuid: str
    refs: list[str]
    uuids: dict[str, str]  # reference -> incident uuid
    zip: Path
    material: IdentityMaterial


def incident(vault: Vault, when: str, where: str) -> str:
    incident = dataclasses.replace(
        records.new_incident(vault), occurred_start=parse_uk_datetime(when),
        incident_type="theft-from-shop", location=where, offender_count=1,
        narrative=f"Two males took spirits from the {where} and left in a grey Audi.",
        goods=[GoodsLine("Jameson 70cl", 2, 2200, "5011007003029")],
    )  # fmt: skip
    incident.police.reported_on = date(2026, 11, 20)
    return records.save(vault, incident).reference


def store_vault(folder: Path, organisation: str, code: str, store_code: str, name: str,
           incidents: int) -> Sender:  # fmt: skip
    setup = make_setup(organisation=organisation, store_code=store_code, store_name=name)
    vault = Vault.create(folder / "vault", setup, kdf=FAST_KDF)[0]
    try:
        vault.update_settings(organisation_code=code)
        made = [
            incident(vault, f"1{n}/11/2026 1{n}:30", f"{name} spirits aisle")
            for n in range(incidents)
        ]
        uuids = {r: records.get(vault, r).uuid for r in made}
        package = export_zip(vault, made, folder / "out")
        with vault.engine.connect() as conn:
            org = str(
                conn.execute(text("SELECT uuid FROM organisations WHERE is_home")).scalar_one()
            )
        return Sender(organisation, code, store_code, name, org, made, uuids, package,
                      signing_material(vault))  # fmt: skip
    finally:
        vault.close()
