"""The rules behind link suggestions, without I/O: plates, descriptions, weights, wording.

Number plates (VRMs) are compared normalised (upper case, no spaces); '?' marks a character
nobody could read.
- The same plate: the strongest reason there is.
- A partial plate matches a full plate of the same length when every readable character is
  the same; it needs at least 4 readable characters and at most 3 unread ones.
- Plates of different lengths never match: a cherished plate can be short, so a short plate
  is not taken for a half-read one. Type '?' for each character nobody could read.
- Two different partial plates are not compared (too weak); the same partial plate is.

Descriptions are split into items (each piece of clothing, the hair, height, build, each
mark). Rare words weigh more than common ones ('male', 'black', 'hoodie' weigh little): the
weight of a word comes from how many incidents' offender descriptions use it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from opal_desktop.domain.incident import normalise_vrm

SAME_PLATE = 10.0
PARTIAL_PLATE = {1: 7.0, 2: 5.0, 3: 3.0}  # by the number of unread characters
MIN_READ = 4
MAX_UNREAD = 3
DISTINCTIVE_MARK = 8.0
ORDINARY_ITEM = 0.3  # an item made only of common words
RARE_ITEM = 3.0  # the most one item of a description can weigh
DESCRIPTION_CAP = 6.0
TACTIC_CAP = 5.0
RARE_TACTIC_SHARE = 0.05  # used by fewer than 1 in 20 incidents in the window and area
GOODS_CAP, GOODS_EACH = 2.5, 1.5  # the same goods alone never makes a suggestion
MIN_SCORE = 3.0

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = frozenset({"a", "an", "and", "the", "of", "on", "in", "with", "to", "hair", "aged"})


@dataclass(frozen=True)
class Suggestion:
    """Something that may belong with what the user is looking at, and why. Never a link."""

    kind: Literal["incident", "subject", "vehicle"]
    reference: str  # incident reference, subject reference or VRM
    label: str  # short human text
    score: float  # higher is stronger
    reasons: tuple[str, ...]  # plain sentences, strongest first

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reference": self.reference,
            "label": self.label,
            "score": round(self.score, 2),
            "reasons": list(self.reasons),
        }


# --- number plates ---------------------------------------------------------------------


def display_plate(vrm: str) -> str:
    """'YR19KXD' -> 'YR19 KXD' (current-format plates); others as stored."""
    return f"{vrm[:4]} {vrm[4:]}" if len(vrm) == 7 else vrm


def unread(vrm: str) -> int:
    return vrm.count("?")


def usable(vrm: str) -> bool:
    """Enough of the plate was read to compare it with others."""
    return bool(vrm) and unread(vrm) <= MAX_UNREAD and len(vrm) - unread(vrm) >= MIN_READ


@dataclass(frozen=True)
class PlateMatch:
    score: float
    reason: str


def match_plates(seen: str, other: str) -> PlateMatch | None:
    """How plate `seen` (on the incident or subject we suggest for) relates to `other`."""
    seen, other = normalise_vrm(seen), normalise_vrm(other)
    if not seen or len(seen) != len(other):
        return None
    if seen == other:
        if "?" not in seen:
            return PlateMatch(SAME_PLATE, f"Same number plate {display_plate(seen)}")
        if usable(seen):
            return PlateMatch(
                PARTIAL_PLATE[unread(seen)], f"Same partial plate {display_plate(seen)}"
            )
        return None
    if ("?" in seen) == ("?" in other):
        return None  # two full plates that differ, or two different partial plates
    partial, full = (seen, other) if "?" in seen else (other, seen)
    if not usable(partial) or any(p not in ("?", f) for p, f in zip(partial, full, strict=True)):
        return None
    return PlateMatch(
        PARTIAL_PLATE[unread(partial)],
        f"Plate {display_plate(partial)} could be {display_plate(full)}",
    )


def partial_forms(vrm: str) -> list[str]:
    """Every way `vrm` (a full plate) could have been written half-read: for indexed look-ups."""
    if "?" in vrm:
        return []
    most = min(MAX_UNREAD, len(vrm) - MIN_READ)
    forms = []
    for count in range(1, most + 1):
        for positions in itertools.combinations(range(len(vrm)), count):
            forms.append("".join("?" if i in positions else c for i, c in enumerate(vrm)))
    return forms


# --- descriptions -------------------------------------------------------------------------


def words(text: str) -> tuple[str, ...]:
    """Lower-case words as the search index splits them ('6'2"' -> '6', '2')."""
    return tuple(w.lower() for w in _WORD.findall(text))


@dataclass(frozen=True)
class Item:
    kind: str  # "mark" or "look"
    text: str  # as written, for reasons
    words: tuple[str, ...]


def items(height: str, build: str, hair: str, clothing: str, marks: str) -> list[Item]:
    """The parts of one person's description that can be compared (sex and age are too common)."""
    found = [Item("mark", m.strip(), words(m)) for m in re.split(r"[,;]", marks) if words(m)]
    looks = [height, build, f"{hair} hair" if hair.strip() else "", *clothing.split(",")]
    found += [Item("look", t.strip(), words(t)) for t in looks if words(t)]
    return found


def key_words(described: Iterable[Item]) -> list[str]:
    """The words worth looking up, rarest-looking (longest) first; single characters (the 6 and
    2 of a height) say little on their own and are left out."""
    chosen = {w for item in described for w in item.words if w not in _STOP and len(w) > 1}
    return sorted(chosen, key=lambda w: (-len(w), w))


@dataclass(frozen=True)
class WordWeights:
    """How rare each looked-up word is among offender descriptions.

    `counts` holds the number of incidents using each word, for words used by fewer than
    `common_at` incidents; words missing from it are common.
    """

    counts: dict[str, int]
    common_at: int
    distinctive_at: int  # a mark with a word used by at most this many incidents is distinctive

    def weight(self, word: str) -> float:
        count = self.counts.get(word)
        if count is None or word in _STOP:
            return 0.0
        return RARE_ITEM * math.log(self.common_at / max(count, 1)) / math.log(self.common_at)

    def item_weight(self, item: Item) -> float:
        return max([ORDINARY_ITEM, *(self.weight(w) for w in item.words)])

    def distinctive(self, item: Item) -> bool:
        return any(
            w not in _STOP and self.counts.get(w, self.distinctive_at + 1) <= self.distinctive_at
            for w in item.words
        )


def match_description(
    mine: list[Item], theirs: list[tuple[str, ...]], weights: WordWeights
) -> list[tuple[float, str]]:
    """(score, reason) for what our items share with the other side's descriptions (each the
    words of one person): distinctive marks one by one, then the rest as one similar description."""
    marks: list[str] = []
    looks: list[tuple[float, str]] = []
    people = [f" {' '.join(person)} " for person in theirs]
    for item in mine:
        phrase = f" {' '.join(item.words)} "
        if not any(phrase in person for person in people):
            continue
        if item.kind == "mark" and weights.distinctive(item):
            if item.text.lower() not in (m.lower() for m in marks):
                marks.append(item.text)
        elif item.text.lower() not in (t.lower() for _, t in looks):
            looks.append((weights.item_weight(item), item.text))
    looks.sort(key=lambda pair: -pair[0])
    found = [(DISTINCTIVE_MARK, f"Same distinctive mark: {m}") for m in marks]
    similar = sum(w for w, _ in looks)
    if similar >= 1.0:  # a few ordinary words in common say nothing
        listed = ", ".join(t for _, t in looks[:5])
        found.append((min(DESCRIPTION_CAP, similar), f"Similar description: {listed}"))
    return found


def tactics_score(shared: set[str], uses: dict[str, int], size: int) -> float | None:
    """Two or more tactics in common, or one rare one (`uses`: incidents in the window and area
    using each tactic, out of `size`): enough to suggest on its own, more when rarer."""
    rare = [t for t in shared if uses[t] / size < RARE_TACTIC_SHARE]
    if len(shared) < 2 and not rare:
        return None
    bonus = sum(min(1.0, math.log(size / uses[t]) / 4) for t in shared)
    return min(TACTIC_CAP, MIN_SCORE - 1.0 + 0.5 * len(shared) + bonus)


def goods_score(uses: int, size: int) -> float:
    """One product in common with `uses` of the `size` incidents in the window and area."""
    return max(0.0, min(GOODS_EACH, math.log(size / uses) / 2))


def person_words(*parts: str) -> tuple[str, ...]:
    return words(", ".join(parts))


def chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
