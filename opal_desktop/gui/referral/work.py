"""Referral work for the GUI, run on the worker thread: checks, and the rules in use.

Nothing here imports Qt; each function takes the vault (and the files a person chose) and
returns plain values for the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from opal_desktop.errors import BadFile

if TYPE_CHECKING:
    from opal_desktop.referral.check import CheckResult
    from opal_desktop.referral.rules import RulesFile
    from opal_desktop.referral.store import RulesInUse
    from opal_desktop.vault.vault import Vault

MAX_SIGNATURE_BYTES = 1024 * 1024
MAX_CERTIFICATE_BYTES = 256 * 1024


@dataclass(frozen=True)
class CheckTarget:
    """What to check: a series, or a list of incidents."""

    series: str = ""
    incidents: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        if self.series:
            return f"Series {self.series}"
        count = len(self.incidents)
        return f"{count} incident" if count == 1 else f"{count} incidents"


@dataclass(frozen=True)
class CheckView:
    result: CheckResult
    rules: str  # which rules, how they came, whether signed


def run_check(vault: Vault, target: CheckTarget) -> CheckView:
    from opal_desktop.referral import store

    if target.series:
        result = store.check_series(vault, target.series)
    else:
        result = store.check_incidents(vault, list(target.incidents))
    return CheckView(result, store.rules_in_use(vault).description)


@dataclass(frozen=True)
class RulesView:
    in_use: RulesInUse
    trusted_issuer: str  # the certificate's subject, "" if none is set
    versions: list[dict[str, object]]


def load_rules(vault: Vault) -> RulesView:
    from opal_desktop.referral import store

    return RulesView(
        store.rules_in_use(vault), store.trusted_issuer(vault), store.imported_versions(vault)
    )


@dataclass(frozen=True)
class ChosenRules:
    """A rules file read and checked, not yet imported."""

    data: bytes
    rules: RulesFile


def read_rules(path: Path) -> ChosenRules:
    from opal_desktop.referral.rules import MAX_RULES_BYTES, parse_rules

    data = read_limited(path, MAX_RULES_BYTES, "a rules file")
    return ChosenRules(data, parse_rules(data, path.name))


def import_rules(
    vault: Vault, chosen: ChosenRules, signature: Path | None, accept_unsigned: bool
) -> RulesView:
    from opal_desktop.referral import store

    sig = None
    if signature is not None:
        sig = read_limited(signature, MAX_SIGNATURE_BYTES, "a signature file")
    store.import_rules(vault, chosen.data, sig, accept_unsigned=accept_unsigned)
    return load_rules(vault)


def trust_issuer(vault: Vault, path: Path) -> RulesView:
    from opal_desktop.referral import store

    store.set_trusted_issuer(vault, read_limited(path, MAX_CERTIFICATE_BYTES, "a certificate"))
    return load_rules(vault)


def signature_beside(path: Path) -> Path | None:
    """The detached signature usually sits next to the rules file: NAME.json.p7s or NAME.p7s."""
    for candidate in (path.with_name(path.name + ".p7s"), path.with_suffix(".p7s")):
        if candidate.is_file():
            return candidate
    return None


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """Read a file the person chose, refusing one far too large to be `what`."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise BadFile(f"Cannot read {path}: {error.strerror or error}.") from None
    if len(data) > limit:
        raise BadFile(
            f"{path.name} is larger than {limit:,} bytes, far too large for {what}. "
            "Nothing was changed."
        )
    return data
