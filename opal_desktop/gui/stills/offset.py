"""The CCTV clock's offset from true time, as typed and as explained (no Qt, no I/O).

The offset is "CCTV time minus true time" in seconds, the core's convention: -65 means the
CCTV clock is 1 min 5 s slow, so true time is the time shown plus 1 min 5 s.
"""

from __future__ import annotations

import re

from opal_desktop.errors import InvalidInput

_PATTERN = re.compile(r"^([+-]?)\s*(\d{1,3}(?::\d{1,2}){0,2})\s*s?$")

OFFSET_HINT = (
    "How far the CCTV clock is from true time: -1:05 if it is 1 min 5 s slow, "
    "1:00:00 if it is an hour fast (e.g. not changed for BST/GMT), or seconds (-65)."
)


def parse_offset(typed: str) -> int | None:
    """'-1:05' -> -65, '1:00:00' -> 3600, '-65' -> -65, '' -> None."""
    text = typed.strip().replace(" ", "")
    if not text:
        return None
    match = _PATTERN.match(text)
    if match is None:
        raise InvalidInput(
            "Enter the clock offset as minutes:seconds (-1:05), hours:minutes:seconds "
            "(1:00:00) or seconds (-65)."
        )
    sign = -1 if match.group(1) == "-" else 1
    parts = [int(p) for p in match.group(2).split(":")]
    if len(parts) > 1 and any(p > 59 for p in parts[1:]):
        raise InvalidInput("Minutes and seconds in a clock offset go up to 59, as in -1:05.")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return sign * seconds


def format_offset(seconds: int | None) -> str:
    """The way a person would type it back: -65 -> '-1:05', 3600 -> '+1:00:00'."""
    if seconds is None:
        return ""
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{secs} s" if secs or not (hours or minutes) else "")
    return " ".join(p for p in parts if p)


def describe_offset(seconds: int | None) -> str:
    """-65 -> 'CCTV clock slow by 1 min 5 s: true time is the time shown plus 1 min 5 s.'"""
    if seconds is None:
        return "Clock offset not recorded."
    if seconds == 0:
        return "CCTV clock showed true time."
    span = _duration(abs(seconds))
    if seconds < 0:
        return f"CCTV clock slow by {span}: true time is the time shown plus {span}."
    return f"CCTV clock fast by {span}: true time is the time shown minus {span}."
