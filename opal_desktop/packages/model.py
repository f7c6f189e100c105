"""An intelligence package as the user fills it in: grading, marking, submitter, exhibits.

Grading is the 3x5x2 model: source evaluation (1 reliable, 2 untested, 3 not reliable),
intelligence assessment (A to E) and handling code (P: lawful sharing permitted; C:
permitted with conditions, which must be stated). Exports carry a Government Security
Classification marking: OFFICIAL, or OFFICIAL-SENSITIVE where chosen.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from opal_desktop.errors import InvalidInput

SOURCE_EVALUATION = {"1": "Reliable", "2": "Untested", "3": "Not reliable"}
INTELLIGENCE_ASSESSMENT = {
    "A": "Known directly to the source",
    "B": "Known indirectly to the source but corroborated",
    "C": "Known indirectly to the source",
    "D": "Not known",
    "E": "Suspected to be false",
}
HANDLING_CODE = {"P": "Lawful sharing permitted", "C": "Lawful sharing permitted with conditions"}
DRAFT_WATERMARK = "DRAFT – NOT FOR SUBMISSION"


class Marking(enum.StrEnum):
    OFFICIAL = "OFFICIAL"
    OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


class Status(enum.StrEnum):
    DRAFT = "draft"
    EXPORTED = "exported"
    SUBMITTED = "submitted"
    ACKNOWLEDGED = "acknowledged"


NEXT_STATUS = {Status.EXPORTED: Status.SUBMITTED, Status.SUBMITTED: Status.ACKNOWLEDGED}


@dataclass
class Grading:
    """Empty until the person grading chooses: the app never grades intelligence for them."""

    source_evaluation: str = ""
    intelligence_assessment: str = ""
    handling_code: str = ""
    handling_conditions: str = ""

    @property
    def code(self) -> str:
        """E.g. '2B P' as written on the intelligence report."""
        return f"{self.source_evaluation}{self.intelligence_assessment} {self.handling_code}"

    def checked(self) -> Grading:
        if self.source_evaluation not in SOURCE_EVALUATION:
            raise InvalidInput(
                "Choose a source evaluation: 1 (reliable), 2 (untested) or 3 (not reliable)."
            )
        if self.intelligence_assessment not in INTELLIGENCE_ASSESSMENT:
            raise InvalidInput("Choose an intelligence assessment from A to E.")
        if self.handling_code not in HANDLING_CODE:
            raise InvalidInput(
                "Choose a handling code: P (sharing permitted) or C (with conditions)."
            )
        if self.handling_code == "C" and not self.handling_conditions.strip():
            raise InvalidInput(
                "Handling code C needs its conditions stated: say what the recipient may and may not do."
            )
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "source_evaluation": self.source_evaluation,
            "source_evaluation_text": SOURCE_EVALUATION[self.source_evaluation],
            "intelligence_assessment": self.intelligence_assessment,
            "intelligence_assessment_text": INTELLIGENCE_ASSESSMENT[self.intelligence_assessment],
            "handling_code": self.handling_code,
            "handling_code_text": HANDLING_CODE[self.handling_code],
            "handling_conditions": self.handling_conditions,
            "code": self.code,
        }


@dataclass
class Submitter:
    name: str = ""
    role: str = ""
    contact: str = ""
    organisation: str = ""

    def checked(self) -> Submitter:
        for value, what in ((self.name, "submitter's name"), (self.role, "submitter's role"),
                            (self.contact, "submitter's contact details (phone or email)"),
                            (self.organisation, "organisation")):  # fmt: skip
            if not value.strip():
                raise InvalidInput(f"Enter the {what}: Opal needs to know who to come back to.")
        return self


@dataclass
class PackageDraft:
    """What the user edits; the vault adds reference, status and history."""

    title: str
    summary: str = ""
    series_reference: str = ""  # built from a series, or
    incident_references: list[str] = field(default_factory=list)  # from a selection of incidents
    grading: Grading = field(default_factory=Grading)
    marking: Marking = Marking.OFFICIAL
    legal_basis: str = ""
    submitter: Submitter = field(default_factory=Submitter)
    # Per master exhibit (by uuid): "master", "redacted:<copy uuid>" or "exclude". Unlisted: the newest
    # redacted copy if there is one (bystanders hidden), else the master.
    exhibit_choices: dict[str, str] = field(default_factory=dict)

    def checked(self) -> PackageDraft:
        if not self.title.strip():
            raise InvalidInput(
                "Give the package a title, for example 'Grey Audi spirits team, Oct–Nov 2026'."
            )
        if bool(self.series_reference) == bool(self.incident_references):
            raise InvalidInput(
                "Build the package from one series, or from a selection of incidents."
            )
        self.grading.checked()
        return self


@dataclass(frozen=True)
class PackageRecord:
    id: int
    uuid: str
    reference: str
    draft: PackageDraft
    status: Status
    created_by: str
    created_at: str
    updated_at: str
    check: dict[str, Any] | None
    exports: tuple[dict[str, Any], ...] = ()
