"""The signed ZIP package, streamed one still at a time.

Entries, in this order: README.txt, package.json, incidents.csv, report.pdf (when there is
one), exhibits/masters/… and exhibits/redacted/… (sorted by path), META-INF/SHA256SUMS and
META-INF/SHA256SUMS.p7s. Stills are stored (deflating JPEGs gains <1% and costs ~50x),
text is deflated. Every entry carries the package's generation time (UK local, as ZIP
has no time zone) and the same permissions, so one snapshot always gives the same bytes
apart from the signature. Each still is re-hashed as it is written and must match the
SHA-256 recorded at import: a still changed in the vault is never exported as evidence.
Stills are loaded and checked a few ahead on worker threads (prefetch), and the file's own
SHA-256, for the export record, is worked out beside the writing (FollowingHash).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from opal_desktop.domain.timeutil import utc_to_london
from opal_desktop.errors import ExportCancelled
from opal_desktop.evidence.stored import still_as_recorded
from opal_desktop.fileio import FollowingHash, file_sha256
from opal_desktop.packages import continuity, package_schema
from opal_desktop.packages.cms import make_signer
from opal_desktop.packages.csv_export import incidents_csv
from opal_desktop.packages.import_zip import CONTINUITY
from opal_desktop.packages.readme_text import ReadmeFacts, readme_text
from opal_desktop.packages.snapshot import PackageExhibit, Snapshot
from opal_desktop.prefetch import loaded_ahead
from opal_desktop.vault import identity

SUMS = "META-INF/SHA256SUMS"
SIGNATURE = "META-INF/SHA256SUMS.p7s"
REPORT = "report.pdf"
CHUNK = 1024 * 1024
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


@dataclass
class ZipOutcome:
    """What was written: every entry's SHA-256 (the manifest) and the package.json document."""

    sums: dict[str, str] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""  # of the whole ZIP file
    size_bytes: int = 0


def _stamp(snapshot: Snapshot) -> tuple[int, int, int, int, int, int]:
    at = utc_to_london(datetime.fromisoformat(str(snapshot.data["generated"]["at"])))
    return (max(at.year, 1980), at.month, at.day, at.hour, at.minute, at.second)


def _info(name: str, stamp: tuple[int, int, int, int, int, int], stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, on every platform, so the bytes do not depend on where it ran
    info.external_attr = 0o644 << 16
    return info


def package_document(
    snapshot: Snapshot,
    material: identity.IdentityMaterial,
    files: list[dict[str, Any]],
    *,
    draft: bool,
) -> dict[str, Any]:
    """package.json: the snapshot plus the draft flag, the signer and the other files' hashes."""
    facts = identity.facts(material.certificate_der)
    doc = {
        "format": snapshot.data["format"],
        "schema_version": package_schema.SCHEMA_VERSION,
        "draft": draft,
    }
    doc |= {k: v for k, v in snapshot.data.items() if k != "format"}
    doc["signer"] = {"subject": facts.subject, "fingerprint_sha256": facts.fingerprint_sha256}
    doc["files"] = files
    return doc


def _require_schema(document: dict[str, Any]) -> None:
    problems = package_schema.problems(document)
    if problems:  # a bug, not a user's mistake: the data we made does not meet our own schema
        raise AssertionError(f"package.json does not meet its schema: {problems[:3]}")


def _verified(exhibit: PackageExhibit) -> tuple[PackageExhibit, bytes]:
    """The still's bytes, refused unless they still have the SHA-256 recorded at import."""
    return exhibit, still_as_recorded(exhibit.load(), exhibit.info.sha256, exhibit.info.reference)


def write_zip(
    handle: BinaryIO,
    snapshot: Snapshot,
    material: identity.IdentityMaterial,
    *,
    signer: Any = None,
    report: Path | None = None,
    draft: bool = False,
    progress: Progress | None = None,
) -> ZipOutcome:
    """Write the whole package to `handle` (a seekable file opened for writing)."""
    total = len(snapshot.exhibits) + 4
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and not progress(done, total):
            raise ExportCancelled()

    facts = identity.facts(material.certificate_der)
    readme = readme_text(ReadmeFacts(
        reference=snapshot.reference, title=str(snapshot.data["package"]["title"]),
        marking=str(snapshot.data["marking"]), draft=draft, signer_subject=facts.subject,
        signer_fingerprint=facts.fingerprint_sha256, has_report=report is not None,
        incidents=len(snapshot.incidents), exhibits=len(snapshot.exhibits),
    ))  # fmt: skip
    csv_bytes = incidents_csv(snapshot.data)
    texts = {
        "README.txt": (readme, "text/plain; charset=utf-8"),
        "incidents.csv": (csv_bytes, "text/csv; charset=utf-8"),
        # print, sign by hand and serve: one per producer (the same words as in report.pdf)
        CONTINUITY: (continuity.all_statements_text(snapshot.data), "text/plain; charset=utf-8"),
    }
    files = [{"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size_bytes": len(data), "media_type": kind}
             for name, (data, kind) in texts.items()]  # fmt: skip
    if report is not None:
        digest, size = file_sha256(report)
        files.append(
            {"path": REPORT, "sha256": digest, "size_bytes": size, "media_type": "application/pdf"}
        )
    document = package_document(snapshot, material, files, draft=draft)
    package_json = (
        json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    ).encode("utf-8")
    outcome = ZipOutcome(document=document)
    sums = outcome.sums
    stamp = _stamp(snapshot)
    # Checking package.json against its schema is pure Python; the stills below mostly wait
    # on SQLCipher and hashing, so the check runs beside them instead of before them.
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="schema") as schema_pool,
        FollowingHash(handle) as file_hash,
        zipfile.ZipFile(handle, "w", allowZip64=True) as archive,
    ):
        schema_check = schema_pool.submit(_require_schema, document)

        def written() -> None:
            step()
            handle.flush()
            file_hash.advance(handle.tell())  # at the next entry: those before it are final

        for name, data in (
            ("README.txt", readme),
            ("package.json", package_json),
            ("incidents.csv", csv_bytes),
            (CONTINUITY, texts[CONTINUITY][0]),
        ):
            archive.writestr(_info(name, stamp, stored=False), data)
            sums[name] = hashlib.sha256(data).hexdigest()
        written()
        if report is not None:
            sums[REPORT] = _copy_report(archive, report, _info(REPORT, stamp, stored=True))
            written()
        in_order = sorted(snapshot.exhibits, key=lambda e: e.path)
        with (
            snapshot.stills.kept_open(),
            contextlib.closing(loaded_ahead(_verified, in_order)) as stills,
        ):
            for exhibit, data in stills:
                archive.writestr(_info(exhibit.path, stamp, stored=True), data)
                sums[exhibit.path] = exhibit.info.sha256
                del data
                written()
        schema_check.result()
        manifest = "".join(f"{sums[p]}  {p}\n" for p in sorted(sums)).encode("utf-8")
        archive.writestr(_info(SUMS, stamp, stored=False), manifest)
        archive.writestr(
            _info(SIGNATURE, stamp, stored=True), sign_manifest(manifest, material, signer)
        )
        archive.close()
        step()
        outcome.sha256, outcome.size_bytes = file_hash.finish()
    return outcome


def _copy_report(archive: zipfile.ZipFile, report: Path, info: zipfile.ZipInfo) -> str:
    """Copy the signed PDF in a chunk at a time; the hash is of the bytes actually copied."""
    digest = hashlib.sha256()
    info.file_size = report.stat().st_size
    with (
        report.open("rb") as source,
        archive.open(info, "w", force_zip64=info.file_size > 2**31) as target,
    ):
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            target.write(chunk)
    return digest.hexdigest()


def sign_manifest(
    manifest: bytes, material: identity.IdentityMaterial, signer: Any = None
) -> bytes:
    """Detached DER CMS over SHA256SUMS with the certificate inside and the signing time stated."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    signer = signer or make_signer(material)
    attrs = PdfCMSSignedAttributes(signing_time=datetime.now(UTC))
    info = asyncio.run(
        signer.async_sign_general_data(
            manifest, "sha256", detached=True, signed_attr_settings=attrs
        )
    )
    return bytes(info.dump())
