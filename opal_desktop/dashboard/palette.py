"""Colours and labels shared by the screen and the report (no Qt, no reportlab here).

Okabe–Ito colours, which people with the common colour-blindnesses tell apart, chosen so
they also differ in lightness on a black-and-white printer; the year-ago series is never
told by colour alone (it is outlined and hatched, not filled).
"""

from __future__ import annotations

from datetime import date

from opal_desktop.domain.money import format_pence

THIS_PERIOD = "#0072B2"  # blue: dark when printed in grey
LAST_YEAR = "#D55E00"  # vermilion: outline and hatching only
ACCENT = "#009E73"  # bluish green: ready series
WARN = "#E69F00"  # orange: waiting
HEAT_LOW, HEAT_HIGH = (0xF2, 0xF6, 0xFA), (0x08, 0x30, 0x6B)  # one hue, light to dark


def heat_rgb(value: int, highest: int) -> tuple[int, int, int]:
    if highest <= 0 or value <= 0:
        return (0xFF, 0xFF, 0xFF)
    share = 0.15 + 0.85 * value / highest
    return tuple(round(lo + (hi - lo) * share) for lo, hi in zip(HEAT_LOW, HEAT_HIGH, strict=True))  # type: ignore[return-value]


def dark(rgb: tuple[int, int, int]) -> bool:
    return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 140


def pounds(pence: int) -> str:
    return format_pence(pence)


def whole_pounds(pence: int) -> str:
    return f"£{round(pence / 100):,}"


def day_month(day: date) -> str:
    return f"{day:%d/%m}"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


def days_text(days: float | None) -> str:
    if days is None:
        return "—"
    shown = f"{days:.1f}".rstrip("0").rstrip(".")
    return f"{shown} day" if shown == "1" else f"{shown} days"
