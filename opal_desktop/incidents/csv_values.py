"""Reading the values people type in spreadsheets: incident types, tactics, forces, yes/no.

Each lookup is built once (not per row) and matches ids, labels and common synonyms,
ignoring case, punctuation and spacing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import time
from decimal import Decimal, InvalidOperation

from opal_desktop.domain import catalogue
from opal_desktop.domain.reference import police_forces
from opal_desktop.errors import InvalidInput

_NON_WORD = re.compile(r"[^a-z0-9]+")

TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "theft-from-shop": (
        "theft", "shop theft", "shoplifting", "shop lifting", "shoplifter", "theft shop",
        "theft from a shop", "stealing", "retail theft",
    ),
    "robbery": ("armed robbery", "mugging"),
    "burglary": ("break in", "breakin"),
    "violence-or-threats": (
        "violence", "assault", "threats", "threatening behaviour", "violence against staff",
        "assault on staff", "threats to staff", "violence threats",
    ),
    "abuse": ("verbal abuse", "abuse", "racial abuse", "abuse to staff"),
    "criminal-damage": ("damage", "vandalism"),
    "fraud": ("refund fraud", "card fraud", "counterfeit", "refund", "fraud refund fraud"),
    "anti-social-behaviour": (
        "asb", "antisocial behaviour", "anti social behaviour", "antisocial behavior",
        "anti social behavior", "nuisance",
    ),
    "other": ("misc", "miscellaneous"),
}  # fmt: skip

FORCE_ALIASES: dict[str, tuple[str, ...]] = {
    "metropolitan": ("met", "mps", "met police", "metropolitan police"),
    "btp": ("british transport police",),
    "northern-ireland": ("psni", "police service of northern ireland"),
    "police-scotland": ("scotland",),
    "city-of-london": ("city of london police", "col"),
}

# What people type in a cell that means "none yet": treated as blank, never as a value.
PLACEHOLDERS = frozenset(
    {"n a", "na", "none", "nil", "tbc", "tba", "awaiting", "pending", "not known",
     "unknown", "nk", "no", "0", "not given", "not reported"}
)  # fmt: skip
_YES = frozenset({"yes", "y", "true", "1", "x"})
_NO = frozenset({"no", "n", "false", "0"})
_SEX = {
    "m": "male", "male": "male", "man": "male",
    "f": "female", "female": "female", "woman": "female",
    "u": "unknown", "unknown": "unknown", "not known": "unknown", "nk": "unknown",
}  # fmt: skip
_FORCE_SUFFIXES = re.compile(r"\b(police service|police|constabulary)\b")


def key(text: str) -> str:
    """'Loss £ (inc. VAT)' -> 'loss inc vat': how headings and values are compared."""
    return " ".join(_NON_WORD.sub(" ", text.lower().replace("&", " and ")).split())


def is_placeholder(text: str) -> bool:
    """'N/A', 'TBC', '-', '?' and the like: a cell that says there is no value yet."""
    words = key(text)
    return words in PLACEHOLDERS or (not words and bool(text.strip()))


@functools.cache
def _type_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in catalogue.incident_types():
        for name in (choice.id, choice.label, *TYPE_SYNONYMS.get(choice.id, ())):
            lookup.setdefault(key(name), choice.id)
    return lookup


def incident_type_id(text: str) -> str:
    """An incident type id from its id, label or a common name ('Shoplifting'); '' if blank."""
    if not text.strip():
        return ""
    found = _type_lookup().get(key(text))
    if found is None:
        labels = ", ".join(c.label for c in catalogue.incident_types())
        raise InvalidInput(
            f"The type '{text.strip()}' is not a known incident type. Use one of: {labels}."
        )
    return found


def tactic_lookup(custom: Mapping[str, str] | None = None) -> dict[str, str]:
    return {
        key(name): choice.id
        for choice in catalogue.tactics(dict(custom or {}))
        for name in (choice.id, choice.label)
    }


_TACTIC_SPLIT = re.compile(r"[,;|/]")


def tactic_ids(text: str, lookup: Mapping[str, str]) -> list[str]:
    """'Distraction; booster bag' -> ['distraction', 'booster-bag']."""
    found: list[str] = []
    for part in _TACTIC_SPLIT.split(text):
        if not part.strip():
            continue
        tactic = lookup.get(key(part)) or lookup.get(key(part.replace(" bags", " bag")))
        if tactic is None:
            raise InvalidInput(
                f"The tactic '{part.strip()}' is not a known tactic. Use the names in the app's list, separated by commas or semicolons."
            )
        if tactic not in found:
            found.append(tactic)
    return found


@functools.cache
def _force_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for force in police_forces():
        names = (force.id, force.name, _FORCE_SUFFIXES.sub(" ", force.name.lower()))
        for name in (*names, *FORCE_ALIASES.get(force.id, ())):
            lookup.setdefault(key(name), force.id)
    return lookup


def force_id(text: str) -> str:
    """A force id from its id, name or short name ('West Yorkshire', 'Met'); '' if blank."""
    if not text.strip():
        return ""
    found = _force_lookup().get(key(text))
    if found is None:
        raise InvalidInput(
            f"The police force '{text.strip()}' is not a UK police force. Use its name, like 'West Yorkshire Police'."
        )
    return found


def yes_no(text: str, what: str) -> bool | None:
    """Yes/no cells ('Y', 'TRUE', '1'); None if blank."""
    word = text.strip().lower()
    if not word:
        return None
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InvalidInput(f"The {what} '{text.strip()}' is not yes or no. Type yes or no.")


def whole_number(text: str, what: str, low: int, high: int) -> int:
    """A count such as '3' or Excel's '3.0', between low and high."""
    try:
        number = Decimal(text.strip().replace(",", ""))
        if number != number.to_integral_value():
            raise InvalidOperation
        value = int(number)
    except (InvalidOperation, ValueError, OverflowError):
        raise InvalidInput(
            f"The {what} '{text.strip()}' is not a whole number. Type it in digits, like 2."
        ) from None
    if not low <= value <= high:
        raise InvalidInput(f"The {what} {value} is not between {low} and {high}. Check the number.")
    return value


def sex(text: str) -> str:
    if not text.strip():
        return ""
    found = _SEX.get(key(text))
    if found is None:
        raise InvalidInput(
            f"The sex '{text.strip()}' is not male, female or unknown. Type one of those."
        )
    return found


_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def clock(text: str) -> time:
    """'18:05', '18.05', '18:05:00' or '6:05 pm' -> a time of day."""
    match = _CLOCK.match(text.strip())
    if match:
        hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
        if match[4] and 1 <= hours <= 12:
            hours = hours % 12 + (12 if match[4].lower().startswith("p") else 0)
        elif match[4]:
            hours = 99
        if hours <= 23 and minutes <= 59 and seconds <= 59:
            return time(hours, minutes, seconds)
    raise InvalidInput(
        f"The time '{text.strip()}' is not a time of day. Type it as hours:minutes, like 18:05."
    )
