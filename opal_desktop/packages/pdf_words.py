"""How values read in the package PDF: UK times, money, forces, stores, clock offsets."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from opal_desktop.domain import catalogue
from opal_desktop.domain.incident import Incident
from opal_desktop.domain.money import format_pence
from opal_desktop.domain.timeutil import from_utc_text, show
from opal_desktop.errors import InvalidInput

MISSING = "MISSING"
KEYWORDS_PREFIX = "opal-desktop-package"  # the PDF's /Keywords, which `verify` reads back


def package_keywords(reference: str, draft: bool) -> str:
    return f"{KEYWORDS_PREFIX} {reference}" + (" draft" if draft else "")


@functools.cache
def force_name(force_id: str) -> str:
    if not force_id:
        return ""
    from opal_desktop.domain.reference import force_by_id

    try:
        return force_by_id(force_id).name
    except InvalidInput:
        return force_id


def incident_type(type_id: str) -> str:
    return catalogue.label(catalogue.incident_types(), type_id) if type_id else ""


def tactics(ids: list[str]) -> str:
    return ", ".join(catalogue.label(catalogue.tactics(), t) for t in ids)


def when(incident: Incident) -> str:
    """'21/11/2026 18:05 GMT' or a range ending the same day as '… – 18:20'."""
    start, end = incident.occurred_start, incident.occurred_end
    if start is None:
        return "Not recorded"
    text = show(start, with_zone=True)
    if end is not None and end != start:
        end_text = show(end, with_zone=True)
        same_day = end_text[:10] == text[:10]
        text += " – " + (end_text[11:] if same_day else end_text)
    return text


def when_text(iso: str | None) -> str:
    """An ISO UTC timestamp as UK time with its zone."""
    if not iso:
        return ""
    try:
        return show(from_utc_text(iso), with_zone=True)
    except ValueError:
        return iso


def money(pence: int) -> str:
    return format_pence(pence)


def store_names(stores: list[dict[str, Any]]) -> dict[str, str]:
    return {s["code"]: f"{s['name']} ({s['code']})" for s in stores}


def store_address(store: dict[str, Any] | None) -> str:
    """'12 Briggate, Leeds LS1 6HD' from package.json's store (older packages have neither)."""
    if not store:
        return ""
    lines = [line.strip() for line in str(store.get("address") or "").splitlines() if line.strip()]
    postcode = str(store.get("postcode") or "").strip()
    if postcode:
        lines = [*lines[:-1], f"{lines[-1]} {postcode}"] if lines else [postcode]
    return ", ".join(lines)


def store_place(store: dict[str, Any] | None) -> str:
    """The address and the force area: '12 Briggate, Leeds LS1 6HD (West Yorkshire Police area)'."""
    address = store_address(store)
    force = force_name(str((store or {}).get("force_id") or ""))
    if force:
        return f"{address} ({force} area)" if address else f"{force} area"
    return address


def crime_reference(incident: Incident) -> str:
    return incident.police.crime_reference.strip() or MISSING


def clock_offset(seconds: int | None) -> str:
    """The core convention is CCTV time minus true time, in seconds."""
    if seconds is None:
        return "not recorded"
    if seconds == 0:
        return "none (CCTV clock was right)"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else "",
             f"{secs} s" if secs else ""]  # fmt: skip
    size = " ".join(p for p in parts if p)
    return f"{'+' if seconds > 0 else '-'}{abs(seconds)} s: CCTV clock {size} {'fast' if seconds > 0 else 'slow'}"


def yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: ""}[value]


def day_gap(previous: datetime | None, current: datetime | None) -> str:
    if previous is None or current is None:
        return ""
    days = (current - previous).total_seconds() / 86400
    return f"+{days:.0f} d" if days >= 1 else f"+{days * 24:.0f} h"
