"""ORM models for the vault's foundation tables.

Times are stored as ISO-8601 UTC text so they read the same from any SQLite tool.
Later issues add their own modules of models on the same Base.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Internal facts: the vault id (ties the database to its key file), the audit seal."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Setting(Base):
    """Admin-editable settings, stored as JSON text."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Organisation(Base):
    """A retailer (or partnership) whose stores are in this vault: this vault's own (is_home)
    and every one whose packages were imported. `uuid` is the organisation id its packages
    carry; store codes are only unique within one organisation."""

    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(8), default="")  # NG: package refs, NG/LDS01-...
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(40))


class OrganisationCertificate(Base):
    """The signing certificates an imported organisation id is bound to: a package naming that
    organisation is merged only when one of these signed it."""

    __tablename__ = "organisation_certificates"
    __table_args__ = (UniqueConstraint("organisation_id", "fingerprint"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    bound_by: Mapped[str] = mapped_column(String(32))
    bound_at: Mapped[str] = mapped_column(String(40))


def _home_organisation(context: Any) -> int:
    return int(
        context.connection.execute(text("SELECT id FROM organisations WHERE is_home")).scalar_one()
    )


class Store(Base):
    __tablename__ = "stores"
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # A store added without one (the retailer's own other stores) is the home organisation's.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id"), default=_home_organisation
    )
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    retailer: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    force_id: Mapped[str] = mapped_column(String(40))
    is_home: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(40))

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(32))
    last_sign_in_at: Mapped[str | None] = mapped_column(String(40), nullable=True)

    store: Mapped[Store] = relationship(lazy="joined")


class SigningIdentity(Base):
    """The organisation's signing key and certificate. Only one is active at a time."""

    __tablename__ = "signing_identities"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # "generated" or "imported"
    subject: Mapped[str] = mapped_column(Text)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64))
    not_before: Mapped[str] = mapped_column(String(40))
    not_after: Mapped[str] = mapped_column(String(40))
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    private_key_der: Mapped[bytes] = mapped_column(LargeBinary)  # PKCS#8, protected by the vault
    chain_pem: Mapped[str] = mapped_column(Text, default="")  # issuing CAs of an imported identity
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(32))


class AuditEntry(Base):
    """One line of the hash-chained audit trail. Rows are only ever appended."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40), index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    record_type: Mapped[str] = mapped_column(String(40), default="")
    record_id: Mapped[str] = mapped_column(String(80), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Since schema 0011 (audit_keys): "role" or "writer:<username>", the Ed25519 signature
    # (base64), and the audit-writer public key this entry registers, if any.
    signer: Mapped[str] = mapped_column(String(80), default="")
    signature: Mapped[str] = mapped_column(String(128), default="")
    registers_key: Mapped[str] = mapped_column(String(128), default="")
