"""Intelligence packages for Opal and every export of them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "packages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column(
            "series_id", sa.Integer, sa.ForeignKey("series.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column(
            "incident_refs", sa.Text, nullable=False
        ),  # JSON list, for a package built from a selection
        sa.Column(
            "source_evaluation", sa.String(1), nullable=False
        ),  # 1 reliable, 2 untested, 3 not reliable
        sa.Column("intelligence_assessment", sa.String(1), nullable=False),  # A-E
        sa.Column("handling_code", sa.String(1), nullable=False),  # P or C
        sa.Column("handling_conditions", sa.Text, nullable=False),
        sa.Column("marking", sa.String(32), nullable=False),  # OFFICIAL or OFFICIAL-SENSITIVE
        sa.Column("legal_basis", sa.Text, nullable=False),
        sa.Column("submitter_name", sa.String(200), nullable=False),
        sa.Column("submitter_role", sa.String(200), nullable=False),
        sa.Column("submitter_contact", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column(
            "exhibit_choices", sa.Text, nullable=False
        ),  # JSON {master uuid: "master"|"redacted:<uuid>"|"exclude"}
        sa.Column(
            "status", sa.String(16), nullable=False
        ),  # draft, exported, submitted, acknowledged
        sa.Column(
            "check_json", sa.Text, nullable=True
        ),  # the referral check kept with the last export
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("status_changed_at", sa.String(32), nullable=True),
    )
    op.create_table(
        "package_exports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "package_id",
            sa.Integer,
            sa.ForeignKey("packages.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("format", sa.String(8), nullable=False),  # pdf, zip, p7m
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("draft", sa.Boolean, nullable=False),  # watermarked DRAFT – NOT FOR SUBMISSION
        sa.Column("exported_by", sa.String(32), nullable=False),
        sa.Column("exported_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("package_exports")
    op.drop_table("packages")
