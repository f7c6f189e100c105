"""Incidents with goods, offender descriptions, vehicles seen, tactics; FTS5 search indexes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("reference", sa.String(24), nullable=False, unique=True),
        sa.Column("store_id", sa.Integer, sa.ForeignKey("stores.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("occurred_start", sa.String(32), nullable=True),
        sa.Column("occurred_end", sa.String(32), nullable=True),
        sa.Column("reported_at", sa.String(32), nullable=True),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("incident_type", sa.String(40), nullable=False),
        sa.Column("stolen_pence", sa.Integer, nullable=False),
        sa.Column("recovered_pence", sa.Integer, nullable=False),
        sa.Column("damage_pence", sa.Integer, nullable=False),
        sa.Column("loss_pence", sa.Integer, nullable=False),
        sa.Column("force_id", sa.String(40), nullable=False),
        sa.Column("crime_reference", sa.String(60), nullable=False),
        sa.Column("has_crime_reference", sa.Boolean, nullable=False),
        sa.Column("police_incident_number", sa.String(60), nullable=False),
        sa.Column("reported_to_police_on", sa.String(10), nullable=True),
        sa.Column("police_officer_name", sa.String(120), nullable=False),
        sa.Column("police_collar_number", sa.String(20), nullable=False),
        sa.Column("police_attended", sa.Boolean, nullable=True),
        sa.Column("threats", sa.Boolean, nullable=False),
        sa.Column("weapon_type", sa.String(120), nullable=False),
        sa.Column("injuries", sa.Text, nullable=False),
        sa.Column("staff_involved", sa.Text, nullable=False),
        sa.Column("offender_count", sa.Integer, nullable=False),
        sa.Column("witnesses", sa.Text, nullable=False),
        sa.Column("narrative", sa.Text, nullable=False),
        sa.Column("review_date", sa.String(10), nullable=True),
        sa.Column("stills_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_by", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_incidents_occurred", "incidents", ["occurred_start"])
    op.create_index("ix_incidents_store_occurred", "incidents", ["store_id", "occurred_start"])
    op.create_index("ix_incidents_type_occurred", "incidents", ["incident_type", "occurred_start"])
    op.create_index("ix_incidents_status_occurred", "incidents", ["status", "occurred_start"])
    op.create_index(
        "ix_incidents_crime_ref_occurred", "incidents", ["has_crime_reference", "occurred_start"]
    )
    op.create_index("ix_incidents_loss", "incidents", ["loss_pence"])
    # Every sortable column leads an index ending in occurred_start (then the rowid), so a
    # page at any offset is an index walk, not a sort of every row.
    op.create_index("ix_incidents_stills_occurred", "incidents", ["stills_count", "occurred_start"])
    op.create_index(
        "ix_incidents_offenders_occurred", "incidents", ["offender_count", "occurred_start"]
    )
    op.create_table(
        "incident_goods",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("sku", sa.String(60), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit_pence", sa.Integer, nullable=False),
    )
    op.create_table(
        "incident_offenders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sex", sa.String(16), nullable=False),
        sa.Column("age_range", sa.String(16), nullable=False),
        sa.Column("height", sa.String(30), nullable=False),
        sa.Column("build", sa.String(60), nullable=False),
        sa.Column("hair", sa.String(120), nullable=False),
        sa.Column("clothing", sa.Text, nullable=False),
        sa.Column("marks", sa.Text, nullable=False),
        sa.Column("ic_code", sa.String(4), nullable=False),
    )
    op.create_table(
        "incident_vehicles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("vrm", sa.String(10), nullable=False, index=True),
        sa.Column("make", sa.String(60), nullable=False),
        sa.Column("model", sa.String(60), nullable=False),
        sa.Column("colour", sa.String(40), nullable=False),
        sa.Column("direction", sa.String(120), nullable=False),
    )
    op.create_table(
        "incident_tactics",
        sa.Column(
            "incident_id",
            sa.Integer,
            sa.ForeignKey("incidents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("tactic", sa.String(40), primary_key=True),
    )
    op.create_index("ix_incident_tactics_tactic", "incident_tactics", ["tactic"])
    op.create_index("ix_audit_record", "audit_log", ["record_type", "record_id"])
    op.create_table(
        "reference_counters",
        sa.Column("store_id", sa.Integer, sa.ForeignKey("stores.id"), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False),
    )
    # Search lives inside the encrypted database: words (with prefix indexes for type-ahead)
    # and a trigram index over short identifiers so "12CD" finds "AB12CDE".
    op.execute(
        "CREATE VIRTUAL TABLE incident_words USING fts5("
        "reference, narrative, goods, offenders, vehicles, police, location, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE incident_identifiers USING fts5(identifiers, tokenize = 'trigram')"
    )


def downgrade() -> None:
    op.drop_index("ix_audit_record", "audit_log")
    op.execute("DROP TABLE incident_identifiers")
    op.execute("DROP TABLE incident_words")
    for table in (
        "reference_counters",
        "incident_tactics",
        "incident_vehicles",
        "incident_offenders",
        "incident_goods",
        "incidents",
    ):
        op.drop_table(table)
