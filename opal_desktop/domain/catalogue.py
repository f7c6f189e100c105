"""Shipped lists: incident types, tactics (extendable by an admin) and IC codes."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from opal_desktop.paths import resource


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@functools.cache
def _doc() -> dict[str, list[dict[str, str]]]:
    loaded: dict[str, list[dict[str, str]]] = json.loads(
        resource("reference", "incidents.json").read_text(encoding="utf-8")
    )
    return loaded


@functools.cache
def incident_types() -> tuple[Choice, ...]:
    return tuple(Choice(**c) for c in _doc()["incident_types"])


@functools.cache
def shipped_tactics() -> tuple[Choice, ...]:
    return tuple(Choice(**c) for c in _doc()["tactics"])


def ic_codes() -> tuple[Choice, ...]:
    return tuple(Choice(**c) for c in _doc()["ic_codes"])


def tactics(custom: dict[str, str] | None = None) -> tuple[Choice, ...]:
    """Shipped tactics plus those an admin added in this vault (id -> label)."""
    extra = tuple(Choice(k, v) for k, v in sorted((custom or {}).items()))
    return shipped_tactics() + extra


def is_incident_type(type_id: str) -> bool:
    return any(c.id == type_id for c in incident_types())


def is_tactic(tactic_id: str, custom: dict[str, str] | None = None) -> bool:
    return any(c.id == tactic_id for c in tactics(custom))


def label(choices: tuple[Choice, ...], choice_id: str) -> str:
    return next((c.label for c in choices if c.id == choice_id), choice_id)
