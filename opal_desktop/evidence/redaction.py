"""Redacted working copies: faces of bystanders blurred or filled, the master untouched.

The copy is made from the upright picture (as the viewer shows it), carries no EXIF, is
named after its master with a suffix (JS/4-R1), has its own SHA-256, points at its master,
and records the regions, so anyone can see what was hidden and compare with the original.
"""

from __future__ import annotations

import io
import json

from PIL import Image, ImageDraw, ImageFilter
from sqlalchemy import text

from opal_desktop.errors import InvalidInput
from opal_desktop.evidence import exhibits
from opal_desktop.evidence.ingest import ACCEPTED_FORMATS, inspect_still, to_display_rgb
from opal_desktop.evidence.models import ExhibitInfo, Region
from opal_desktop.vault.vault import Vault

_LOSSLESS = {"PNG", "BMP", "TIFF"}


def apply_regions(upright: Image.Image, regions: list[Region]) -> Image.Image:
    """Blur (pixelate, then blur, so nothing can be sharpened back) or fill each region."""
    result = upright.copy()
    draw = ImageDraw.Draw(result)
    for region in regions:
        box = (region.x, region.y, region.x + region.width, region.y + region.height)
        if region.style == "fill":
            draw.rectangle(box, fill=(0, 0, 0))
            continue
        patch = result.crop(box)
        coarse = patch.resize(
            (max(1, patch.width // 16), max(1, patch.height // 16)), Image.Resampling.BOX
        )
        blurred = coarse.resize(patch.size, Image.Resampling.NEAREST).filter(
            ImageFilter.GaussianBlur(radius=max(4, min(patch.size) // 10))
        )
        result.paste(blurred, box[:2])
    return result


def _validated(regions: list[Region], width: int, height: int) -> list[Region]:
    if not regions:
        raise InvalidInput("Draw at least one rectangle over what should be hidden.")
    checked = []
    for region in regions:
        x0, y0 = max(0, region.x), max(0, region.y)
        x1, y1 = min(width, region.x + region.width), min(height, region.y + region.height)
        if x1 - x0 < 2 or y1 - y0 < 2:
            raise InvalidInput(
                "One of the rectangles is outside the picture or too small. Draw it again."
            )
        checked.append(Region(x0, y0, x1 - x0, y1 - y0, region.style))
    return checked


def redact(vault: Vault, master_id: int, regions: list[Region]) -> ExhibitInfo:
    """Save a new working copy of a master with the regions hidden."""
    master = exhibits.get_exhibit(vault, master_id)
    if not master.is_master:
        raise InvalidInput(
            f"{master.reference} is already a working copy. Redact its master, {master.master_reference}."
        )
    data = exhibits.original_bytes(vault, master_id)
    with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
        image.load()
        upright = to_display_rgb(image)
    regions = _validated(regions, upright.width, upright.height)
    redacted = apply_regions(upright, regions)
    out = io.BytesIO()
    if master.format in _LOSSLESS:
        redacted.save(out, "PNG")
    else:
        redacted.save(out, "JPEG", quality=92)
    copy_bytes = out.getvalue()
    facts = inspect_still(copy_bytes, f"the redacted copy of {master.reference}")
    with vault.transaction() as conn:
        taken = conn.execute(
            text("SELECT count(*) FROM exhibits WHERE master_id = :m"), {"m": master_id}
        ).scalar_one()
        reference = f"{master.reference}-R{int(taken) + 1}"
        incident_id = conn.execute(
            text("SELECT incident_id, position FROM exhibits WHERE id = :m"), {"m": master_id}
        ).one()
        copy_id = exhibits.insert_exhibit(
            conn,
            incident_id=int(incident_id[0]),
            reference=reference,
            kind="redacted",
            master_id=master_id,
            position=int(incident_id[1]),
            facts=facts,
            data=copy_bytes,
            original_filename=f"{master.reference.replace('/', '-')}-R{int(taken) + 1}{facts.extension}",
            source="redaction",
            imported_by=vault.actor.username,
            camera=master.camera,
            regions_json=json.dumps([r.to_json() for r in regions]),
        )
        described = ", ".join(f"{r.style} {r.width}x{r.height} at ({r.x},{r.y})" for r in regions)
        exhibits.custody(
            vault,
            conn,
            master.reference,
            master.sha256,
            master.incident_reference,
            "redacted",
            f"working copy {reference} made ({described}); master unchanged",
        )
        exhibits.custody(
            vault,
            conn,
            reference,
            facts.sha256,
            master.incident_reference,
            "created",
            f"redacted copy of {master.reference} (master SHA-256 {master.sha256})",
        )
    return exhibits.get_exhibit(vault, copy_id)
