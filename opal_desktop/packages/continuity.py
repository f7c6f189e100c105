"""Continuity statements: one per person who produced the package's stills, in the shape of
a witness statement (Criminal Procedure Rules Part 16; Criminal Justice Act 1967 s.9, as on
the police MG11) that a court can accept once the producer signs it by hand.

Each statement names the producer (full name, role, employer), says what they did (which
CCTV system and camera, when, the CCTV clock's recorded offset from true time), lists every
exhibit they produced exactly as the exhibit list labels it (their initials and a number;
redacted copies as exhibits of their own) with its SHA-256, gives each exhibit's chain of
custody with people's names, and ends with the declaration of truth and a signature block.

`attach` adds the facts to the snapshot (package.json `producers` and `custody`, so they are
signed with the package); `statements` reads them back from package.json alone, so the PDF,
the ZIP's text file and any later reader say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opal_desktop.packages import pdf_words as words

if TYPE_CHECKING:
    from opal_desktop.packages.snapshot import Snapshot
    from opal_desktop.vault.vault import Vault

DECLARATION = (
    "This statement, consisting of {pages} signed by me, is true to the best of my knowledge "
    "and belief and I make it knowing that, if it is tendered in evidence, I shall be liable "
    "to prosecution if I have wilfully stated in it anything which I know to be false, or do "
    "not believe to be true."
)
_ACTIONS = {
    "imported": "imported into Opal Desktop, SHA-256 recorded",
    "redacted": "redacted copy made",
    "exported": "exported in a package",
    "viewed": "viewed",
    "details_changed": "details changed",
    "removed": "removed from the incident",
}


@dataclass(frozen=True)
class Statement:
    producer: dict[str, str]  # username, name, role, employer
    exhibits: list[dict[str, Any]]  # from package.json `exhibits`, in exhibit-list order
    custody: dict[str, list[dict[str, str]]]  # exhibit reference -> its events, oldest first

    @property
    def initials_numbers(self) -> str:
        return ", ".join(e["reference"] for e in self.exhibits)


def attach(vault: Vault, snapshot: Snapshot) -> None:
    """Put the producers and every exhibit's custody events into the snapshot's data."""
    from opal_desktop.evidence.queries import custody_of_many, people

    references = [e.info.reference for e in snapshot.exhibits]
    events = custody_of_many(vault, references)
    usernames = {e.info.imported_by for e in snapshot.exhibits} | {ev.actor for ev in events}
    known = people(vault, sorted(usernames))
    employer_by_store = {s["code"]: s.get("retailer") or "" for s in snapshot.data["stores"]}
    home = str(vault.settings().get("organisation", ""))
    incident_store = {i.uuid: i.store_code for i in snapshot.incidents}
    producers: dict[str, dict[str, str]] = {}
    for exhibit in snapshot.exhibits:
        who = exhibit.info.imported_by
        name, role = known.get(who, ("", ""))
        employer = employer_by_store.get(incident_store.get(exhibit.incident_uuid, ""), "") or home
        producers.setdefault(who, {"username": who, "name": name or who, "role": role,
                                   "employer": employer})  # fmt: skip
    snapshot.data["producers"] = list(producers.values())
    snapshot.data["custody"] = [
        {"exhibit_reference": ev.exhibit_reference, "exhibit_sha256": ev.exhibit_sha256,
         "at": ev.at, "actor": ev.actor, "actor_name": known.get(ev.actor, (ev.actor, ""))[0] or ev.actor,
         "action": ev.action, "details": ev.details}
        for ev in events
    ]  # fmt: skip


def statements(data: dict[str, Any]) -> list[Statement]:
    """One statement per producer, from package.json (nothing else is read)."""
    custody: dict[str, list[dict[str, str]]] = {}
    for event in data.get("custody") or []:
        custody.setdefault(event["exhibit_reference"], []).append(event)
    made = []
    for producer in data.get("producers") or []:
        theirs = [e for e in data["exhibits"] if e.get("imported_by") == producer["username"]]
        if theirs:
            made.append(Statement(producer, theirs, {e["reference"]: custody.get(e["reference"], [])
                                                     for e in theirs}))  # fmt: skip
    return made


def describe(exhibit: dict[str, Any]) -> str:
    """'Still from camera Cam 7, CCTV time shown 21/11/2026 18:04:10 (clock 1 min 5 s slow)'."""
    if exhibit.get("kind") == "redacted":
        return f"Redacted copy of exhibit {exhibit.get('master_reference')} (bystanders obscured)"
    parts = [f"Still from camera {exhibit.get('camera') or '(not recorded)'}"]
    if exhibit.get("cctv_time_shown"):
        parts.append(f"CCTV time shown {exhibit['cctv_time_shown']}")
    parts.append(f"clock offset {words.clock_offset(exhibit.get('clock_offset_seconds'))}")
    if exhibit.get("caption"):
        parts.append(str(exhibit["caption"]))
    return ", ".join(parts)


def custody_line(event: dict[str, str]) -> str:
    action = _ACTIONS.get(event["action"], event["action"])
    details = f" ({event['details']})" if event.get("details") else ""
    return f"{words.when_text(event['at'])}: {action} by {event['actor_name']}{details}"


def body(statement: Statement, data: dict[str, Any]) -> list[str]:
    """The statement's paragraphs, in the first person, as the producer would sign them."""
    p = statement.producer
    incidents = {i["uuid"]: i for i in data["incidents"]}
    stores = {s["code"]: s.get("name") or s["code"] for s in data["stores"]}
    cameras = sorted({str(e.get("camera") or "(camera not recorded)") for e in statement.exhibits
                      if e.get("kind") != "redacted"})  # fmt: skip
    places = sorted({stores.get(incidents.get(e.get("incident_uuid", ""), {}).get("store_code", ""), "")
                     for e in statement.exhibits} - {""})  # fmt: skip
    first = min(e["imported_at"] for e in statement.exhibits)
    last = max(e["imported_at"] for e in statement.exhibits)
    return [
        f"I am {p['name']}, {p['role'] or 'employee'} of {p['employer'] or 'the organisation named above'}.",
        f"{_span(first, last)} I recovered still images from "
        f"the CCTV system at {', '.join(places) or 'the store'} (cameras: {', '.join(cameras)}) and "
        "imported them into Opal Desktop, which recorded the SHA-256 of each file as it was imported "
        "and keeps that file (the master) unchanged. The CCTV clock's offset from true time shown "
        "for each exhibit is the offset recorded when it was imported ('CCTV time minus true time'); "
        "how it was checked is not recorded by the software.",
        f"I produce the following {len(statement.exhibits)} exhibit(s), labelled as in the exhibit "
        f"list of package {data['package']['reference']}: {statement.initials_numbers}. Their "
        "descriptions, SHA-256 values and chain of custody follow.",
    ]


def _span(first: str, last: str) -> str:
    if first == last:
        return f"On {words.when_text(first)}"
    return f"Between {words.when_text(first)} and {words.when_text(last)}"


def statement_text(statement: Statement, data: dict[str, Any]) -> str:
    """The statement as plain text (CRLF, for Notepad), for the ZIP: print it and sign it."""
    p = statement.producer
    lines = [str(data["marking"]), "", "WITNESS STATEMENT (exhibits and continuity)",
             "Criminal Procedure Rules Part 16; Criminal Justice Act 1967 s.9", "",
             f"Statement of: {p['name']}", f"Occupation: {p['role']}, {p['employer']}",
             f"Package: {data['package']['reference']} {data['package']['title']}", "",
             DECLARATION.format(pages="the pages of this printout each"), "",
             "Signature: ................................   Date: ................", ""]  # fmt: skip
    lines += [*body(statement, data), ""]
    for exhibit in statement.exhibits:
        lines += [f"Exhibit {exhibit['reference']}: {describe(exhibit)}",
                  f"  Incident {_incident_ref(exhibit, data)}; file {exhibit.get('original_filename', '')}",
                  f"  SHA-256 {exhibit['sha256']}", "  Chain of custody:"]  # fmt: skip
        lines += [f"    {custody_line(e)}" for e in statement.custody[exhibit["reference"]]] or [
            "    (no events recorded)"
        ]
        lines.append("")
    lines += ["Signature: ................................   Date: ................",
              "Signature witnessed by: ................................", "", str(data["marking"])]  # fmt: skip
    return "\r\n".join(lines) + "\r\n"


def _incident_ref(exhibit: dict[str, Any], data: dict[str, Any]) -> str:
    for incident in data["incidents"]:
        if incident["uuid"] == exhibit.get("incident_uuid"):
            return str(incident["reference"])
    return ""


def all_statements_text(data: dict[str, Any]) -> bytes:
    texts = [statement_text(s, data) for s in statements(data)]
    return ("\r\n\f\r\n".join(texts) or "No stills, so no continuity statement.\r\n").encode(
        "utf-8"
    )
