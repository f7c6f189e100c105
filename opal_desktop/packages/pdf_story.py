"""Page 1 tells the story: who, what, where and when, in words an analyst reads at a glance.

Written from the package's own data, so it can never disagree with the pages after it. When
the sender wrote no summary, one is written from the same facts and says so.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from opal_desktop.domain.timeutil import utc_to_london
from opal_desktop.packages import pdf_words as words

if TYPE_CHECKING:
    from opal_desktop.domain.incident import Incident


def _counted(counts: Counter[str], limit: int = 4) -> str:
    shown = [f"{name} ({n})" for name, n in counts.most_common(limit)]
    more = len(counts) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _day(incident: Incident) -> str:
    start = incident.occurred_start
    if start is None:
        return ""
    local = utc_to_london(start)
    return f"{local.day} {local:%b %Y}"


def when(incidents: list[Incident]) -> str:
    dated = [i for i in incidents if i.occurred_start is not None]
    count = f"{len(incidents)} incident{'s' if len(incidents) != 1 else ''}"
    if not dated:
        return f"{count}, dates not recorded"
    first, last = _day(dated[0]), _day(dated[-1])
    return f"{first} – {last}, {count}" if first != last else f"{first}, {count}"


def what(incidents: list[Incident]) -> str:
    kinds = Counter(words.incident_type(i.incident_type) or "Type not recorded" for i in incidents)
    tactics = Counter(words.tactics([t]) for i in incidents for t in i.tactics)
    loss = sum(i.loss_pence for i in incidents)
    text = f"{_counted(kinds)}. Total loss {words.money(loss)}."
    return text + (f" Tactics: {_counted(tactics)}." if tactics else "")


def forces(incidents: list[Incident]) -> str:
    names = Counter(words.force_name(i.police.force_id) or "Force not recorded" for i in incidents)
    return _counted(names, limit=6)


def _listed(items: list[str], one: str, many: str) -> str:
    shown = "; ".join(items[:6]) + ("; …" if len(items) > 6 else "")
    return f"{len(items)} {one if len(items) == 1 else many}: {shown}"


def who(data: dict[str, Any]) -> str:
    people = [
        " ".join(filter(None, (s.get("reference"), f"'{s['name']}'" if s.get("name") else "")))
        for s in data.get("subjects") or []
    ]
    vehicles = [
        " ".join(filter(None, (v.get(k) for k in ("vrm", "colour", "make", "model"))))
        for v in data.get("vehicles") or []
    ]
    parts = [_listed(people, "linked person", "linked people")] if people else []
    parts += [_listed(vehicles, "vehicle", "vehicles")] if vehicles else []
    return ". ".join(parts) or "No people or vehicles linked yet."


def summary_from_data(data: dict[str, Any], incidents: list[Incident], stores: int) -> str:
    """The summary a sender who wrote none would have written, from the facts alone."""
    missing = sum(1 for i in incidents if not i.has_crime_reference)
    place = f"{stores} store{'s' if stores != 1 else ''} in {forces(incidents)}"
    text = f"{when(incidents)} at {place}. {what(incidents)} {who(data)}"
    if missing:
        text += f" {missing} without a police crime reference yet."
    return text
