"""The one place that knows where things live, frozen or from source."""

from __future__ import annotations

import os
import sys
from pathlib import Path

VAULT_ENV = "OPAL_DESKTOP_VAULT"


def resources_dir() -> Path:
    """Folder holding icons, stylesheet, rules and reference data."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_vault_dir() -> Path:
    """Vault chosen by --vault, else OPAL_DESKTOP_VAULT, else the per-user data folder."""
    from_env = os.environ.get(VAULT_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("Opal Desktop", "Opal Desktop", roaming=False)) / "vault"


def resolve_vault_dir(explicit: str | os.PathLike[str] | None) -> Path:
    return Path(explicit).expanduser() if explicit else default_vault_dir()
