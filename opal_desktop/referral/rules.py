"""Referral rules files: read, check against the schema, describe. No I/O beyond bytes in.

Opal does not publish numeric thresholds, so nothing here is hard-coded: every value comes
from a versioned rules file. The one shipped is labelled indicative.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from opal_desktop.errors import BadFile
from opal_desktop.paths import resource

MAX_RULES_BYTES = 256 * 1024
SHIPPED_RULES = "opal-indicative.json"


@dataclass(frozen=True)
class Requirement:
    id: str
    kind: str
    params: dict[str, Any]
    severity: str  # "blocking" | "advisory"
    message: str

    @property
    def blocking(self) -> bool:
        return self.severity == "blocking"


@dataclass(frozen=True)
class RulesFile:
    id: str
    version: str
    issuer: str
    effective: date
    indicative: bool
    title: str
    notes: str
    requirements: tuple[Requirement, ...]
    raw: bytes  # exactly as read, so a signature over it can be checked again later

    @property
    def label(self) -> str:
        return f"{self.title} ({self.id} {self.version}{', indicative' if self.indicative else ''})"


@functools.cache
def _validator() -> Any:
    import jsonschema

    # The schema itself is checked against JSON Schema 2020-12 by the tests, not at each start.
    schema = json.loads(resource("rules", "rules.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def parse_rules(data: bytes, name: str = "The rules file") -> RulesFile:
    """Read and check a rules file; BadFile with the reason if it cannot be used."""
    if len(data) > MAX_RULES_BYTES:
        raise BadFile(
            f"{name} is {len(data):,} bytes; a rules file is never larger than {MAX_RULES_BYTES:,}. It was not used."
        )
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise BadFile(
            f"{name} is not a readable JSON rules file ({_short(error)}). The rules in use stay as they are."
        ) from None
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "the top level"
        raise BadFile(f"{name} does not follow the rules format at {where}: {_short(first.message)}. "
                      "The rules in use stay as they are.")  # fmt: skip
    ids = [r["id"] for r in doc["requirements"]]
    if len(ids) != len(set(ids)):
        raise BadFile(
            f"{name} lists the same requirement id twice. The rules in use stay as they are."
        )
    try:
        effective = date.fromisoformat(doc["effective"])
    except ValueError:
        raise BadFile(
            f"{name} has an effective date that is not a date ({doc['effective']!r})."
        ) from None
    return RulesFile(
        id=doc["id"], version=doc["version"], issuer=doc["issuer"], effective=effective, indicative=doc["indicative"],
        title=doc["title"], notes=doc.get("notes", ""),
        requirements=tuple(Requirement(r["id"], r["kind"], dict(r.get("params", {})), r["severity"], r["message"])
                           for r in doc["requirements"]),
        raw=data,
    )  # fmt: skip


def shipped_rules() -> RulesFile:
    return parse_rules(resource("rules", SHIPPED_RULES).read_bytes(), "The shipped rules file")


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _short(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= 160 else text[:157] + "…"
