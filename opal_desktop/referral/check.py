"""The referral check: a set of incidents against a rules file, line by line.

Each requirement gives a pass, a fail (blocking) or an advisory line, naming the incidents
at fault; the result is "ready to refer" or "not ready: N blocking", and records which
rules (id and version) were used so it can be kept with a package. Whatever the rules, a
still on the checked incidents that is also attached to another incident (the same SHA-256,
in the set or elsewhere in the vault) adds an advisory line naming them: never blocking.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import text

from opal_desktop.domain.money import format_pence
from opal_desktop.domain.timeutil import from_utc_text, utc_to_london
from opal_desktop.errors import InvalidInput
from opal_desktop.referral import duplicates
from opal_desktop.referral.duplicates import SharedStill, StillUse, named_list
from opal_desktop.referral.rules import Requirement, RulesFile
from opal_desktop.vault.vault import Vault

Status = Literal["pass", "fail", "advisory"]
DUPLICATE_STILLS = "duplicate_stills"  # requirement id of the shared-still lines (no rules file)
MAX_STILL_LINES = 10  # one line per shared still up to this, then one line counting the rest


@dataclass(frozen=True)
class IncidentFacts:
    """What the rules look at, for one incident."""

    reference: str
    store_code: str
    fields: dict[str, bool]  # field name -> present
    force_id: str
    occurred: datetime | None
    loss_pence: int
    stills: int
    has_subject: bool
    has_description: bool


@dataclass(frozen=True)
class CheckLine:
    requirement_id: str
    severity: str
    status: Status
    sentence: str  # what is wrong and what to do; for a pass, what was checked
    incidents: tuple[str, ...] = ()  # the incidents at fault, to open them


@dataclass(frozen=True)
class CheckResult:
    rules_id: str
    rules_version: str
    rules_indicative: bool
    checked_at: str
    incidents: tuple[str, ...]
    lines: tuple[CheckLine, ...] = field(default=())

    @property
    def blocking(self) -> int:
        return sum(1 for line in self.lines if line.status == "fail")

    @property
    def ready(self) -> bool:
        return self.blocking == 0

    @property
    def verdict(self) -> str:
        return "Ready to refer" if self.ready else f"Not ready: {self.blocking} blocking"

    def as_text(self) -> str:
        """The checklist as plain text (the command line prints it; the app copies it)."""
        marks = {"pass": "PASS", "fail": "FAIL", "advisory": "NOTE"}
        out = [f"{self.verdict}  (rules {self.rules_id} {self.rules_version}"
               f"{', indicative' if self.rules_indicative else ''}; {len(self.incidents)} incidents)", ""]  # fmt: skip
        for line in self.lines:
            out.append(f"{marks[line.status]}  {line.sentence}")
            if line.incidents:
                out.append(f"      {', '.join(line.incidents)}")
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "rules": {"id": self.rules_id, "version": self.rules_version, "indicative": self.rules_indicative},
            "checked_at": self.checked_at, "incidents": list(self.incidents), "ready": self.ready,
            "verdict": self.verdict,
            "lines": [{"requirement": line.requirement_id, "severity": line.severity, "status": line.status,
                       "sentence": line.sentence, "incidents": list(line.incidents)} for line in self.lines],
        }  # fmt: skip


_FIELDS = {
    "police.crime_reference": "i.crime_reference", "police.force_id": "i.force_id",
    "police.reported_on": "i.reported_to_police_on", "police.incident_number": "i.police_incident_number",
    "occurred_start": "i.occurred_start", "incident_type": "i.incident_type", "location": "i.location",
    "narrative": "i.narrative",
}  # fmt: skip


def gather(vault: Vault, references: list[str]) -> list[IncidentFacts]:
    """Facts for the given incidents (the store rule applies: officers only their own)."""
    wanted = sorted({r.strip().upper() for r in references if r.strip()})
    if not wanted:
        raise InvalidInput("Choose at least one incident to check.")
    ids = _check_access(vault, wanted)
    names = {f"r{n}": i for n, i in enumerate(ids)}
    columns = ", ".join(f"coalesce(trim({c}), '') <> ''" for c in _FIELDS.values())
    sql = (
        f"SELECT i.reference, s.code, i.force_id, i.occurred_start, i.loss_pence, i.stills_count, {columns}, "
        "EXISTS (SELECT 1 FROM incident_subject_links l WHERE l.incident_id = i.id AND l.unlinked_at IS NULL), "
        "EXISTS (SELECT 1 FROM incident_offenders o WHERE o.incident_id = i.id AND trim(o.sex || o.age_range || "
        "o.height || o.build || o.hair || o.clothing || o.marks) <> '') "
        f"FROM incidents i JOIN stores s ON s.id = i.store_id WHERE i.id IN ({', '.join(':' + n for n in names)}) "
        "ORDER BY i.occurred_start, i.id"
    )
    with vault.engine.connect() as conn:
        rows = conn.execute(text(sql), names).all()
    n = len(_FIELDS)
    return [
        IncidentFacts(
            reference=r[0],
            store_code=r[1],
            force_id=r[2] or "",
            occurred=from_utc_text(r[3]) if r[3] else None,
            loss_pence=int(r[4]),
            stills=int(r[5]),
            fields=dict(zip(_FIELDS, (bool(v) for v in r[6 : 6 + n]), strict=True)),
            has_subject=bool(r[6 + n]),
            has_description=bool(r[7 + n]),
        )
        for r in rows
    ]


def _check_access(vault: Vault, wanted: list[str]) -> list[int]:
    """Every incident exists (NG/REF where two organisations share REF) and the user may see
    it: the same sentences as records.get, without loading each incident whole."""
    from opal_desktop.incidents import refs
    from opal_desktop.incidents.records import require_store_access

    with vault.engine.connect() as conn:
        found = [refs.resolve(conn, reference) for reference in wanted]
    for match in found:
        require_store_access(vault, match.store_code, match.store_id)
    return [match.id for match in found]


def gather_shared(vault: Vault, references: list[str]) -> list[SharedStill]:
    """Stills on these incidents whose SHA-256 is on another incident too. Incidents of other
    stores the person may not open are counted, not named."""
    from opal_desktop.domain.roles import Permission

    wanted = {r.strip().upper() for r in references if r.strip()}
    with vault.engine.connect() as conn:
        shared = duplicates.for_incidents(conn, wanted)
    if vault.can(Permission.EDIT_ANY_STORE_INCIDENTS):
        return shared
    home = vault.actor.store_code

    def may_open(use: StillUse) -> bool:
        return use.incident in wanted or use.store == home

    return duplicates.by_most_incidents(still.visible(may_open) for still in shared)


def evaluate(
    rules: RulesFile,
    facts: list[IncidentFacts],
    today: date | None = None,
    shared: Sequence[SharedStill] = (),
    name_others: bool = True,
) -> CheckResult:
    """Pure: the same facts, rules and shared stills always give the same lines.
    `name_others` False: incidents outside the checked set are counted, not named (the
    check that goes out inside a package names none of the sender's other incidents)."""
    today = today or utc_to_london(datetime.now(UTC)).date()
    lines = tuple(_line(req, facts, today) for req in rules.requirements)
    lines += shared_still_lines(shared, {f.reference for f in facts}, name_others)
    return CheckResult(rules.id, rules.version, rules.indicative, datetime.now(UTC).isoformat(timespec="seconds"),
                       tuple(f.reference for f in facts), lines)  # fmt: skip


def _line(req: Requirement, facts: list[IncidentFacts], today: date) -> CheckLine:
    total = len(facts)
    at_fault: list[str] = []
    value: object = ""
    limit: object = ""
    ok: bool
    p = req.params
    if req.kind == "field_present":
        at_fault = [f.reference for f in facts if not f.fields.get(p["field"], False)]
        ok = not at_fault
    elif req.kind == "min_incidents":
        value, limit = total, p["min"]
        ok = total >= p["min"]
    elif req.kind == "min_distinct":
        distinct = {f.store_code if p["what"] == "stores" else f.force_id for f in facts} - {""}
        value, limit = len(distinct), p["min"]
        ok = len(distinct) >= p["min"]
    elif req.kind == "min_total_loss":
        loss = sum(f.loss_pence for f in facts)
        value, limit = format_pence(loss), format_pence(p["pence"])
        ok = loss >= p["pence"]
    elif req.kind == "max_date_span":
        days = [utc_to_london(f.occurred).date() for f in facts if f.occurred]
        span = (max(days) - min(days)).days if days else 0
        value, limit = span, p["days"]
        ok = span <= p["days"]
    elif req.kind == "min_stills_per_incident":
        at_fault = [f.reference for f in facts if f.stills < p["min"]]
        ok = not at_fault
    elif req.kind == "subject_or_description":
        at_fault = [f.reference for f in facts if not (f.has_subject or f.has_description)]
        ok = not at_fault
    elif req.kind == "recency":
        days = [utc_to_london(f.occurred).date() for f in facts if f.occurred]
        age = (today - max(days)).days if days else 10**6
        value, limit = age, p["days"]
        ok = age <= p["days"]
    else:  # the schema allows no other kinds; a bug if reached
        raise AssertionError(f"unknown requirement kind {req.kind}")
    if ok:
        return CheckLine(req.id, req.severity, "pass", _passed(req, total))
    sentence = req.message.format_map(
        _Values(count=len(at_fault), total=total, value=value, limit=limit)
    )
    return CheckLine(
        req.id, req.severity, "fail" if req.blocking else "advisory", sentence, tuple(at_fault)
    )


def shared_still_lines(
    shared: Sequence[SharedStill], checked: set[str], name_others: bool = True
) -> tuple[CheckLine, ...]:
    """One advisory line per still also on another incident, naming the exhibits and incidents."""
    lines = []
    for still in shared[:MAX_STILL_LINES]:
        here = [i for i in still.incidents if i in checked]
        elsewhere = [i for i in still.incidents if i not in checked]
        total = len(still.incidents) + still.hidden
        if elsewhere and name_others:
            where = f"; elsewhere in this vault: {named_list([still.named(i) for i in elsewhere])}"
        elif elsewhere:
            where = f"; and {len(elsewhere)} other incident{'s' if len(elsewhere) > 1 else ''} in the sender's vault"
            elsewhere = []
        else:
            where = ""
        if still.hidden:
            where += (
                f"; and {still.hidden} incident{'s' if still.hidden > 1 else ''} of other stores"
            )
        sentence = (f"The same still (SHA-256 {still.short_sha}) is attached to {total} incidents: "
                    f"{named_list([still.named(i) for i in here])}{where}. "
                    "Check it is not a picture reused by mistake.")  # fmt: skip
        lines.append(
            CheckLine(DUPLICATE_STILLS, "advisory", "advisory", sentence, (*here, *elsewhere))
        )
    more = len(shared) - MAX_STILL_LINES
    if more > 0:
        lines.append(CheckLine(DUPLICATE_STILLS, "advisory", "advisory",
                               f"{more} more stills on these incidents are also attached to other incidents."))  # fmt: skip
    return tuple(lines)


class _Values(dict[str, object]):
    def __missing__(self, key: str) -> str:  # an unknown {placeholder} in a message stays visible
        return "{" + key + "}"


_FIELD_WORDS = {
    "police.crime_reference": "a police crime reference number", "police.force_id": "the police force it was reported to",
    "police.reported_on": "the date it was reported to the police", "police.incident_number": "a police incident (log) number",
    "occurred_start": "the date and time it happened", "incident_type": "an incident type", "location": "a location in the store",
    "narrative": "a description of what happened",
}  # fmt: skip


def _passed(req: Requirement, total: int) -> str:
    field_words = _FIELD_WORDS.get(req.params.get("field", ""), "the field checked")
    return {
        "field_present": f"Every incident has {field_words}.",
        "min_incidents": f"{total} incidents.",
        "min_distinct": f"Enough different {req.params.get('what', '').replace('_', ' ')}.",
        "min_total_loss": "The total loss is enough.",
        "max_date_span": "The incidents are close enough together in time.",
        "min_stills_per_incident": "Every incident has CCTV stills.",
        "subject_or_description": "Every incident has a subject or an offender description.",
        "recency": "The latest incident is recent.",
    }.get(req.kind, "Met.")
