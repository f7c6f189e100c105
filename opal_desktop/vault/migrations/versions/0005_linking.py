"""Subjects (people of interest), vehicles, links between them and incidents, series, merges.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _who_when(prefix: str, nullable: bool = False) -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column(f"{prefix}_by", sa.String(32), nullable=nullable),
        sa.Column(f"{prefix}_at", sa.String(32), nullable=nullable),
    ]


def upgrade() -> None:
    op.create_table(
        "subjects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),  # known name: optional, sensitive
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("sex", sa.String(16), nullable=False),
        sa.Column("age_range", sa.String(16), nullable=False),
        sa.Column("height", sa.String(30), nullable=False),
        sa.Column("build", sa.String(60), nullable=False),
        sa.Column("hair", sa.String(120), nullable=False),
        sa.Column("clothing", sa.Text, nullable=False),
        sa.Column("marks", sa.Text, nullable=False),
        sa.Column(
            "best_exhibit_id",
            sa.Integer,
            sa.ForeignKey("exhibits.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("review_date", sa.String(10), nullable=True),
        sa.Column(
            "merged_into_id", sa.Integer, sa.ForeignKey("subjects.id"), nullable=True, index=True
        ),
        *_who_when("created"),
        *_who_when("updated"),
    )
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column(
            "vrm", sa.String(10), nullable=False, unique=True
        ),  # normalised; '?' unread characters
        sa.Column("make", sa.String(60), nullable=False),
        sa.Column("model", sa.String(60), nullable=False),
        sa.Column("colour", sa.String(40), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        *_who_when("created"),
    )
    for table, left, right, has_role in (
        ("incident_subject_links", "incident_id", "subject_id", True),
        ("incident_vehicle_links", "incident_id", "vehicle_id", False),
        ("subject_vehicle_links", "subject_id", "vehicle_id", True),
    ):
        parents = {"incident_id": "incidents", "subject_id": "subjects", "vehicle_id": "vehicles"}
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column(
                left,
                sa.Integer,
                sa.ForeignKey(f"{parents[left]}.id", ondelete="CASCADE"),
                nullable=False,
                index=True,
            ),
            sa.Column(
                right,
                sa.Integer,
                sa.ForeignKey(f"{parents[right]}.id", ondelete="CASCADE"),
                nullable=False,
                index=True,
            ),
            sa.Column(
                "role", sa.String(16), nullable=False, server_default="" if not has_role else None
            ),
            sa.Column("reason", sa.Text, nullable=False),
            *_who_when("linked"),
            *_who_when("unlinked", nullable=True),
            sa.Column("unlink_reason", sa.Text, nullable=True),
        )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("reference", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        *_who_when("created"),
        *_who_when("updated"),
    )
    for member, parent in (
        ("incident", "incidents"),
        ("subject", "subjects"),
        ("vehicle", "vehicles"),
    ):
        op.create_table(
            f"series_{member}s",
            sa.Column(
                "series_id",
                sa.Integer,
                sa.ForeignKey("series.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column(
                f"{member}_id",
                sa.Integer,
                sa.ForeignKey(f"{parent}.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            *_who_when("added"),
        )
        op.create_index(f"ix_series_{member}s_{member}", f"series_{member}s", [f"{member}_id"])
    op.create_table(
        "subject_merges",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kept_id", sa.Integer, sa.ForeignKey("subjects.id"), nullable=False),
        sa.Column("merged_id", sa.Integer, sa.ForeignKey("subjects.id"), nullable=False),
        sa.Column("moved_json", sa.Text, nullable=False),  # which link rows moved, to undo exactly
        sa.Column("reason", sa.Text, nullable=False),
        *_who_when("merged"),
        *_who_when("reversed", nullable=True),
    )
    op.create_table(
        "link_counters",
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "link_counters",
        "subject_merges",
        "series_vehicles",
        "series_subjects",
        "series_incidents",
        "series",
        "subject_vehicle_links",
        "incident_vehicle_links",
        "incident_subject_links",
        "vehicles",
        "subjects",
    ):
        op.drop_table(table)
