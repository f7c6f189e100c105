"""What the rest of the app sees of an exhibit (plain dataclasses, no database rows)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Source = Literal["file", "folder", "clipboard", "drop", "redaction"]
RegionStyle = Literal["blur", "fill"]


@dataclass(frozen=True)
class IncomingStill:
    """A still to import: its name as shown to the user, where it came from, and how to read it."""

    name: str
    source: Source
    load: Callable[[], bytes]

    @classmethod
    def from_path(cls, path: Path, source: Source = "file") -> IncomingStill:
        return cls(Path(path).name, source, Path(path).read_bytes)

    @classmethod
    def from_bytes(cls, name: str, data: bytes, source: Source = "clipboard") -> IncomingStill:
        return cls(name, source, lambda: data)


@dataclass(frozen=True)
class Region:
    """A rectangle of the upright picture, in pixels, to blur or fill."""

    x: int
    y: int
    width: int
    height: int
    style: RegionStyle = "blur"

    def to_json(self) -> dict[str, Any]:
        return {
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "height": self.height,
            "style": self.style,
        }


def regions_from_json(text: str) -> list[Region]:
    return [Region(**r) for r in json.loads(text or "[]")]


@dataclass(frozen=True)
class ExhibitInfo:
    id: int
    reference: str  # e.g. "JS/4"; a working copy "JS/4-R1"
    incident_reference: str
    kind: Literal["master", "redacted"]
    master_reference: str  # "" for a master
    sha256: str
    size_bytes: int
    format: str
    width: int
    height: int
    orientation: int
    frames: int
    original_filename: str
    source: str
    imported_by: str
    imported_at: str
    camera: str
    cctv_time_shown: str
    clock_offset_seconds: int | None
    caption: str
    exif_datetime: str
    regions: list[Region] = field(default_factory=list)

    @property
    def is_master(self) -> bool:
        return self.kind == "master"

    def to_json(self) -> dict[str, Any]:
        doc = {k: v for k, v in self.__dict__.items() if k != "regions"}
        doc["regions"] = [r.to_json() for r in self.regions]
        return doc


@dataclass
class ImportReport:
    added: list[ExhibitInfo] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(
        default_factory=list
    )  # (file name, existing reference)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    cancelled: bool = False
    # The vault could not be written (a full disk, a read-only folder): the batch stopped at
    # the first of these files; none of them is in the vault. `stopped` is the sentence.
    not_stored: list[str] = field(default_factory=list)
    stopped: str = ""

    def sentences(self) -> list[str]:
        lines = []
        if self.added:
            lines.append(
                f"Added {len(self.added)} still(s): {', '.join(e.reference for e in self.added)}."
            )
        for name, existing in self.duplicates:
            lines.append(
                f"{name} is already attached to this incident as {existing}; it was not added twice."
            )
        lines.extend(reason for _name, reason in self.rejected)
        if self.not_stored:
            lines.append(
                f"Not stored ({len(self.not_stored)}): {', '.join(self.not_stored)}. {self.stopped}"
            )
        if self.cancelled:
            lines.append("The import was cancelled; the stills listed above were kept.")
        return lines


@dataclass(frozen=True)
class CustodyEvent:
    at: str
    actor: str
    action: str
    exhibit_reference: str
    exhibit_sha256: str
    details: str
