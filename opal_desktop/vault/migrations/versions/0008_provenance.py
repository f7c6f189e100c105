"""Regional import: every package imported, and where each imported record came from.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "package_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("package_uuid", sa.String(36), nullable=False, index=True),
        sa.Column("package_reference", sa.String(16), nullable=False),
        sa.Column("package_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("source_stores", sa.String(120), nullable=False),  # store codes, comma-separated
        sa.Column("source_vault_id", sa.String(64), nullable=False),
        sa.Column("signer_subject", sa.Text, nullable=False),
        sa.Column("signer_fingerprint", sa.String(64), nullable=False),
        sa.Column("trusted", sa.Boolean, nullable=False),  # signer checked against a trusted issuer
        sa.Column("counts_json", sa.Text, nullable=False),  # added/updated/unchanged per kind
        sa.Column("imported_by", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
    )
    # One row each time a record is added or changed by a package: the newest row per record is
    # where its current content came from; older rows are its history.
    op.create_table(
        "provenance",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("record_type", sa.String(16), nullable=False),  # store|incident|exhibit|...
        sa.Column("record_uuid", sa.String(120), nullable=False),  # links: kind:from:to
        sa.Column("source_uuid", sa.String(120), nullable=False),  # differs when merged (VRM)
        sa.Column("source_reference", sa.String(40), nullable=False),  # as the store knew it
        sa.Column("source_version", sa.Integer, nullable=True),  # incidents only
        sa.Column("source_store", sa.String(120), nullable=False),
        sa.Column(
            "import_id",
            sa.Integer,
            sa.ForeignKey("package_imports.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("signer_fingerprint", sa.String(64), nullable=False),
        sa.Column("package_sha256", sa.String(64), nullable=False),
        sa.Column("package_reference", sa.String(16), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),  # the record as received
        sa.Column("imported_by", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_provenance_record", "provenance", ["record_type", "record_uuid", "id"])


def downgrade() -> None:
    op.drop_index("ix_provenance_record", "provenance")
    op.drop_table("provenance")
    op.drop_table("package_imports")
