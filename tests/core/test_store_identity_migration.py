"""Migration 0010 on a regional vault as 0009 left it: every store gets its organisation.

The vault's own stores belong to its own organisation (id derived from its certificate, as
the store vault it came from derives its own); a store an import brought belongs to the
organisation of the certificate that brought it. Rebuilding the incidents table keeps every
child row (foreign keys are off while migrating: otherwise ON DELETE CASCADE emptied them).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from opal_desktop.vault import migrate
from opal_desktop.vault.engine import DB_NAME, make_engine
from opal_desktop.vault.keyfile import KeyFile
from opal_desktop.vault.organisations import legacy_id

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "vault_schema_0001"
PASSWORD = "fixture vault password"
THEIRS = "ab" * 32  # the fingerprint of the certificate that brought Pennine's store
NOW = "2026-11-30T10:00:00.000+00:00"


def _insert(conn: Connection, table: str, **values: object) -> int:
    """A row with every NOT NULL column filled: `values`, else '' or 0."""
    columns = conn.exec_driver_sql(f"PRAGMA table_info({table})").all()
    row = {c[1]: values.get(c[1], 0 if "INT" in c[2] or "BOOL" in c[2] else "")
           for c in columns if c[3] or c[1] in values}  # fmt: skip
    row.pop("id", None)
    names = ", ".join(row)
    result = conn.execute(
        text(f"INSERT INTO {table}({names}) VALUES ({', '.join(':' + n for n in row)})"), row
    )
    return int(result.lastrowid)


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[Connection]:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE, folder)
    engine = make_engine(folder / DB_NAME, KeyFile.load(folder).unwrap_user("admin", PASSWORD))
    migrate.upgrade_to(engine, "0009")
    with engine.begin() as conn:  # what a 0009 regional vault holds after one import
        home = int(conn.execute(text("SELECT id FROM stores WHERE is_home")).scalar_one())
        theirs = _insert(conn, "stores", code="SHF07", name="Sheffield Moor", retailer="Pennine Pharmacy",
                         is_home=False, created_at=NOW)  # fmt: skip
        imported = _insert(conn, "package_imports", package_uuid="u", package_reference="PP-SHF07-PKG-0001",
                           package_sha256="cd" * 32, signer_subject="CN=Pennine Pharmacy – SHF07,O=Pennine Pharmacy",
                           signer_fingerprint=THEIRS, trusted=True, counts_json="{}")  # fmt: skip
        _insert(conn, "provenance", record_type="store", record_uuid="SHF07", source_uuid="SHF07",
                import_id=imported, signer_fingerprint=THEIRS, package_reference="PP-SHF07-PKG-0001")  # fmt: skip
        for store, reference in ((home, "FIX01-2026-00001"), (theirs, "SHF07-2026-00001")):
            incident = _insert(
                conn, "incidents", uuid=reference, reference=reference, store_id=store, version=1
            )
            _insert(conn, "incident_goods", incident_id=incident, description="Razors", quantity=3)
    migrate.upgrade_to(engine)
    conn = engine.connect()
    yield conn
    conn.close()
    engine.dispose()


def test_every_store_belongs_to_its_organisation(migrated: Connection) -> None:
    conn = migrated
    own = conn.execute(text("SELECT fingerprint_sha256 FROM signing_identities")).scalar_one()
    stores = conn.execute(text(
        "SELECT s.code, o.uuid, o.name, o.code, o.is_home FROM stores s JOIN organisations o "
        "ON o.id = s.organisation_id ORDER BY s.code")).all()  # fmt: skip
    assert [tuple(r) for r in stores] == [
        ("FIX01", legacy_id(own), "Fixture Retail", "FR", 1),  # the store vault upgraded: same id
        ("SHF07", legacy_id(THEIRS), "Pennine Pharmacy", "PP", 0),
    ]
    bound = conn.execute(text(
        "SELECT o.name, c.fingerprint FROM organisation_certificates c JOIN organisations o "
        "ON o.id = c.organisation_id ORDER BY o.is_home DESC")).all()  # fmt: skip
    assert [tuple(r) for r in bound] == [("Fixture Retail", own), ("Pennine Pharmacy", THEIRS)]
    assert conn.execute(
        text("SELECT organisation_id FROM package_imports")
    ).scalar_one() == legacy_id(THEIRS)


def test_rebuilt_tables_keep_their_children_and_references_are_per_store(
    migrated: Connection,
) -> None:
    conn = migrated
    assert conn.execute(text("SELECT count(*) FROM incident_goods")).scalar_one() == 2
    assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on afterwards
    conn.rollback()
    # another organisation's store may use a code, and a reference, this vault already has
    with conn.begin():
        org = _insert(conn, "organisations", uuid="00000000-0000-4000-8000-000000000001",
                      name="Leeds Discount Stores", is_home=False, created_at=NOW)  # fmt: skip
        store = _insert(conn, "stores", organisation_id=org, code="SHF07", name="Sheffield Castle",
                        retailer="Leeds Discount Stores", is_home=False, created_at=NOW)  # fmt: skip
        _insert(
            conn, "incidents", uuid="x", reference="SHF07-2026-00001", store_id=store, version=1
        )
    unique = r"UNIQUE constraint failed: incidents\.store_id, incidents\.reference"
    with pytest.raises(IntegrityError, match=unique), conn.begin():
        _insert(
            conn, "incidents", uuid="y", reference="SHF07-2026-00001", store_id=store, version=1
        )
    wide = conn.execute(
        text("SELECT sql FROM sqlite_master WHERE name = 'provenance'")
    ).scalar_one()
    assert "package_reference VARCHAR(40)" in wide and "upstream_json TEXT" in wide
