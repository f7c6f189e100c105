"""Signed audit entries: who signed each entry, the signature, and any key it registers.

Existing entries keep empty values: they were written before entries were signed and are
proved only by the first checkpoint after them (see vault/audit_verify.py).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a constant default needs no table rebuild in SQLite.
    for name, length in (("signer", 80), ("signature", 128), ("registers_key", 128)):
        op.add_column(
            "audit_log",
            sa.Column(name, sa.String(length), nullable=False, server_default=""),
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        for name in ("registers_key", "signature", "signer"):
            batch.drop_column(name)
