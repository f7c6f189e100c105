"""Verify a package as its recipient would: a signed PDF, a signed ZIP, or an encrypted .p7m.

A ZIP is valid when META-INF/SHA256SUMS.p7s is an intact signature over META-INF/SHA256SUMS,
every file it lists is in the archive with that SHA-256, nothing else is in the archive (an
added, removed or renamed file is caught), package.json's hashes and signer agree with the
manifest, and report.pdf's own signature holds. Trust is separate from integrity: with a
trusted certificate (`--trust`, or the vault's own) a signature by any other certificate
makes the package invalid; without one, `trusted` is False and a note says so.
Every problem is a sentence; nothing is extracted to disk.

A ZIP (and the ZIP inside a .p7m) is read under exactly the rules `import` applies
(import_zip: the same Limits, name check, layout, size, ratio and depth caps), so a package
`import` refuses for its archive is never VALID here. The bounds (DEFAULT_LIMITS): at most
5,000 entries (a central directory of at most 5 MiB, capped before it is read), 512 MiB
inflated per entry (64 MiB for package.json, the manifest, the signature, incidents.csv and
README.txt), 4 GiB inflated in all, a ratio of 100:1 for entries over 1 MiB; package.json
nested at most 32 levels, integers of at most 20 digits, at most 1,000,000 values; the ZIP
itself at most 4 GiB. A .pdf (and report.pdf) is read whole for its signature check, so at
most 512 MiB; a .p7m is decrypted in memory, so at most 1 GiB. At most
MAX_PROBLEMS problem sentences are listed, then "...and N more problems."
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from opal_desktop.errors import BadFile
from opal_desktop.packages import package_schema
from opal_desktop.packages.import_zip import (
    DEFAULT_LIMITS,
    PACKAGE_JSON,
    CheckedZip,
    Limits,
    MiB,
    PackageProblem,
    load_document,
    read_manifest,
    sentence,
)
from opal_desktop.packages.verify_sig import SignatureCheck, check_detached, check_pdf
from opal_desktop.packages.zip_writer import REPORT, SIGNATURE, SUMS

MAX_PROBLEMS = 20  # problem sentences listed; the rest are counted
MAX_PDF_BYTES = DEFAULT_LIMITS.max_entry_bytes  # a PDF on its own, as report.pdf in a ZIP
MAX_P7M_BYTES = 1024 * MiB  # decrypted in memory (cryptography takes bytes, not a stream)


@dataclass
class VerificationReport:
    valid: bool
    kind: str  # "pdf", "zip", "p7m/zip", "p7m/pdf"
    file: str
    signer_subject: str = ""
    signed_at: str = ""
    fingerprint: str = ""
    trusted: bool = False
    trust_source: str = ""  # what `trusted` was judged against; "" when nothing was
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files_checked: int = 0
    package: str = ""  # the package's reference, as the signed file states it
    draft: bool = False  # a draft, watermarked DRAFT – NOT FOR SUBMISSION

    @property
    def headline(self) -> str:
        """VALID / NOT VALID, and a draft said in the same breath: it is never to be submitted."""
        verdict = "VALID" if self.valid else "NOT VALID"
        return f"{verdict} (DRAFT – NOT FOR SUBMISSION)" if self.draft else verdict

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_certificates(pem: bytes, what: str = "The trust file") -> list[Any]:
    """Every certificate in a PEM file (cryptography's x509.Certificate). An empty file, or
    one holding no certificate, is an error: never an empty trust list that trusts no one
    and so lets a package through as "integrity checked"."""
    from cryptography import x509

    if not pem.strip():
        raise BadFile(f"{what} is empty. Give the sender's certificate (cert.pem).")
    try:
        found = x509.load_pem_x509_certificates(pem)
    except ValueError:
        found = []
    if not found:
        raise BadFile(
            f"{what} holds no certificate (it should begin '-----BEGIN CERTIFICATE-----'). "
            "Give the sender's certificate (cert.pem), not a key or another file."
        )
    return found


def trusted_roots(pem: bytes, what: str = "The trust file") -> list[Any]:
    """The certificates in `pem` as the signature checks take them (asn1crypto)."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return [
        x509.Certificate.load(certificate.public_bytes(Encoding.DER))
        for certificate in read_certificates(pem, what)
    ]


def verify_file(path: Path, trusted_pem: bytes | None = None, *, trust_source: str = "",
                key: tuple[bytes, bytes | None] | None = None, p12: tuple[bytes, str] | None = None) -> VerificationReport:  # fmt: skip
    """Check `path`; BadFile only when it cannot be read at all (the CLI's exit 2)."""
    roots = trusted_roots(trusted_pem) if trusted_pem is not None else []
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            size = handle.seek(0, 2)
            handle.seek(0)
            if head.startswith(b"%PDF"):
                _check_size(path, size, MAX_PDF_BYTES, "PDF")
                return _finish(verify_pdf(handle.read(), roots), path, roots, trust_source)
            if head.startswith(b"PK"):
                _check_size(path, size, DEFAULT_LIMITS.max_archive_bytes, "package ZIP")
                return _finish(verify_zip(handle, roots), path, roots, trust_source)
            if head[:1] == b"\x30":
                _check_size(path, size, MAX_P7M_BYTES, "encrypted package (.p7m)")
                inner = _decrypt(handle.read(), key, p12)
                kind = "p7m/pdf" if inner.startswith(b"%PDF") else "p7m/zip"
                if kind == "p7m/pdf":
                    _check_size(path, len(inner), MAX_PDF_BYTES, "PDF inside the .p7m")
                report = (
                    verify_pdf(inner, roots)
                    if kind == "p7m/pdf"
                    else verify_zip(io.BytesIO(inner), roots)
                )
                report.kind = kind
                return _finish(report, path, roots, trust_source)
    except OSError as error:
        raise BadFile(f"Cannot read {path}: {error.strerror or error}.") from None
    raise BadFile(
        f"{path.name} is not a package: verify takes a .pdf, a .zip or a .p7m made by Opal Desktop."
    )


def _check_size(path: Path, size: int, limit: int, what: str) -> None:
    if size > limit:
        raise BadFile(
            f"{path.name} is {size / MiB:,.0f} MB, over the {limit / MiB:,.0f} MB limit for a "
            f"{what}: it cannot be verified here."
        )


def _finish(
    report: VerificationReport, path: Path, roots: list[Any], source: str
) -> VerificationReport:
    report.file = path.name
    report.trust_source = source if roots else ""
    if not roots:
        report.trusted = False
        report.notes.append(
            "Integrity checked, but not who signed it: give the sender's certificate with --trust CERT.pem "
            "(and check its fingerprint with them)."
        )
    report.valid = not report.problems
    if len(report.problems) > MAX_PROBLEMS:
        more = len(report.problems) - MAX_PROBLEMS
        report.problems[MAX_PROBLEMS:] = [f"...and {more:,} more problems."]
    return report


def _decrypt(
    data: bytes, key: tuple[bytes, bytes | None] | None, p12: tuple[bytes, str] | None
) -> bytes:
    from opal_desktop.packages import encrypt

    if p12 is not None:
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            private, cert, _extra = pkcs12.load_key_and_certificates(
                p12[0], p12[1].encode() or None
            )
        except ValueError:
            raise BadFile(
                "The PKCS#12 file cannot be opened: the password is wrong or it is not a .p12."
            ) from None
        if private is None or cert is None:
            raise BadFile("The PKCS#12 file has no key and certificate to decrypt with.")
        return encrypt.decrypt_with(data, cert, private)
    if key is None:
        raise BadFile("This is an encrypted package (.p7m). Give your key and certificate: --key KEY.pem "
                      "--cert CERT.pem, or --p12 FILE.p12.")  # fmt: skip
    return encrypt.decrypt(data, key[0], key[1])


def _apply(report: VerificationReport, check: SignatureCheck) -> None:
    report.signer_subject, report.fingerprint = check.subject, check.fingerprint
    report.signed_at, report.trusted = check.signed_at, check.trusted
    report.package, report.draft = report.package or check.package, report.draft or check.draft
    report.problems.extend(check.problems)


def verify_pdf(data: bytes, roots: list[Any]) -> VerificationReport:
    report = VerificationReport(False, "pdf", "", files_checked=1)
    _apply(report, check_pdf(data, roots))
    return report


def verify_zip(
    handle: BinaryIO, roots: list[Any], limits: Limits = DEFAULT_LIMITS
) -> VerificationReport:
    report = VerificationReport(False, "zip", "")
    try:
        archive = CheckedZip(handle, limits)
    except PackageProblem as problem:
        report.problems.append(sentence(str(problem)))
        return report
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error):
        raise BadFile(
            "The file is not a readable ZIP archive: it is damaged or cut short."
        ) from None
    try:
        _check_archive(archive, roots, report)
    finally:
        archive.close()
    return report


def _read(archive: CheckedZip, name: str, report: VerificationReport) -> bytes | None:
    try:
        return archive.read(name)
    except PackageProblem as problem:
        report.problems.append(sentence(str(problem)))
        return None


def _check_archive(archive: CheckedZip, roots: list[Any], report: VerificationReport) -> None:
    report.problems.extend(sentence(p) for p in archive.problems)
    present = set(archive.names)
    if archive.problems and not present:  # too many entries: nothing else was looked at
        return
    if SUMS not in present or SIGNATURE not in present:
        missing = " and ".join(
            n for n in (SUMS, SIGNATURE) if n not in present and n not in archive.flagged
        )
        if missing:  # (one refused above is not missing: it was not read)
            report.problems.append(
                f"{missing} is missing, so nothing in the package can be checked."
            )
        return
    manifest, signature = _read(archive, SUMS, report), _read(archive, SIGNATURE, report)
    if manifest is None or signature is None:
        return
    _apply(report, check_detached(manifest, signature, roots, SUMS))
    sums, manifest_problems = read_manifest(manifest, archive.limits)
    report.problems.extend(sentence(p) for p in manifest_problems)
    listed, in_zip = set(sums), present - {SUMS, SIGNATURE}
    for name in sorted(listed - in_zip - archive.flagged):
        report.problems.append(
            f"{name} is listed in {SUMS} but is not in the archive (removed or renamed)."
        )
    for name in sorted(in_zip - listed):
        report.problems.append(
            f"{name} is in the archive but not listed in {SUMS} (added or renamed)."
        )
    for name in sorted(listed & in_zip):
        try:
            if archive.sha256_of(name) != sums[name]:
                report.problems.append(f"{name} was changed: its SHA-256 does not match {SUMS}.")
        except PackageProblem as problem:
            report.problems.append(sentence(str(problem)))
        report.files_checked += 1
    if PACKAGE_JSON in in_zip:
        raw = _read(archive, PACKAGE_JSON, report)
        if raw is not None:
            _check_document(raw, sums, in_zip, report, archive.limits)
    elif PACKAGE_JSON not in archive.flagged:
        report.problems.append("package.json is missing: the package has no data.")
    if REPORT in in_zip:
        pdf_bytes = _read(archive, REPORT, report)
        if pdf_bytes is None:
            return
        pdf = check_pdf(pdf_bytes, roots, REPORT)
        del pdf_bytes
        report.problems.extend(pdf.problems)
        if pdf.fingerprint and report.fingerprint and pdf.fingerprint != report.fingerprint:
            report.problems.append(
                f"{REPORT} was signed by {pdf.subject}, not by the package's signer."
            )


def _check_document(
    raw: bytes, sums: dict[str, str], in_zip: set[str], report: VerificationReport, limits: Limits
) -> None:
    """package.json must agree with the manifest: every hash it states, every exhibit file, the signer."""
    try:
        doc = load_document(raw, limits)
    except PackageProblem as problem:
        report.problems.append(sentence(str(problem)))
        return
    schema_problems = package_schema.problems(doc)
    if schema_problems:
        report.problems.append(f"package.json does not meet its schema: {schema_problems[0]}.")
        return
    stated = {f["path"]: f["sha256"] for f in doc["files"]} | {
        e["path"]: e["sha256"] for e in doc["exhibits"]
    }
    for path, digest in sorted(stated.items()):
        if path not in sums:
            report.problems.append(f"package.json names {path}, but {SUMS} does not list it.")
        elif sums[path] != digest:
            report.problems.append(f"package.json gives {path} a different SHA-256 from {SUMS}.")
    for name in sorted(n for n in in_zip if n.startswith("exhibits/") and n not in stated):
        report.problems.append(f"{name} is in the archive but package.json does not describe it.")
    report.package, report.draft = str(doc["package"]["reference"]), bool(doc["draft"])
    signer = doc["signer"]["fingerprint_sha256"]
    if report.fingerprint and signer != report.fingerprint:
        report.problems.append(
            f"package.json says it was signed by {doc['signer']['subject']}, but the signature is by "
            f"{report.signer_subject}."
        )
