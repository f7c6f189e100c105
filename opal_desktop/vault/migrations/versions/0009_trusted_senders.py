"""Trusted senders: the certificates whose packages this vault merges.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A row per certificate ever trusted; removing trust stamps removed_* and keeps the row,
    # so the provenance of what it brought can still name who it was.
    op.create_table(
        "trusted_senders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),  # SHA-256, hex
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text, nullable=False),
        sa.Column("certificate_pem", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),  # how the fingerprint was confirmed
        sa.Column("trusted_by", sa.String(32), nullable=False),
        sa.Column("trusted_at", sa.String(32), nullable=False),
        sa.Column("removed_by", sa.String(32), nullable=True),
        sa.Column("removed_at", sa.String(32), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("trusted_senders")
