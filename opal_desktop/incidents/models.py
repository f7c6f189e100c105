"""ORM rows for incidents (editing one record at a time; lists use Core queries)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opal_desktop.vault.models import Base, Store


class IncidentRow(Base):
    __tablename__ = "incidents"
    # A reference is unique within its store; two retailers' stores may share a code (LDS01).
    __table_args__ = (UniqueConstraint("store_id", "reference"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    reference: Mapped[str] = mapped_column(String(24), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    status: Mapped[str] = mapped_column(String(16))
    occurred_start: Mapped[str | None] = mapped_column(String(32))
    occurred_end: Mapped[str | None] = mapped_column(String(32))
    reported_at: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str] = mapped_column(Text, default="")
    incident_type: Mapped[str] = mapped_column(String(40), default="")
    stolen_pence: Mapped[int] = mapped_column(Integer, default=0)
    recovered_pence: Mapped[int] = mapped_column(Integer, default=0)
    damage_pence: Mapped[int] = mapped_column(Integer, default=0)
    loss_pence: Mapped[int] = mapped_column(Integer, default=0)
    force_id: Mapped[str] = mapped_column(String(40), default="")
    crime_reference: Mapped[str] = mapped_column(String(60), default="")
    has_crime_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    police_incident_number: Mapped[str] = mapped_column(String(60), default="")
    reported_to_police_on: Mapped[str | None] = mapped_column(String(10))
    police_officer_name: Mapped[str] = mapped_column(String(120), default="")
    police_collar_number: Mapped[str] = mapped_column(String(20), default="")
    police_attended: Mapped[bool | None] = mapped_column(Boolean)
    threats: Mapped[bool] = mapped_column(Boolean, default=False)
    weapon_type: Mapped[str] = mapped_column(String(120), default="")
    injuries: Mapped[str] = mapped_column(Text, default="")
    staff_involved: Mapped[str] = mapped_column(Text, default="")
    offender_count: Mapped[int] = mapped_column(Integer, default=0)
    witnesses: Mapped[str] = mapped_column(Text, default="")
    narrative: Mapped[str] = mapped_column(Text, default="")
    review_date: Mapped[str | None] = mapped_column(String(10))
    stills_count: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[str] = mapped_column(String(32))
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))

    store: Mapped[Store] = relationship(lazy="joined")
    goods: Mapped[list[GoodsRow]] = relationship(
        order_by="GoodsRow.position", cascade="all, delete-orphan", lazy="selectin"
    )
    offenders: Mapped[list[OffenderRow]] = relationship(
        order_by="OffenderRow.position", cascade="all, delete-orphan", lazy="selectin"
    )
    vehicles: Mapped[list[VehicleRow]] = relationship(
        order_by="VehicleRow.position", cascade="all, delete-orphan", lazy="selectin"
    )
    tactics: Mapped[list[TacticRow]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class GoodsRow(Base):
    __tablename__ = "incident_goods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    sku: Mapped[str] = mapped_column(String(60), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit_pence: Mapped[int] = mapped_column(Integer, default=0)


class OffenderRow(Base):
    __tablename__ = "incident_offenders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    sex: Mapped[str] = mapped_column(String(16), default="")
    age_range: Mapped[str] = mapped_column(String(16), default="")
    height: Mapped[str] = mapped_column(String(30), default="")
    build: Mapped[str] = mapped_column(String(60), default="")
    hair: Mapped[str] = mapped_column(String(120), default="")
    clothing: Mapped[str] = mapped_column(Text, default="")
    marks: Mapped[str] = mapped_column(Text, default="")
    ic_code: Mapped[str] = mapped_column(String(4), default="")


class VehicleRow(Base):
    __tablename__ = "incident_vehicles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    vrm: Mapped[str] = mapped_column(String(10), default="")
    make: Mapped[str] = mapped_column(String(60), default="")
    model: Mapped[str] = mapped_column(String(60), default="")
    colour: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(120), default="")


class TacticRow(Base):
    __tablename__ = "incident_tactics"
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    tactic: Mapped[str] = mapped_column(String(40), primary_key=True)


class ReferenceCounter(Base):
    __tablename__ = "reference_counters"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)
