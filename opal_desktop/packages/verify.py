"""Verify a package as its recipient would: a signed PDF, a signed ZIP, or an encrypted .p7m.

A ZIP is valid when META-INF/SHA256SUMS.p7s is an intact signature over META-INF/SHA256SUMS,
every file it lists is in the archive with that SHA-256, nothing else is in the archive (an
added, removed or renamed file is caught), package.json's hashes and signer agree with the
manifest, and report.pdf's own signature holds. Trust is separate from integrity: with a
trusted certificate (`--trust`, or the vault's own) a signature by any other certificate
makes the package invalid; without one, `trusted` is False and a note says so.
Every problem is a sentence; nothing is extracted to disk.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from opal_desktop.errors import BadFile
from opal_desktop.packages import package_schema
from opal_desktop.packages.verify_sig import SignatureCheck, check_detached, check_pdf
from opal_desktop.packages.zip_writer import REPORT, SIGNATURE, SUMS

_LINE = re.compile(r"^([0-9a-f]{64})  (\S.*)$")
MAX_ENTRIES = 100_000
CHUNK = 1024 * 1024


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
            handle.seek(0)
            if head.startswith(b"%PDF"):
                return _finish(verify_pdf(handle.read(), roots), path, roots, trust_source)
            if head.startswith(b"PK"):
                return _finish(verify_zip(handle, roots), path, roots, trust_source)
            if head[:1] == b"\x30":
                inner = _decrypt(handle.read(), key, p12)
                kind = "p7m/pdf" if inner.startswith(b"%PDF") else "p7m/zip"
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
    report.problems.extend(check.problems)


def verify_pdf(data: bytes, roots: list[Any]) -> VerificationReport:
    report = VerificationReport(False, "pdf", "", files_checked=1)
    _apply(report, check_pdf(data, roots))
    return report


def verify_zip(handle: BinaryIO, roots: list[Any]) -> VerificationReport:
    report = VerificationReport(False, "zip", "")
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadFile(
            "The file is not a readable ZIP archive: it is damaged or cut short."
        ) from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise BadFile(
                f"The ZIP has {len(infos):,} files; a package never has more than {MAX_ENTRIES:,}."
            )
        names = [i.filename for i in infos]
        for name in sorted({n for n in names if names.count(n) > 1}):
            report.problems.append(f"{name} is in the archive more than once.")
        present = set(names)
        if SUMS not in present or SIGNATURE not in present:
            missing = " and ".join(n for n in (SUMS, SIGNATURE) if n not in present)
            report.problems.append(
                f"{missing} is missing, so nothing in the package can be checked."
            )
            return report
        manifest, signature = archive.read(SUMS), archive.read(SIGNATURE)
        _apply(report, check_detached(manifest, signature, roots, SUMS))
        sums = _parse_sums(manifest, report)
        listed, in_zip = set(sums), present - {SUMS, SIGNATURE}
        for name in sorted(listed - in_zip):
            report.problems.append(
                f"{name} is listed in {SUMS} but is not in the archive (removed or renamed)."
            )
        for name in sorted(in_zip - listed):
            report.problems.append(
                f"{name} is in the archive but not listed in {SUMS} (added or renamed)."
            )
        for name in sorted(listed & in_zip):
            if _entry_hash(archive, name, report) != sums[name]:
                report.problems.append(f"{name} was changed: its SHA-256 does not match {SUMS}.")
            report.files_checked += 1
        if "package.json" in in_zip:
            _check_document(archive.read("package.json"), sums, in_zip, report)
        else:
            report.problems.append("package.json is missing: the package has no data.")
        if REPORT in in_zip:
            pdf = check_pdf(archive.read(REPORT), roots, REPORT)
            report.problems.extend(pdf.problems)
            if pdf.fingerprint and report.fingerprint and pdf.fingerprint != report.fingerprint:
                report.problems.append(
                    f"{REPORT} was signed by {pdf.subject}, not by the package's signer."
                )
    return report


def _parse_sums(manifest: bytes, report: VerificationReport) -> dict[str, str]:
    sums: dict[str, str] = {}
    for number, line in enumerate(manifest.decode("utf-8", "replace").splitlines(), start=1):
        match = _LINE.match(line)
        if match is None:
            report.problems.append(f"Line {number} of {SUMS} is not '<sha256>  <path>'.")
        elif match[2] in sums:
            report.problems.append(f"{match[2]} is listed twice in {SUMS}.")
        else:
            sums[match[2]] = match[1]
    return sums


def _entry_hash(archive: zipfile.ZipFile, name: str, report: VerificationReport) -> str:
    digest = hashlib.sha256()
    try:
        with archive.open(name) as entry:
            while chunk := entry.read(CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        report.problems.append(f"{name} cannot be read from the archive ({error}).")
    return digest.hexdigest()


def _check_document(
    raw: bytes, sums: dict[str, str], in_zip: set[str], report: VerificationReport
) -> None:
    """package.json must agree with the manifest: every hash it states, every exhibit file, the signer."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        report.problems.append("package.json is not valid UTF-8 JSON.")
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
    signer = doc["signer"]["fingerprint_sha256"]
    if report.fingerprint and signer != report.fingerprint:
        report.problems.append(
            f"package.json says it was signed by {doc['signer']['subject']}, but the signature is by "
            f"{report.signer_subject}."
        )
