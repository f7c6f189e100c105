"""CCTV stills as exhibits: metadata, original bytes, thumbnails, chain of custody.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exhibits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("reference", sa.String(40), nullable=False, unique=True),
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(16), nullable=False),  # master | redacted
        sa.Column(
            "master_id",
            sa.Integer,
            sa.ForeignKey("exhibits.id", ondelete="CASCADE"),
            nullable=True,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("orientation", sa.Integer, nullable=False),
        sa.Column("frames", sa.Integer, nullable=False),
        sa.Column("original_filename", sa.String(255), nullable=False),
        sa.Column(
            "source", sa.String(16), nullable=False
        ),  # file | folder | clipboard | drop | redaction
        sa.Column("imported_by", sa.String(32), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.Column("camera", sa.String(120), nullable=False),
        sa.Column("cctv_time_shown", sa.String(40), nullable=False),
        sa.Column("clock_offset_seconds", sa.Integer, nullable=True),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("exif_datetime", sa.String(20), nullable=False),
        sa.Column("regions_json", sa.Text, nullable=False),
    )
    op.create_table(
        "exhibit_blobs",
        sa.Column(
            "exhibit_id",
            sa.Integer,
            sa.ForeignKey("exhibits.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "exhibit_thumbnails",
        sa.Column(
            "exhibit_id",
            sa.Integer,
            sa.ForeignKey("exhibits.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("jpeg", sa.LargeBinary, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
    )
    op.create_table(
        "custody_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exhibit_reference", sa.String(40), nullable=False, index=True),
        sa.Column("exhibit_sha256", sa.String(64), nullable=False),
        sa.Column("incident_reference", sa.String(24), nullable=False),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("details", sa.Text, nullable=False),
    )
    op.create_table(
        "exhibit_counters",
        sa.Column("prefix", sa.String(8), primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "exhibit_counters",
        "custody_events",
        "exhibit_thumbnails",
        "exhibit_blobs",
        "exhibits",
    ):
        op.drop_table(table)
