"""What the package screens ask the worker to do. Everything here runs on the worker thread.

Nothing here imports Qt: each function takes the vault (and what the person chose) and
returns plain values for the screens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from opal_desktop.domain.fingerprint import colon_pairs
from opal_desktop.errors import BadFile, InvalidInput
from opal_desktop.gui.referral.work import CheckTarget, CheckView, read_limited, run_check

if TYPE_CHECKING:
    from opal_desktop.evidence.models import ExhibitInfo
    from opal_desktop.packages.export import ExportResult
    from opal_desktop.packages.import_report import ImportReport
    from opal_desktop.packages.model import PackageDraft, PackageRecord, Status, Submitter
    from opal_desktop.packages.verify import VerificationReport
    from opal_desktop.vault.vault import Vault

Progress = Callable[[int, int], bool]
MAX_CERTIFICATE_BYTES = 256 * 1024
MAX_KEY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ExhibitOption:
    """One master exhibit and the copies the person may send instead."""

    master: ExhibitInfo
    copies: tuple[ExhibitInfo, ...]  # redacted working copies, oldest first
    thumbnails: dict[int, bytes]  # by exhibit id, JPEG
    uuids: dict[int, str]  # by exhibit id: the core keys its choices by uuid

    @property
    def master_uuid(self) -> str:
        return self.uuids[self.master.id]

    def default_choice(self) -> str:
        """As the core does when nothing is chosen: the newest redacted copy, else the master."""
        return f"redacted:{self.uuids[self.copies[-1].id]}" if self.copies else "master"

    def chosen(self, choice: str) -> ExhibitInfo | None:
        """The exhibit a choice sends (None: left out)."""
        if choice == "exclude":
            return None
        wanted = choice.removeprefix("redacted:")
        return next((c for c in self.copies if self.uuids[c.id] == wanted), self.master)


@dataclass(frozen=True)
class SourceData:
    """What a package is built from: its incidents' exhibits and the referral check."""

    target: CheckTarget
    exhibits: tuple[ExhibitOption, ...]
    check: CheckView


@dataclass(frozen=True)
class EditorData:
    series: list[tuple[str, str, int]]  # (reference, name, incidents)
    legal_basis: str  # the vault's default
    submitter: Submitter  # the signed-in user and organisation
    record: PackageRecord | None  # editing an existing package
    source: SourceData | None


def package_list(vault: Vault) -> list[PackageRecord]:
    from opal_desktop.packages import store

    return store.list_packages(vault)


def advance(vault: Vault, reference: str, to: Status) -> list[PackageRecord]:
    from opal_desktop.packages import store

    store.advance_status(vault, reference, to)
    return package_list(vault)


def load_source(vault: Vault, target: CheckTarget) -> SourceData:
    """Every master exhibit of the target's incidents with its redacted copies and thumbnails."""
    from sqlalchemy import text

    from opal_desktop.evidence.queries import list_exhibits, thumbnails
    from opal_desktop.linking import series

    if target.series:
        incidents = [row["reference"] for row in series.timeline(vault, target.series)]
    else:
        incidents = list(target.incidents)
    options: list[ExhibitOption] = []
    for reference in incidents:
        stills = list_exhibits(vault, reference)
        thumbs = thumbnails(vault, [s.id for s in stills])
        with vault.engine.connect() as conn:
            ids = ",".join(str(int(s.id)) for s in stills) or "0"
            rows = conn.execute(text(f"SELECT id, uuid FROM exhibits WHERE id IN ({ids})")).all()
        uuids = {int(r[0]): str(r[1]) for r in rows}
        for master in (s for s in stills if s.is_master):
            copies = tuple(
                s for s in stills if s.master_reference == master.reference and not s.is_master
            )
            wanted = {master.id} | {c.id for c in copies}
            pictures = {k: v for k, v in thumbs.items() if k in wanted}
            options.append(ExhibitOption(master, copies, pictures, uuids))
    return SourceData(target, tuple(options), run_check(vault, target))


def load_editor(vault: Vault, reference: str = "", target: CheckTarget | None = None) -> EditorData:
    """A new package (for `target`, if given) or the package `reference`, with the defaults."""
    from opal_desktop.linking import series
    from opal_desktop.packages import store
    from opal_desktop.packages.model import Submitter

    settings = vault.settings()
    actor = vault.actor
    submitter = Submitter(
        actor.display_name, actor.role.label, "", str(settings.get("organisation", ""))
    )
    record = store.get_package(vault, reference) if reference else None
    if record is not None:
        spec = record.draft
        target = CheckTarget(spec.series_reference, tuple(spec.incident_references))
    source = load_source(vault, target) if target is not None else None
    return EditorData(
        series.list_series(vault), str(settings.get("legal_basis", "")), submitter, record, source
    )


def save_package(vault: Vault, reference: str, draft: PackageDraft) -> PackageRecord:
    from opal_desktop.packages import store

    if reference:
        return store.update_package(vault, reference, draft)
    return store.create_package(vault, draft)


@dataclass(frozen=True)
class ExportChoice:
    reference: str
    out_dir: Path
    formats: tuple[Literal["pdf", "zip"], ...]
    recipients: tuple[Path, ...]
    draft: bool


@dataclass
class ExportOutcome:
    files: list[tuple[Path, str]] = field(default_factory=list)  # (where, SHA-256)
    notes: list[str] = field(default_factory=list)
    cancelled: str = ""  # the sentence, when Cancel stopped it part-way


@dataclass(frozen=True)
class ExportContext:
    record: PackageRecord
    check: CheckView
    signer: str  # the certificate's subject
    fingerprint: str  # colon-separated, as read out over the phone


def readiness(vault: Vault, reference: str) -> ExportContext:
    """The package, its referral check now (not ready: a draft export only) and the signer."""
    from opal_desktop.packages import store
    from opal_desktop.vault.signing import certificate_facts

    record = store.get_package(vault, reference)
    spec = record.draft
    target = CheckTarget(spec.series_reference, tuple(spec.incident_references))
    facts = certificate_facts(vault)
    name = signer_name(facts.subject)
    return ExportContext(record, run_check(vault, target), name, facts.fingerprint_display)


def signer_name(subject: str) -> str:
    """The certificate's common name, as the import report names signers."""
    from opal_desktop.packages.import_report import Signer

    return Signer(subject, "", False).name


def fingerprint_pairs(fingerprint: str) -> str:
    """'AB:CD:…' on two lines of 16 pairs, as read out over the phone (a label cannot wrap it)."""
    pairs = colon_pairs(fingerprint)
    return f"{pairs[:47]}\n{pairs[48:]}" if len(pairs) > 48 else pairs


def run_export(vault: Vault, choice: ExportChoice, progress: Progress) -> ExportOutcome:
    """The chosen formats in one go (the PDF laid out and signed once), one progress bar.
    A cancel keeps what was finished (it is complete, signed and recorded) and says so."""
    from opal_desktop.errors import ExportCancelled
    from opal_desktop.packages.export import export_packages

    if not choice.formats:
        raise InvalidInput("Choose what to export: the PDF, the ZIP, or both.")
    pems = [read_limited(p, MAX_CERTIFICATE_BYTES, "a certificate") for p in choice.recipients]
    outcome = ExportOutcome()
    try:
        result: ExportResult = export_packages(
            vault, choice.reference, choice.out_dir, choice.formats,
            encrypt_to=pems, draft=choice.draft, progress=progress,
        )  # fmt: skip
    except ExportCancelled as cancelled:
        if not cancelled.finished:
            raise
        kept = ", ".join(Path(str(path)).name for path in cancelled.finished)
        outcome.cancelled = (
            f"Cancelled. {kept} was already finished, signed and recorded, so it is in the "
            "folder; the rest was not written."
        )
        return outcome
    for path, record in zip(result.files, result.records, strict=True):
        outcome.files.append((path, str(record["sha256"])))
    outcome.notes.extend(result.notes)
    return outcome


@dataclass(frozen=True)
class VerifyChoice:
    path: Path
    trusted: Path | None = None
    key: Path | None = None  # for a .p7m: a PEM private key with its certificate, or
    certificate: Path | None = None
    p12: Path | None = None  # a PKCS#12 file with its password
    p12_password: str = ""


def verify(choice: VerifyChoice) -> VerificationReport:
    from opal_desktop.packages.verify import verify_file

    trusted = None
    if choice.trusted is not None:
        trusted = read_limited(choice.trusted, MAX_CERTIFICATE_BYTES, "a certificate")
    key = p12 = None
    if choice.p12 is not None:
        p12 = (read_limited(choice.p12, MAX_KEY_BYTES, "a .p12 file"), choice.p12_password)
    elif choice.key is not None:
        cert = None
        if choice.certificate is not None:
            cert = read_limited(choice.certificate, MAX_CERTIFICATE_BYTES, "a certificate")
        key = (read_limited(choice.key, MAX_KEY_BYTES, "a key file"), cert)
    if not choice.path.is_file():
        raise BadFile(f"There is no file {choice.path}. Choose the package file again.")
    source = choice.trusted.name if choice.trusted is not None else ""
    return verify_file(choice.path, trusted, trust_source=source, key=key, p12=p12)


def import_package(
    vault: Vault, path: Path, trusted: Path | None, *, dry_run: bool
) -> ImportReport:
    """Verify a store's ZIP and merge it (dry_run: say what would change, change nothing)."""
    try:
        from opal_desktop.packages import importer
    except ImportError:
        raise BadFile("This build of Opal Desktop cannot import packages yet.") from None
    pem = read_limited(trusted, MAX_CERTIFICATE_BYTES, "a certificate") if trusted else None
    if not path.is_file():
        raise BadFile(f"There is no file {path}. Choose the store's package (.zip) again.")
    return importer.import_package(vault, path, trusted_pem=pem, dry_run=dry_run)


def trust_sender(vault: Vault, certificate_pem: bytes) -> None:
    """Worker: trust the certificate a refused package was signed with (the person has just
    confirmed its fingerprint with the sender)."""
    from opal_desktop.packages import trust

    trust.add(vault, certificate_pem, "fingerprint confirmed in the Import window")
