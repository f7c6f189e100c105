"""Subjects, vehicles, links and series as the rest of the app sees them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class SubjectRole(enum.StrEnum):
    OFFENDER = "offender"
    SUSPECT = "suspect"
    ASSOCIATE = "associate"


class VehicleRole(enum.StrEnum):
    DRIVER = "driver"
    PASSENGER = "passenger"


@dataclass
class SubjectDetails:
    """What a person looks like, and what is known about them. A name is optional and sensitive."""

    sex: str = ""
    age_range: str = ""
    height: str = ""
    build: str = ""
    hair: str = ""
    clothing: str = ""
    marks: str = ""
    name: str = ""
    aliases: str = ""
    notes: str = ""

    def description(self) -> str:
        parts = [self.height, self.build, self.sex, self.age_range and f"aged {self.age_range}",
                 self.hair and f"{self.hair} hair", self.clothing, self.marks]  # fmt: skip
        return ", ".join(p.strip() for p in parts if p and p.strip())


@dataclass(frozen=True)
class Subject:
    id: int
    reference: str  # SUBJ-0007
    details: SubjectDetails
    best_exhibit_id: int | None
    review_date: date | None
    merged_into: str  # reference of the subject this one was merged into, "" if not merged
    created_by: str
    created_at: str
    incident_count: int = 0

    @property
    def label(self) -> str:
        """`SUBJ-0007 “tall male, red cap”` until a name is known."""
        if self.details.name:
            return f"{self.reference} {self.details.name}"
        short = ", ".join(self.details.description().split(", ")[:3])
        # Curly quotes: a height such as 6'2" must not end the label's quotation.
        return f"{self.reference} “{short}”" if short else self.reference

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "label": self.label,
            "details": dict(vars(self.details)),
            "best_exhibit_id": self.best_exhibit_id,
            "review_date": self.review_date.isoformat() if self.review_date else None,
            "merged_into": self.merged_into or None,
            "incident_count": self.incident_count,
            "created_by": self.created_by,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class Vehicle:
    id: int
    vrm: str  # normalised, '?' for characters nobody could read
    make: str
    model: str
    colour: str
    notes: str
    incident_count: int = 0

    @property
    def label(self) -> str:
        looks = " ".join(p for p in (self.colour, self.make, self.model) if p)
        return f"{self.vrm} ({looks})" if looks else self.vrm

    def to_json(self) -> dict[str, Any]:
        return {
            k: getattr(self, k)
            for k in ("vrm", "make", "model", "colour", "notes", "incident_count")
        } | {"label": self.label}


@dataclass(frozen=True)
class Link:
    id: int
    kind: str  # incident-subject | incident-vehicle | subject-vehicle
    left: str  # incident reference or subject reference
    right: str  # subject reference or VRM
    role: str
    reason: str
    linked_by: str
    linked_at: str
    unlinked_by: str | None = None
    unlinked_at: str | None = None
    unlink_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.unlinked_at is None

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class SeriesSummary:
    reference: str
    name: str
    description: str
    incident_references: tuple[str, ...]
    subject_references: tuple[str, ...]
    vrms: tuple[str, ...]
    first: str | None  # ISO UTC of the earliest incident
    last: str | None
    total_loss_pence: int
    store_codes: tuple[str, ...]
    force_ids: tuple[str, ...]
    tactics: tuple[tuple[str, int], ...]  # (tactic id, incidents using it), most used first
    missing_crime_references: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        doc = dict(vars(self))
        doc["tactics"] = [{"tactic": t, "incidents": n} for t, n in self.tactics]
        return {k: list(v) if isinstance(v, tuple) else v for k, v in doc.items()}
