"""Store identity: a store is its organisation plus its code.

Every vault gets an `organisations` table: its own organisation (is_home) and every one whose
packages it imported, each with the organisation id its packages carry, bound to the signing
certificates seen for it. Stores belong to an organisation and are unique per organisation and
code; incidents are unique per store and reference. Package references widen (NG-LDS01-PKG-0001
is longer than 16), and each provenance row keeps the chain the package brought with it.

Existing data: every store belongs to the home organisation, except stores an import brought,
which belong to the organisation of the certificate that brought them. Organisations that were
only known by certificate get the id uuid5(fingerprint) (organisations.legacy_id), the same id
an upgraded store vault gives itself, so its next package matches what this vault already has.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Copied from opal_desktop.vault.organisations (a migration must not change when app code does).
LEGACY_NAMESPACE = uuid.UUID("5b0c7e9e-4f0a-4c52-9d0e-0a1ea7d05e10")
NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}  # names SQLite's unnamed UNIQUEs in batch


def _legacy_id(fingerprint: str) -> str:
    return str(uuid.uuid5(LEGACY_NAMESPACE, fingerprint.lower()))


def _subject_o(subject: str) -> str:
    found = re.search(r"(?:^|,)O=((?:\\.|[^,\\])+)", subject) or re.search(
        r"(?:^|,)CN=((?:\\.|[^,\\])+)", subject
    )
    return re.sub(r"\\(.)", r"\1", found[1]) if found else subject


_NOT_INITIALS = frozenset(
    ("and", "of", "the", "for", "ltd", "limited", "plc", "llp", "lp", "company", "group", "uk",
     "cic", "cyf", "cyfyngedig")
)  # fmt: skip


def _initials(name: str) -> str:
    """Copied from vault.organisation_code_from as it was at 0010: the code Settings shows."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^A-Za-z0-9]+", ascii_name) if w]
    kept = [w for w in words if w.lower() not in _NOT_INITIALS] or words
    if not kept:
        return "ORG"
    code = kept[0][:3].upper() if len(kept) == 1 else "".join(w[0] for w in kept[:4]).upper()
    return code if len(code) >= 2 else (code + "X")[:2]


def _code_from_reference(reference: str) -> str:
    found = re.match(r"^([A-Z0-9]{2,6})-[A-Z0-9]{2,10}-PKG-\d+$", reference)
    return found[1] if found else ""


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("is_home", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "organisation_certificates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "organisation_id",
            sa.Integer,
            sa.ForeignKey("organisations.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
        sa.Column("bound_by", sa.String(32), nullable=False),
        sa.Column("bound_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("organisation_id", "fingerprint"),
    )
    conn = op.get_bind()
    home_id, import_orgs = _organisations(conn)

    with op.batch_alter_table("stores", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("organisation_id", sa.Integer, nullable=True))
    conn.execute(sa.text("UPDATE stores SET organisation_id = :h"), {"h": home_id})
    for code, organisation_id in import_orgs.items():
        conn.execute(
            sa.text("UPDATE stores SET organisation_id = :o WHERE code = :c AND NOT is_home"),
            {"o": organisation_id, "c": code},
        )
    with op.batch_alter_table("stores", naming_convention=NAMES) as batch:
        batch.alter_column("organisation_id", existing_type=sa.Integer, nullable=False)
        batch.create_foreign_key(
            "fk_stores_organisation_id", "organisations", ["organisation_id"], ["id"]
        )
        batch.drop_constraint("uq_stores_code", type_="unique")
        batch.create_unique_constraint("uq_stores_organisation_id", ["organisation_id", "code"])

    with op.batch_alter_table("incidents", naming_convention=NAMES) as batch:
        batch.drop_constraint("uq_incidents_reference", type_="unique")
        batch.create_unique_constraint("uq_incidents_store_id", ["store_id", "reference"])
        batch.create_index("ix_incidents_reference", ["reference"])

    wide, narrow = sa.String(40), sa.String(16)
    with op.batch_alter_table("packages", naming_convention=NAMES) as batch:
        batch.alter_column("reference", existing_type=narrow, type_=wide, existing_nullable=False)
    with op.batch_alter_table("package_imports", naming_convention=NAMES) as batch:
        batch.alter_column(
            "package_reference", existing_type=narrow, type_=wide, existing_nullable=False
        )
        # the organisation id of the package's signer: who may change what it brought
        batch.add_column(
            sa.Column("organisation_id", sa.String(36), nullable=False, server_default="")
        )
    with op.batch_alter_table("provenance", naming_convention=NAMES) as batch:
        batch.alter_column(
            "package_reference", existing_type=narrow, type_=wide, existing_nullable=False
        )
        # the chain the package carried for this record (package.json provenance), nearest
        # first, so the next export can append it: store -> region -> national
        batch.add_column(sa.Column("upstream_json", sa.Text, nullable=True))
    for fingerprint in {str(f) for f in conn.execute(
            sa.text("SELECT DISTINCT signer_fingerprint FROM package_imports")).scalars()}:  # fmt: skip
        org = conn.execute(
            sa.text(
                "SELECT o.uuid FROM organisations o JOIN organisation_certificates c "
                "ON c.organisation_id = o.id WHERE c.fingerprint = :f ORDER BY o.id LIMIT 1"
            ),
            {"f": fingerprint},
        ).scalar()
        conn.execute(
            sa.text(
                "UPDATE package_imports SET organisation_id = :o WHERE signer_fingerprint = :f"
            ),
            {"o": org or _legacy_id(fingerprint), "f": fingerprint},
        )


def _organisations(conn: sa.Connection) -> tuple[int, dict[str, int]]:
    """The home organisation, and the organisation of each store an import brought."""
    now = conn.execute(sa.text("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")).scalar_one()
    settings: dict[str, str] = {
        str(k): str(v) for k, v in conn.execute(sa.text("SELECT key, value FROM settings"))
    }
    home_store = conn.execute(sa.text("SELECT retailer FROM stores WHERE is_home")).scalar() or ""
    name = _setting(settings, "organisation") or str(home_store) or "This organisation"
    own = [str(f) for f in conn.execute(sa.text(
        "SELECT fingerprint_sha256 FROM signing_identities ORDER BY active DESC, id DESC")).scalars()]  # fmt: skip
    home_uuid = _legacy_id(own[0]) if own else str(uuid.uuid4())
    code = _setting(settings, "organisation_code") or _initials(name)
    home_id = _insert(conn, home_uuid, name, code, True, now)
    for fingerprint in own:
        _bind(conn, home_id, fingerprint, now)
    # Stores an import brought: the provenance row of the store ('store', code) names the
    # import, whose signer's fingerprint is the organisation's.
    rows = conn.execute(sa.text(
        "SELECT p.record_uuid, i.signer_fingerprint, i.signer_subject, i.package_reference, t.organisation "
        "FROM provenance p JOIN package_imports i ON i.id = p.import_id LEFT JOIN trusted_senders t "
        "ON t.fingerprint = i.signer_fingerprint WHERE p.record_type = 'store' ORDER BY p.id")).all()  # fmt: skip
    by_fingerprint: dict[str, int] = {f: home_id for f in own}
    stores: dict[str, int] = {}
    for code, fingerprint, subject, reference, trusted_as in rows:
        if str(code) in stores:
            continue
        fingerprint = str(fingerprint)
        if fingerprint not in by_fingerprint:
            org_name = str(trusted_as or "") or _subject_o(str(subject))
            by_fingerprint[fingerprint] = _insert(conn, _legacy_id(fingerprint), org_name[:200],
                                                  _code_from_reference(str(reference)), False, now)  # fmt: skip
            _bind(conn, by_fingerprint[fingerprint], fingerprint, now)
        stores[str(code)] = by_fingerprint[fingerprint]
    return home_id, stores


def _setting(settings: dict[str, str], key: str) -> str:
    try:
        value = json.loads(settings.get(key) or '""')
    except ValueError:
        return ""
    return value if isinstance(value, str) else ""


def _insert(conn: sa.Connection, org_uuid: str, name: str, code: str, home: bool, now: str) -> int:
    return int(conn.execute(
        sa.text("INSERT INTO organisations(uuid, name, code, is_home, created_at) VALUES (:u, :n, :c, :h, :now)"),
        {"u": org_uuid, "n": name, "c": code[:8], "h": home, "now": now}).lastrowid)  # fmt: skip


def _bind(conn: sa.Connection, organisation_id: int, fingerprint: str, now: str) -> None:
    conn.execute(
        sa.text(
            "INSERT OR IGNORE INTO organisation_certificates(organisation_id, fingerprint, bound_by, "
            "bound_at) VALUES (:o, :f, 'migration', :now)"
        ),
        {"o": organisation_id, "f": fingerprint, "now": now},
    )


def downgrade() -> None:
    raise NotImplementedError("A vault is never migrated down; restore the backup taken before.")
