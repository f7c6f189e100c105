"""Referral rules files imported by an administrator, every version kept.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rules_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rules_id", sa.String(64), nullable=False),
        sa.Column("version", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("issuer", sa.String(200), nullable=False),
        sa.Column("effective", sa.String(10), nullable=False),
        sa.Column("indicative", sa.Boolean, nullable=False),
        sa.Column("signed", sa.Boolean, nullable=False),
        sa.Column(
            "signer", sa.Text, nullable=False
        ),  # subject and SHA-256 fingerprint, or "" if unsigned
        sa.Column("content", sa.LargeBinary, nullable=False),  # the file exactly as imported
        sa.Column("signature", sa.LargeBinary, nullable=True),
        sa.Column("imported_by", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.UniqueConstraint("rules_id", "version"),
    )


def downgrade() -> None:
    op.drop_table("rules_files")
