"""What a regional import found and did, for the command line and the Import dialog."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.referral.duplicates import SharedStill, named_list, stores_words

KINDS = ("stores", "incidents", "exhibits", "subjects", "vehicles", "links")
MAX_STILL_SENTENCES = 20  # one sentence per shared still up to this; the JSON lists them all


@dataclass(frozen=True)
class Signer:
    subject: str
    fingerprint: str  # SHA-256 of the signer's certificate, hex
    trusted: bool  # checked against a certificate the user trusts (--trust, or this vault's own)

    @property
    def fingerprint_display(self) -> str:
        return colon_pairs(self.fingerprint)

    @property
    def name(self) -> str:
        """The certificate's common name (its subject as RFC 4514 text), else the whole subject."""
        return subject_field(self.subject, "CN") or self.subject

    @property
    def organisation(self) -> str:
        """The certificate's organisation (O=), else its common name."""
        return subject_field(self.subject, "O") or self.name

    def describe(self) -> str:
        return f"{self.name} (SHA-256 {self.fingerprint_display[:23]}…)"


def subject_field(subject: str, name: str) -> str:
    """One attribute of a subject in RFC 4514 text ('CN=A\\, B,O=C' -> 'A, B' for CN), or ''."""
    found = re.search(rf"(?:^|,){name}=((?:\\.|[^,\\])+)", subject)
    return re.sub(r"\\(.)", r"\1", found[1]) if found else ""


@dataclass(frozen=True)
class Conflict:
    """An incident of the package whose reference another organisation's incident here has
    too. Both are kept, each in its own store; neither is renumbered."""

    reference: str
    retailer: str
    organisation_code: str
    store: str  # 'Leeds Briggate (LDS01)'
    other_retailer: str
    other_organisation_code: str
    other_store: str

    def sentence(self) -> str:
        return (f"{self.reference} of {self.retailer}, {self.store}, has the same reference as an incident of "
                f"{self.other_retailer}, {self.other_store}, already here: both are kept apart, neither was "
                f"renumbered; name them {self.organisation_code}/{self.reference} and "
                f"{self.other_organisation_code}/{self.reference}.")  # fmt: skip

    def to_json(self) -> dict[str, str]:
        return {"reference": self.reference, "retailer": self.retailer, "organisation_code": self.organisation_code,
                "store": self.store, "other_retailer": self.other_retailer,
                "other_organisation_code": self.other_organisation_code, "other_store": self.other_store}  # fmt: skip


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def to_json(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportReport:
    package_reference: str
    package_uuid: str
    package_title: str
    package_sha256: str
    file_name: str
    signer: Signer
    source_stores: str
    generated_at: str
    generated_by: str
    contents: dict[str, int]  # what the package holds, per kind
    dry_run: bool = False
    organisation: str = ""  # the sender's organisation as package.json names it (else its O=)
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    notes: list[str] = field(default_factory=list)  # clashes, merges, skipped links
    # Stills in the package whose SHA-256 is now on more than one incident here: a warning only.
    duplicate_stills: list[SharedStill] = field(default_factory=list)
    # Incidents whose reference another organisation's incident here also has: shown, kept apart.
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated for c in self.counts.values())

    def summary(self) -> str:
        parts = []
        for kind in KINDS:
            c = self.counts[kind]
            if c.added or c.updated:
                bits = [
                    f"{c.added} added" if c.added else "",
                    f"{c.updated} updated" if c.updated else "",
                ]
                parts.append(f"{kind} " + " and ".join(b for b in bits if b))  # fmt: skip
        return "; ".join(parts)

    def sentences(self) -> list[str]:
        trust = (
            "The signer is trusted."
            if self.signer.trusted
            else "The signature is intact, but the signer is not one you trust yet: check the "
            "fingerprint with the store before relying on it, or import with --trust CERT.pem."
        )
        lines = [
            f"Package {self.package_reference} ({self.package_title}) from {self.source_stores}, "
            f"signed by {self.signer.describe()}. {trust}",
        ]
        if not self.changed:
            lines.append(
                f"Already up to date: everything in {self.package_reference} is in this vault; nothing was changed."
            )
        elif self.dry_run:
            lines.append(f"Importing would change: {self.summary()}. Nothing has been changed yet.")
        else:
            lines.append(f"Imported: {self.summary()}.")
        return lines + self.notes + [c.sentence() for c in self.conflicts] + self.still_warnings()

    def still_warnings(self) -> list[str]:
        """One sentence per still of the package that is on more than one incident."""
        out = []
        for still in self.duplicate_stills[:MAX_STILL_SENTENCES]:
            incidents = still.incidents
            out.append(
                f"The same still (SHA-256 {still.short_sha}) is attached to {len(incidents)} incidents at "
                f"{stores_words(still.stores)}: "
                f"{named_list([still.named(i) for i in incidents])}: check it is not a picture reused by mistake."
            )
        more = len(self.duplicate_stills) - MAX_STILL_SENTENCES
        if more > 0:
            out.append(f"{more} more stills of this package are also attached to other incidents "
                       "(import --json lists them all).")  # fmt: skip
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "package": {"reference": self.package_reference, "uuid": self.package_uuid,
                        "title": self.package_title, "sha256": self.package_sha256, "file": self.file_name,
                        "generated_at": self.generated_at, "generated_by": self.generated_by},
            "signer": {"subject": self.signer.subject, "fingerprint_sha256": self.signer.fingerprint,
                       "trusted": self.signer.trusted},
            "source_stores": self.source_stores.split(","),
            "organisation": self.organisation,
            "contents": self.contents,
            "dry_run": self.dry_run,
            "changed": self.changed,
            "counts": {k: c.to_json() for k, c in self.counts.items()},
            "duplicate_stills": [still.to_json() for still in self.duplicate_stills],
            "conflicts": [conflict.to_json() for conflict in self.conflicts],
            "sentences": self.sentences(),
        }  # fmt: skip
