"""Shipped reference data (police forces), read once from resources/."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from opal_desktop.errors import InvalidInput
from opal_desktop.paths import resource


@dataclass(frozen=True)
class Force:
    id: str  # data.police.uk force id, e.g. "west-yorkshire"
    name: str
    nation: str


@functools.cache
def police_forces() -> tuple[Force, ...]:
    doc = json.loads(resource("reference", "forces.json").read_text(encoding="utf-8"))
    return tuple(Force(**entry) for entry in doc["forces"])


def force_by_id(force_id: str) -> Force:
    for force in police_forces():
        if force.id == force_id:
            return force
    raise InvalidInput(
        f"{force_id!r} is not a UK police force id. Use one such as 'west-yorkshire', "
        "'metropolitan', 'btp' or 'police-scotland' (`opal-desktop forces` lists them all)."
    )
