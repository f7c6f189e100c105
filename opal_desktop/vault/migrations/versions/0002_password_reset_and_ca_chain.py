"""Users: forced password change after an admin reset, last sign-in; identities: CA chain.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("must_change_password", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("last_sign_in_at", sa.String(40), nullable=True))
    with op.batch_alter_table("signing_identities") as batch:
        batch.add_column(sa.Column("chain_pem", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("signing_identities") as batch:
        batch.drop_column("chain_pem")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_sign_in_at")
        batch.drop_column("must_change_password")
