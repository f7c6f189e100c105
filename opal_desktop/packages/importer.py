"""Regional import of a store's package ZIP: verify first, show what it holds, then merge.

`prepare` reads the archive safely (import_zip), checks the signature over SHA256SUMS, that
the set of files equals the set listed, every file's SHA-256, package.json field by field
(import_doc) and every still again as a picture (a hostile image is refused). Anything
wrong refuses the whole package with one sentence, before anything is written.
`import_package` then merges by UUID in one transaction (import_merge); with dry_run the
same merge runs and is rolled back, so the counts shown are exactly what would happen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from opal_desktop.domain.roles import Permission
from opal_desktop.errors import BadFile
from opal_desktop.evidence.ingest import InspectedStill, inspect_still
from opal_desktop.packages.import_doc import PackageDoc, parse_package
from opal_desktop.packages.import_report import ImportReport, Signer
from opal_desktop.packages.import_zip import (
    DEFAULT_LIMITS,
    PACKAGE_JSON,
    SIGNATURE,
    SUMS,
    Limits,
    SafeZip,
    read_manifest,
    refuse,
)
from opal_desktop.vault.vault import Vault


@dataclass
class Prepared:
    """A package that passed every check, still open for the merge to read stills from."""

    archive: SafeZip
    doc: PackageDoc
    signer: Signer
    sums: dict[str, str]
    stills: dict[str, InspectedStill] = field(default_factory=dict)  # by exhibit uuid

    def still_bytes(self, uuid: str, path: str) -> bytes:
        """Read a still again for the merge; it must still be the bytes that were checked."""
        data = self.archive.read(path)
        if hashlib.sha256(data).hexdigest() != self.stills[uuid].sha256:
            raise refuse(f"{path} changed while it was being imported.")
        return data

    def report(self, dry_run: bool) -> ImportReport:
        doc = self.doc
        return ImportReport(
            package_reference=doc.reference, package_uuid=doc.uuid, package_title=doc.title,
            package_sha256=self.archive.sha256, file_name=self.archive.path.name, signer=self.signer,
            source_stores=doc.source_stores, generated_at=doc.generated_at, generated_by=doc.generated_by,
            contents={"incidents": len(doc.incidents), "exhibits": len(doc.exhibits),
                      "subjects": len(doc.subjects), "vehicles": len(doc.vehicles), "links": len(doc.links),
                      "stores": len({i.incident.store_code for i in doc.incidents})},
            dry_run=dry_run,
            organisation=doc.organisation.name if doc.organisation else self.signer.organisation,
            notes=["This package is a draft (not for submission to Opal)."] if doc.draft else [],
        )  # fmt: skip


@contextmanager
def prepare(
    vault: Vault, path: Path, trusted_pem: bytes | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Prepared]:
    """Verify a package completely; yields it open for merging, closes it afterwards."""
    vault.require(Permission.IMPORT_PACKAGES)
    with SafeZip(path, limits) as archive:
        signer = _signature(vault, archive, trusted_pem)
        sums = _manifest(archive)
        _check_files(archive, sums)
        raw = archive.read(PACKAGE_JSON)
        doc = parse_package(raw)
        if doc.declared_signer not in ("", signer.fingerprint):
            raise refuse("package.json names a different signer from the one who signed it.")
        prepared = Prepared(archive, doc, signer, sums)
        _check_exhibits(prepared)
        yield prepared


def import_package(
    vault: Vault,
    path: Path,
    *,
    trusted_pem: bytes | None = None,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportReport:
    """Verify, then merge (or, with dry_run, say what a merge would do and change nothing)."""
    from opal_desktop.packages.import_merge import merge

    try:
        with prepare(vault, path, trusted_pem, limits) as prepared:
            return merge(vault, prepared, dry_run=dry_run)
    except BadFile as error:
        _audit_refusal(vault, path, error, dry_run)
        raise


def _audit_refusal(vault: Vault, path: Path, error: BadFile, dry_run: bool) -> None:
    """A refused package is an attempt worth a line in the trail: which file, and why."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        sha = digest.hexdigest()
    except OSError:
        sha = "unreadable"
    what = "checked and refused" if dry_run else "refused"
    with vault.transaction() as conn:
        vault.audit(conn, "package_import_refused", "package", path.name[:120],
                    f"{path.name} (SHA-256 {sha}) {what}: {error}")  # fmt: skip


def _manifest(archive: SafeZip) -> dict[str, str]:
    """The same reading of META-INF/SHA256SUMS as verify's (import_zip.read_manifest)."""
    sums, problems = read_manifest(archive.read(SUMS), archive.limits)
    if problems:
        raise refuse(problems[0])
    return sums


class UntrustedSender(BadFile):
    """The package is intact but its signer is not trusted here: nothing is imported. Carries
    the signer's certificate so the person can trust it once they have checked it."""

    def __init__(self, signer: Signer, certificate_pem: bytes, given: bool = False) -> None:
        self.signer, self.certificate_pem = signer, certificate_pem
        whose = (
            "which is not the certificate you trust (--trust) nor one it issued"
            if given
            else "whose certificate this vault does not trust"
        )
        super().__init__(
            f"This package was signed by {signer.name}, {whose} (SHA-256 fingerprint "
            f"{signer.fingerprint_display}). Nothing was imported. Phone the sender and check "
            "that fingerprint with them; if it matches, trust the sender (Trust this sender, or "
            "`opal-desktop trust add CERT.pem`) and import again."
        )


def _signature(vault: Vault, archive: SafeZip, trusted_pem: bytes | None) -> Signer:
    """The recipient's verification (packages.verify): signature over SHA256SUMS, every file,
    package.json against its schema and the manifest, report.pdf's own signature; then trust.
    Trusted: the certificate given (--trust) alone, else this vault's trusted senders, its own
    certificate and the certificates they issued (stores of one organisation share a CA).
    An intact package from anyone else is refused naming its fingerprint (UntrustedSender)."""
    from opal_desktop.packages import trust
    from opal_desktop.packages.verify import trusted_roots, verify_zip
    from opal_desktop.packages.verify_sig import check_detached
    from opal_desktop.vault.signing import certificate_pem

    result = verify_zip(
        archive.handle, [], archive.limits
    )  # integrity first: a tampered file says so
    if result.problems:
        raise refuse(result.problems[0])
    if trusted_pem is not None:
        roots = trusted_roots(trusted_pem, "The certificate given with --trust")
    else:
        roots = trusted_roots(certificate_pem(vault).encode("ascii") + trust.trusted_pem(vault))
    manifest, signature = archive.read(SUMS), archive.read(SIGNATURE)
    signer = Signer(result.signer_subject, result.fingerprint, True)
    if not check_detached(manifest, signature, roots, SUMS).trusted:
        untrusted = Signer(signer.subject, signer.fingerprint, False)
        certificate = trust.signer_certificate(signature, signer.fingerprint)
        raise UntrustedSender(untrusted, certificate, given=trusted_pem is not None)
    return signer


def _check_files(archive: SafeZip, sums: dict[str, str]) -> None:
    """The files present are exactly the files listed, and each has the listed SHA-256."""
    present = set(archive.names) - {SUMS, SIGNATURE}
    extra, missing = sorted(present - set(sums)), sorted(set(sums) - present)
    if extra:
        raise refuse(
            f"{extra[0]} is in the ZIP but not in its signed list of files (added after signing)."
        )
    if missing:
        raise refuse(
            f"{missing[0]} is in its signed list of files but not in the ZIP (removed after signing)."
        )
    for name in sorted(present):
        if archive.sha256_of(name) != sums[name]:
            raise refuse(
                f"{name} does not match its SHA-256 in the signed list (changed after signing)."
            )


def _check_exhibits(prepared: Prepared) -> None:
    """Every exhibit is a listed file with the recorded hash and size, and a picture we accept."""
    doc, sums = prepared.doc, prepared.sums
    incidents = {d.incident.uuid for d in doc.incidents}
    uuids = {e.uuid for e in doc.exhibits}
    paths: set[str] = set()
    for exhibit in doc.exhibits:
        where = f"exhibit {exhibit.reference}"
        if (
            exhibit.path not in sums
            or not exhibit.path.startswith("exhibits/")
            or exhibit.path in paths
        ):
            raise refuse(f"{where} points at {exhibit.path!r}, which is not one of its files.")
        if sums[exhibit.path] != exhibit.sha256:
            raise refuse(f"{where} does not match the SHA-256 recorded when it was imported.")
        if exhibit.incident_uuid not in incidents:
            raise refuse(f"{where} belongs to an incident the package does not hold.")
        if exhibit.master_uuid and exhibit.master_uuid == exhibit.uuid:
            raise refuse(f"{where} says it is its own master.")
        paths.add(exhibit.path)
        data = prepared.archive.read(exhibit.path)
        if len(data) != exhibit.size_bytes:
            raise refuse(f"{where} is not the size recorded when it was imported.")
        try:
            prepared.stills[exhibit.uuid] = inspect_still(data, f"{exhibit.path}")
        except BadFile as error:
            raise refuse(f"{where}: {error}") from None
        del data
    if len(uuids) != len(doc.exhibits):
        raise refuse("two exhibits share one identifier (UUID).")
    unlisted = {p for p in sums if p.startswith("exhibits/")} - paths
    if unlisted:
        raise refuse(f"{sorted(unlisted)[0]} is not described in package.json.")
