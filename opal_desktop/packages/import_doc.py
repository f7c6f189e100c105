"""package.json as received: checked field by field and turned into typed records.

A signed package can still hold data we must not store blindly (a bug at the sender, a
different version): every value is type-checked and bounded here, and anything odd refuses
the whole package with a sentence naming the place.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from opal_desktop.domain.incident import (
    REFERENCE_PATTERN,
    GoodsLine,
    Incident,
    OffenderDescription,
    Police,
    Status,
    VehicleSeen,
    Violence,
    normalise_vrm,
)
from opal_desktop.domain.timeutil import from_utc_text
from opal_desktop.errors import BadFile
from opal_desktop.evidence.models import Region, RegionStyle
from opal_desktop.packages.import_zip import REFUSED, PackageProblem, load_document, refuse

FORMAT = "opal-desktop-package/1"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
STORE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
LINK_KINDS = ("incident-subject", "incident-vehicle", "subject-vehicle")


class Bad(Exception):
    """A value in package.json that is not what a package holds; `args[0]` says where."""


def bad_document(where: str) -> BadFile:
    return BadFile(
        f"This package cannot be imported: package.json is not valid at {where}. {REFUSED}"
    )


def content_hash(doc: object) -> str:
    canonical = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Fields:
    """Typed access to one JSON object, naming the place in errors."""

    def __init__(self, doc: object, where: str) -> None:
        if not isinstance(doc, dict):
            raise Bad(where)
        self.doc: dict[str, Any] = doc
        self.where = where

    def _get(self, key: str, kinds: type | tuple[type, ...], optional: bool = False) -> Any:
        value = self.doc.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and kinds is int):
            raise Bad(f"{self.where}.{key}")
        return value

    def text(self, key: str, limit: int = 4000, blank: bool = True) -> str:
        value = self._get(key, str, optional=True) or ""
        if len(value) > limit or (not blank and not value.strip()):
            raise Bad(f"{self.where}.{key}")
        return str(value)

    def number(self, key: str, optional: bool = False) -> int | None:
        value = self._get(key, int, optional)
        if value is not None and not -(2**53) < value < 2**53:
            raise Bad(f"{self.where}.{key}")
        return None if value is None else int(value)

    def count(self, key: str) -> int:
        value = self.number(key)
        assert value is not None
        return value

    def flag(self, key: str, optional: bool = False) -> bool | None:
        value = self._get(key, bool, optional)
        return None if value is None else bool(value)

    def uuid(self, key: str, optional: bool = False) -> str:
        value = self._get(key, str, optional) or ""
        if (value or not optional) and not UUID.match(value):
            raise Bad(f"{self.where}.{key}")
        return str(value)

    def when(self, key: str) -> datetime | None:
        value = self._get(key, str, optional=True)
        try:
            return from_utc_text(value) if value else None
        except ValueError:
            raise Bad(f"{self.where}.{key}") from None

    def day(self, key: str) -> date | None:
        value = self._get(key, str, optional=True)
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            raise Bad(f"{self.where}.{key}") from None

    def items(self, key: str) -> list[Fields]:
        value = self._get(key, list, optional=True) or []
        return [Fields(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(value)]

    def child(self, key: str) -> Fields:
        return Fields(self.doc.get(key), f"{self.where}.{key}")


@dataclass(frozen=True)
class OrganisationDoc:
    id: str  # the organisation id (UUID) its vault made
    name: str
    code: str  # NG; "" if not given


@dataclass(frozen=True)
class StoreDoc:
    code: str
    name: str
    retailer: str
    force_id: str
    address: str = ""  # lines joined by "\n"; older packages have none
    postcode: str = ""
    organisation_id: str = ""  # "" in packages from before organisation ids: the signer's

    @property
    def key(self) -> tuple[str, str]:
        return (self.organisation_id, self.code)


@dataclass(frozen=True)
class IncidentDoc:
    incident: Incident
    exhibit_uuids: tuple[str, ...]
    content_sha256: str
    store_key: tuple[str, str] = ("", "")  # (organisation id, store code) of its store


@dataclass(frozen=True)
class ExhibitDoc:
    uuid: str
    reference: str
    incident_uuid: str
    kind: str  # master | redacted
    master_uuid: str  # "" for a master
    path: str
    sha256: str
    size_bytes: int
    original_filename: str
    source: str
    imported_by: str
    imported_at: str
    camera: str
    cctv_time_shown: str
    clock_offset_seconds: int | None
    caption: str
    regions_json: str
    content_sha256: str


@dataclass(frozen=True)
class SubjectDoc:
    uuid: str
    reference: str
    values: dict[str, str]  # name, aliases, sex, ... as the subjects table's columns
    best_exhibit_uuid: str
    content_sha256: str


@dataclass(frozen=True)
class VehicleDoc:
    uuid: str
    vrm: str
    make: str
    model: str
    colour: str
    notes: str
    content_sha256: str


@dataclass(frozen=True)
class LinkDoc:
    kind: str
    from_uuid: str
    to_uuid: str
    role: str
    reason: str
    linked_by: str
    linked_at: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.from_uuid}:{self.to_uuid}"


@dataclass(frozen=True)
class PackageDoc:
    uuid: str
    reference: str
    title: str
    marking: str
    grading: str
    generated_at: str
    generated_by: str
    app: str
    vault_id: str
    stores: dict[tuple[str, str], StoreDoc]  # by (organisation id, code)
    incidents: list[IncidentDoc]
    exhibits: list[ExhibitDoc]
    subjects: list[SubjectDoc]
    vehicles: list[VehicleDoc]
    links: list[LinkDoc]
    draft: bool = False
    declared_signer: str = ""  # the fingerprint package.json names, "" if none
    organisation: OrganisationDoc | None = None  # the sender's; None before organisation ids
    organisations: dict[str, OrganisationDoc] = field(default_factory=dict)
    # package.json provenance: the chain each record came through before the sender, nearest
    # first, by ("incident" | "exhibit", uuid); absent for records the sender recorded
    upstream: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    @property
    def source_stores(self) -> str:
        """The stores whose incidents the package holds, e.g. 'LDS01' or 'LDS01,YRK01'."""
        return ",".join(sorted({d.incident.store_code for d in self.incidents}))[:120]

    @property
    def store_keys(self) -> list[tuple[str, str]]:
        return sorted({d.store_key for d in self.incidents})


def parse_package(raw: bytes) -> PackageDoc:
    try:
        doc = load_document(raw)  # the same caps as verify's (depth, digits, values)
    except PackageProblem as problem:
        raise refuse(str(problem)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BadFile(
            f"This package was made by a version of Opal Desktop this one does not know ({FORMAT} expected). "
            "Update Opal Desktop, or ask the sender to export again."
        )
    try:
        return _package(Fields(doc, "package.json"))
    except Bad as error:
        raise bad_document(str(error.args[0])) from None


def _package(top: Fields) -> PackageDoc:
    package, generated = top.child("package"), top.child("generated")
    stores: dict[tuple[str, str], StoreDoc] = {}
    for item in top.items("stores"):
        code = item.text("code", 10)
        store = StoreDoc(code, item.text("name", 200, blank=False), item.text("retailer", 200),
                         item.text("force_id", 40), item.text("address", 400), item.text("postcode", 10),
                         item.uuid("organisation_id", optional=True))  # fmt: skip
        if not STORE_CODE.match(code) or store.key in stores:
            raise Bad(f"{item.where}.code")
        stores[store.key] = store
    incidents = [_incident(item, stores) for item in top.items("incidents")]
    if not incidents:
        raise Bad("package.json.incidents")
    grading, signer = top.doc.get("grading"), top.doc.get("signer")
    return PackageDoc(
        uuid=package.uuid("uuid"), reference=package.text("reference", 40, blank=False),
        title=package.text("title", 200), marking=top.text("marking", 32),
        grading=str(grading.get("code", "")) if isinstance(grading, dict) else "",
        generated_at=generated.text("at", 40), generated_by=generated.text("by", 64),
        app=generated.text("app", 80), vault_id=generated.text("vault_id", 64),
        stores=stores, incidents=incidents,
        exhibits=[_exhibit(item) for item in top.items("exhibits")],
        subjects=[_subject(item) for item in top.items("subjects")],
        vehicles=[_vehicle(item) for item in top.items("vehicles")],
        links=[_link(item) for item in top.items("links")], draft=bool(top.flag("draft", optional=True)),
        declared_signer=top.child("signer").text("fingerprint_sha256", 64) if isinstance(signer, dict) else "",
        organisation=_organisation(top.child("organisation")) if "organisation" in top.doc else None,
        organisations={o.id: o for o in map(_organisation, top.items("organisations"))},
        upstream=_upstream(top),
    )  # fmt: skip


def _organisation(f: Fields) -> OrganisationDoc:
    return OrganisationDoc(f.uuid("id"), f.text("name", 200, blank=False), f.text("code", 8))


MAX_HOPS = 20  # store -> region -> national is 2; a longer chain is kept up to this


def _upstream(top: Fields) -> dict[tuple[str, str], list[Any]]:
    """Each imported record's chain as the sender had it (schema-checked by verify first)."""
    if not isinstance(top.doc.get("provenance"), dict):
        return {}
    provenance = top.child("provenance")
    found: dict[tuple[str, str], list[Any]] = {}
    for kind, key in (("incident", "incidents"), ("exhibit", "exhibits")):
        for record in provenance.items(key):
            chain = record.doc.get("chain")
            if (
                record.flag("recorded_here", optional=True)
                or not isinstance(chain, list)
                or not chain
            ):
                continue
            if len(chain) > MAX_HOPS or not all(isinstance(hop, dict) for hop in chain):
                raise Bad(f"{record.where}.chain")
            found[(kind, record.uuid("uuid"))] = chain
    return found


def _incident(f: Fields, stores: dict[tuple[str, str], StoreDoc]) -> IncidentDoc:
    reference, store_code = f.text("reference", 24), f.text("store_code", 10)
    store_key = (f.uuid("organisation_id", optional=True), store_code)
    if store_key not in stores:  # older packages name the store by its code alone
        same_code = [key for key in stores if key[1] == store_code]
        store_key = same_code[0] if len(same_code) == 1 and not store_key[0] else store_key
    if not REFERENCE_PATTERN.match(reference) or store_key not in stores:
        raise Bad(f"{f.where}.reference")
    police, violence = f.child("police"), f.child("violence")
    try:
        status = Status(f.text("status", 16))
    except ValueError:
        raise Bad(f"{f.where}.status") from None
    incident = Incident(
        store_code=store_code, occurred_start=f.when("occurred_start"), occurred_end=f.when("occurred_end"),
        reported_at=f.when("reported_at"), location=f.text("location"), incident_type=f.text("incident_type", 40),
        tactics=[t for t in f.doc.get("tactics") or [] if isinstance(t, str) and len(t) <= 40],
        goods=[GoodsLine(g.text("description"), g.count("quantity"), g.count("unit_pence"), g.text("sku", 60))
               for g in f.items("goods")],
        recovered_pence=f.count("recovered_pence"), damage_pence=f.count("damage_pence"),
        police=Police(police.text("force_id", 40), police.text("crime_reference", 60),
                      police.text("incident_number", 60), police.day("reported_on"),
                      police.text("officer_name", 120), police.text("collar_number", 20), police.flag("attended", True)),
        violence=Violence(bool(violence.flag("threats")), violence.text("weapon_type", 120),
                          violence.text("injuries"), violence.text("staff_involved")),
        offender_count=f.count("offender_count"),
        offenders=[OffenderDescription(*(o.text(k, 400) for k in ("sex", "age_range", "height", "build", "hair",
                                                                 "clothing", "marks", "ic_code")))
                   for o in f.items("offenders")],
        vehicles=[VehicleSeen(v.text("vrm", 10), v.text("make", 60), v.text("model", 60), v.text("colour", 40),
                              v.text("direction", 120)) for v in f.items("vehicles")],
        witnesses=f.text("witnesses", 20000), narrative=f.text("narrative", 20000), status=status,
        review_date=f.day("review_date"), uuid=f.uuid("uuid"), reference=reference,
        version=f.number("version") or 1, created_by=f.text("created_by", 32), created_at=f.when("created_at"),
        updated_by=f.text("updated_by", 32), updated_at=f.when("updated_at"),
    )  # fmt: skip
    raw_exhibits = f.doc.get("exhibits") or []
    if not isinstance(raw_exhibits, list) or not all(isinstance(u, str) for u in raw_exhibits):
        raise Bad(f"{f.where}.exhibits")
    content = {k: v for k, v in f.doc.items() if k != "exhibits"}
    return IncidentDoc(incident, tuple(raw_exhibits), content_hash(content), store_key)


def _exhibit(f: Fields) -> ExhibitDoc:
    kind, sha = f.text("kind", 16), f.text("sha256", 64)
    if kind not in ("master", "redacted") or not SHA256.match(sha):
        raise Bad(f"{f.where}.kind")
    regions = f.doc.get("regions") or []
    if not isinstance(regions, list) or len(regions) > 500:
        raise Bad(f"{f.where}.regions")
    shapes = []
    for region in regions:
        r = Fields(region, f"{f.where}.regions")
        style: RegionStyle = "fill" if r.text("style", 8) == "fill" else "blur"
        if r.text("style", 8) != style:
            raise Bad(f"{f.where}.regions")
        shapes.append(
            Region(r.count("x"), r.count("y"), r.count("width"), r.count("height"), style).to_json()
        )
    master = f.uuid("master_uuid", optional=True)
    if (kind == "redacted") != bool(master):
        raise Bad(f"{f.where}.master_uuid")
    return ExhibitDoc(
        uuid=f.uuid("uuid"), reference=f.text("reference", 40, blank=False), incident_uuid=f.uuid("incident_uuid"),
        kind=kind, master_uuid=master, path=f.text("path", 255, blank=False), sha256=sha,
        size_bytes=f.count("size_bytes"), original_filename=f.text("original_filename", 255),
        source=f.text("source", 16), imported_by=f.text("imported_by", 32), imported_at=f.text("imported_at", 40),
        camera=f.text("camera", 120), cctv_time_shown=f.text("cctv_time_shown", 40),
        clock_offset_seconds=f.number("clock_offset_seconds", optional=True), caption=f.text("caption"),
        regions_json=json.dumps(shapes), content_sha256=content_hash(f.doc),
    )  # fmt: skip


SUBJECT_COLUMNS = ("name", "aliases", "sex", "age_range", "height", "build", "hair", "clothing", "marks", "notes")  # fmt: skip


def _subject(f: Fields) -> SubjectDoc:
    return SubjectDoc(
        uuid=f.uuid("uuid"),
        reference=f.text("reference", 16, blank=False),
        values={k: f.text(k) for k in SUBJECT_COLUMNS},
        best_exhibit_uuid=f.uuid("best_exhibit_uuid", optional=True),
        content_sha256=content_hash(f.doc),
    )


def _vehicle(f: Fields) -> VehicleDoc:
    vrm = normalise_vrm(f.text("vrm", 10))
    if not 2 <= len(vrm) <= 8:
        raise Bad(f"{f.where}.vrm")
    return VehicleDoc(f.uuid("uuid"), vrm, f.text("make", 60), f.text("model", 60),
                      f.text("colour", 40), f.text("notes"), content_hash(f.doc))  # fmt: skip


def _link(f: Fields) -> LinkDoc:
    kind = f.text("kind", 20)
    if kind not in LINK_KINDS:
        raise Bad(f"{f.where}.kind")
    return LinkDoc(kind, f.uuid("from_uuid"), f.uuid("to_uuid"), f.text("role", 16), f.text("reason", 4000),
                   f.text("linked_by", 32), f.text("linked_at", 40))  # fmt: skip
