"""Fictional CCTV stills for the demo vault, drawn with Pillow.

Each series incident gets one or two frames: a shop floor, the offenders as silhouettes
dressed as described (so a red cap is red), and the CCTV system's own timestamp burned in
(shown a little off true time, as real CCTV clocks are). Deterministic for a seed.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta

from PIL import Image, ImageDraw, ImageFont

from opal_desktop.domain.incident import Incident
from opal_desktop.domain.timeutil import utc_to_london
from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.vault.vault import Vault

SIZE = (1280, 720)
_COLOURS = {
    "red": (170, 30, 35), "black": (28, 28, 32), "grey": (110, 110, 115), "navy": (30, 40, 80),
    "blue": (40, 70, 150), "green": (40, 100, 60), "white": (225, 225, 225), "beige": (190, 170, 130),
    "brown": (100, 70, 45), "burgundy": (100, 25, 45), "khaki": (140, 130, 90), "yellow": (210, 180, 40),
}  # fmt: skip


def _colour_in(text: str, fallback: tuple[int, int, int]) -> tuple[int, int, int]:
    lowered = text.lower()
    return next((rgb for name, rgb in _COLOURS.items() if name in lowered), fallback)


def cctv_frame(
    incident: Incident, camera: int, clock_offset_s: int, frame: int, rng: random.Random
) -> bytes:
    """One JPEG frame of the incident as camera `camera` saw it."""
    image = Image.new("RGB", SIZE, (92, 96, 100))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 720), (1280, 720), (900, 300), (380, 300)], fill=(128, 126, 120))
    for x in (60, 250, 980, 1150):
        draw.rectangle((x, 120, x + 90, 640), fill=(70, 84, 102), outline=(40, 40, 40))
        for y in range(150, 620, 70):
            draw.rectangle((x + 6, y, x + 84, y + 40), fill=(150 + rng.randrange(60), 120, 80))
    people = incident.offenders or []
    for number in range(max(1, min(incident.offender_count, 3))):
        description = people[number] if number < len(people) else None
        clothing = description.clothing if description else ""
        x = 420 + number * 180 + frame * 40 + rng.randrange(30)
        tall = (
            30 if description and "tall" in (description.height + description.build).lower() else 0
        )
        draw.ellipse((x, 250 - tall, x + 60, 310 - tall), fill=(205, 170, 140))
        if "cap" in clothing.lower() or "hat" in clothing.lower():
            cap = _colour_in(clothing.lower().split("cap")[0][-12:] + " cap", (28, 28, 32))
            draw.chord((x - 4, 240 - tall, x + 64, 290 - tall), 180, 360, fill=cap)
        draw.rectangle((x - 15, 310 - tall, x + 75, 520), fill=_colour_in(clothing, (50, 55, 70)))
        draw.rectangle((x - 5, 520, x + 65, 650), fill=(35, 35, 45))
    shown = utc_to_london(incident.occurred_start) if incident.occurred_start else None
    if shown is not None:
        shown = shown + timedelta(seconds=clock_offset_s + frame * 7)
        stamp = f"{shown:%d-%m-%Y %H:%M:%S}   CAM {camera:02d}"
        draw.rectangle((16, 14, 560, 56), fill=(0, 0, 0))
        draw.text((26, 18), stamp, fill=(255, 255, 255), font=ImageFont.load_default(size=28))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def attach_stills(vault: Vault, references: list[str], seed: int) -> int:
    """Add one or two stills to each incident; returns how many were added."""
    rng = random.Random(seed * 7919)  # noqa: S311 - fictional pictures, not security
    added = 0
    for reference in references:
        incident = records.get(vault, reference)
        camera = rng.randrange(1, 9)
        offset = rng.choice((-95, -65, -30, 0, 0, 40, 3600))  # 3600: a clock never put back for GMT
        frames = [
            IncomingStill.from_bytes(f"CAM{camera:02d}_{reference}_{n + 1}.jpg",
                                     cctv_frame(incident, camera, offset, n, rng), "folder")
            for n in range(rng.choice((1, 2)))
        ]  # fmt: skip
        report = exhibits.add_stills(vault, reference, frames, camera=f"Cam {camera}", workers=1)
        for info in report.added:
            shown = utc_to_london(incident.occurred_start) if incident.occurred_start else None
            exhibits.update_details(
                vault,
                info.id,
                camera=f"Cam {camera}",
                cctv_time_shown=f"{shown + timedelta(seconds=offset):%d/%m/%Y %H:%M:%S}"
                if shown
                else "",
                clock_offset_seconds=offset,
                caption="Offenders in view" if incident.offender_count > 1 else "Offender in view",
            )
        added += len(report.added)
    return added
