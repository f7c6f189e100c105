"""Which rules are in use: the shipped indicative file until an administrator imports another.

Importing checks the file, then its detached CMS signature against the trusted issuer's
certificate (set by an administrator); an unsigned file needs an explicit confirmation and
is marked unsigned. A malformed or badly signed file is refused and the rules in use stay.
Every version imported is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.referral.check import CheckResult, evaluate, gather, gather_shared
from opal_desktop.referral.rules import RulesFile, parse_rules, shipped_rules, version_key
from opal_desktop.vault.audit import utc_now
from opal_desktop.vault.vault import Vault


@dataclass(frozen=True)
class RulesInUse:
    rules: RulesFile
    source: str  # "shipped" or "imported"
    signed: bool
    signer: str
    imported_by: str = ""
    imported_at: str = ""

    @property
    def description(self) -> str:
        how = (
            "shipped with the app"
            if self.source == "shipped"
            else f"imported by {self.imported_by}"
        )
        trust = f"signed by {self.signer}" if self.signed else "not signed"
        flag = "indicative values, " if self.rules.indicative else ""
        rules = self.rules
        return f"{rules.title} ({rules.id} {rules.version}) — {flag}{how}, {trust}"


def rules_in_use(vault: Vault) -> RulesInUse:
    with vault.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT content, signed, signer, imported_by, imported_at FROM rules_files WHERE active = 1 "
            "ORDER BY id DESC LIMIT 1")).first()  # fmt: skip
    if row is None:
        return RulesInUse(shipped_rules(), "shipped", False, "")
    return RulesInUse(parse_rules(bytes(row[0])), "imported", bool(row[1]), row[2], row[3], row[4])


def import_rules(
    vault: Vault, data: bytes, signature: bytes | None = None, *, accept_unsigned: bool = False
) -> RulesInUse:
    """Make a newer rules file the one in use (administrators)."""
    vault.require(Permission.MANAGE_SETTINGS)
    rules = parse_rules(data)
    current = rules_in_use(vault).rules
    if rules.id == current.id and version_key(rules.version) <= version_key(current.version):
        raise InvalidInput(
            f"This is version {rules.version} of {rules.id}; version {current.version} is already in use. "
            "Import a newer version."
        )
    signer = ""
    if signature is not None:
        trusted = str(vault.settings().get("rules_trusted_issuer_pem") or "")
        if not trusted:
            raise InvalidInput("No trusted issuer certificate is set, so the signature cannot be checked. "
                               "Set it first (Settings, or `opal-desktop rules trust CERT.pem`).")  # fmt: skip
        from opal_desktop.packages.cms import verify_detached

        signer = verify_detached(data, signature, trusted.encode("ascii")).describe()
    elif not accept_unsigned:
        raise InvalidInput("This rules file is not signed. Import it only if you trust where it came from, "
                           "and confirm that you do; it will be marked unsigned.")  # fmt: skip
    with vault.transaction() as conn:
        conn.execute(text("UPDATE rules_files SET active = 0"))
        conn.execute(
            text("INSERT INTO rules_files(rules_id, version, title, issuer, effective, indicative, signed, signer, "
                 "content, signature, imported_by, imported_at, active) VALUES (:id, :v, :t, :iss, :eff, :ind, :signed, "
                 ":signer, :content, :sig, :me, :now, 1)"),
            {"id": rules.id, "v": rules.version, "t": rules.title, "iss": rules.issuer,
             "eff": rules.effective.isoformat(), "ind": rules.indicative, "signed": signature is not None,
             "signer": signer, "content": data, "sig": signature, "me": vault.actor.username, "now": utc_now()},
        )  # fmt: skip
        vault.audit(
            conn,
            "rules_imported",
            "rules",
            f"{rules.id} {rules.version}",
            f"{rules.title}; "
            + (f"signed by {signer}" if signer else "UNSIGNED, accepted by the administrator"),
        )
    return rules_in_use(vault)


def set_trusted_issuer(vault: Vault, pem: bytes) -> str:
    """The certificate trusted to sign rules files; returns its subject."""
    from cryptography import x509

    vault.require(Permission.MANAGE_SETTINGS)
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise BadFile(
            "That is not a PEM certificate file (it should start with -----BEGIN CERTIFICATE-----)."
        ) from None
    vault.update_settings(rules_trusted_issuer_pem=pem.decode("ascii"))
    return cert.subject.rfc4514_string()


def trusted_issuer(vault: Vault) -> str:
    """The subject of the certificate trusted to sign rules files, or "" if none is set."""
    from cryptography import x509

    pem = str(vault.settings().get("rules_trusted_issuer_pem") or "")
    if not pem:
        return ""
    return x509.load_pem_x509_certificate(pem.encode("ascii")).subject.rfc4514_string()


def imported_versions(vault: Vault) -> list[dict[str, object]]:
    with vault.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT rules_id, version, title, signed, signer, imported_by, imported_at, active FROM rules_files "
            "ORDER BY id DESC")).all()  # fmt: skip
    keys = ("id", "version", "title", "signed", "signer", "imported_by", "imported_at", "active")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def check_incidents(
    vault: Vault, references: list[str], *, record: bool = True, name_others: bool = True
) -> CheckResult:
    """Check incidents against the rules in use; the check is written to the audit trail.
    `name_others` False for a package's own check: see check.evaluate."""
    facts = gather(vault, references)  # first: it checks the person may see every incident
    result = evaluate(rules_in_use(vault).rules, facts, shared=gather_shared(vault, references),
                      name_others=name_others)  # fmt: skip
    if record:
        with vault.transaction() as conn:
            vault.audit(
                conn,
                "referral_checked",
                "incidents",
                ",".join(result.incidents)[:80],
                f"{result.verdict} ({result.rules_id} {result.rules_version})",
            )
    return result


def check_series(vault: Vault, series_reference: str, *, name_others: bool = True) -> CheckResult:
    from opal_desktop.linking.series import summary

    found = summary(vault, series_reference)
    if not found.incident_references:
        raise InvalidInput(
            f"Series {found.reference} has no incidents yet. Add some before checking it."
        )
    return check_incidents(vault, list(found.incident_references), name_others=name_others)
