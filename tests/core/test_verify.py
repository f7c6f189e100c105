"""Verification catches every kind of tampering, each with its own sentence."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from package_helpers import PASSWORD, Demo, flip, make_demo, rewrite

from opal_desktop.errors import BadFile
from opal_desktop.packages.export import default_pdf_step, export_package
from opal_desktop.packages.verify import VerificationReport, verify_file
from opal_desktop.packages.zip_writer import SIGNATURE, SUMS, sign_manifest
from opal_desktop.vault import identity
from opal_desktop.vault.signing import signing_material
from opal_desktop.vault.vault import Vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    return make_demo(tmp_path_factory.mktemp("verify"))


@pytest.fixture(scope="module")
def package(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    vault = Vault.open(demo.demo.folder, "manager", PASSWORD)
    try:
        files = {"zip": export_package(vault, demo.package, out, "zip").files[0]}
        if default_pdf_step() is not None:
            files["pdf"] = export_package(vault, demo.package, out, "pdf").files[0]
        (out / "key.der").write_bytes(signing_material(vault).private_key_der)
    finally:
        vault.close()
    return files


def _check(path: Path, demo: Demo) -> VerificationReport:
    return verify_file(path, demo.cert_pem.read_bytes(), trust_source=demo.cert_pem.name)


def _invalid(path: Path, demo: Demo, *expected: str) -> VerificationReport:
    report = _check(path, demo)
    assert not report.valid, "tampering was not noticed"
    for sentence in expected:
        assert any(sentence in p for p in report.problems), (sentence, report.problems)
    return report


def _still(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return next(n for n in archive.namelist() if n.startswith("exhibits/masters/"))


def test_untouched_package_is_valid(package: dict[str, Path], demo: Demo) -> None:
    report = _check(package["zip"], demo)
    assert report.valid and report.trusted and report.problems == [], report.problems
    assert report.kind == "zip" and "Northern Grocers" in report.signer_subject and report.signed_at
    assert report.fingerprint == identity.facts(identity_der(demo)).fingerprint_sha256
    untrusted = verify_file(package["zip"])
    assert untrusted.valid and not untrusted.trusted and "--trust" in untrusted.notes[0]


def identity_der(demo: Demo) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_pem_x509_certificate(demo.cert_pem.read_bytes()).public_bytes(
        serialization.Encoding.DER
    )


def test_byte_flipped_in_a_still(package: dict[str, Path], demo: Demo, tmp_path: Path) -> None:
    name = _still(package["zip"])
    bad = rewrite(
        package["zip"],
        tmp_path / "x.zip",
        lambda n, d: (n, flip(d, len(d) // 2) if n == name else d),
    )
    _invalid(bad, demo, f"{name} was changed: its SHA-256 does not match {SUMS}.")


def test_byte_flipped_in_package_json(package: dict[str, Path], demo: Demo, tmp_path: Path) -> None:
    bad = rewrite(package["zip"], tmp_path / "x.zip",
                  lambda n, d: (n, d.replace(b"Grey Audi", b"Grey Audj", 1) if n == "package.json" else d))  # fmt: skip
    _invalid(bad, demo, f"package.json was changed: its SHA-256 does not match {SUMS}.")


def test_byte_flipped_in_the_pdf(package: dict[str, Path], demo: Demo, tmp_path: Path) -> None:
    if "pdf" not in package:
        pytest.skip("this build has no PDF writer")
    with zipfile.ZipFile(package["zip"]) as archive:
        assert "report.pdf" in archive.namelist()
    bad = rewrite(
        package["zip"],
        tmp_path / "x.zip",
        lambda n, d: (n, flip(d, 2000) if n == "report.pdf" else d),
    )
    _invalid(bad, demo, f"report.pdf was changed: its SHA-256 does not match {SUMS}.")
    data = package["pdf"].read_bytes()
    (tmp_path / "x.pdf").write_bytes(flip(data, len(data) // 3))
    report = _invalid(tmp_path / "x.pdf", demo)
    assert report.kind == "pdf" and report.problems
    assert _check(package["pdf"], demo).valid
    (tmp_path / "more.pdf").write_bytes(data + b"\n% appended after signing\n")
    _invalid(tmp_path / "more.pdf", demo)


def test_file_added_removed_renamed(package: dict[str, Path], demo: Demo, tmp_path: Path) -> None:
    name = _still(package["zip"])
    added = rewrite(
        package["zip"],
        tmp_path / "a.zip",
        lambda n, d: (n, d),
        {"exhibits/masters/extra.jpg": b"\xff\xd8"},
    )
    _invalid(
        added,
        demo,
        f"exhibits/masters/extra.jpg is in the archive but not listed in {SUMS} (added or renamed).",
    )
    removed = rewrite(
        package["zip"], tmp_path / "r.zip", lambda n, d: None if n == name else (n, d)
    )
    _invalid(
        removed, demo, f"{name} is listed in {SUMS} but is not in the archive (removed or renamed)."
    )
    new_name = name.replace("exhibits/masters/", "exhibits/masters/Z")
    renamed = rewrite(
        package["zip"], tmp_path / "n.zip", lambda n, d: (new_name if n == name else n, d)
    )
    _invalid(
        renamed,
        demo,
        f"{name} is listed in {SUMS} but is not",
        f"{new_name} is in the archive but not listed",
    )


def test_sha256sums_edited(package: dict[str, Path], demo: Demo, tmp_path: Path) -> None:
    name = _still(package["zip"])
    with zipfile.ZipFile(package["zip"]) as archive:
        forged = hashlib.sha256(flip(archive.read(name), 100)).hexdigest()

    def change(n: str, d: bytes) -> tuple[str, bytes]:
        if n == name:
            return n, flip(d, 100)
        if n == SUMS:  # the attacker updates the list to match the changed still
            return n, b"".join(
                f"{forged}  {name}\n".encode() if line.endswith(name.encode()) else line + b"\n"
                for line in d.splitlines()
            )
        return n, d

    bad = rewrite(package["zip"], tmp_path / "x.zip", change)
    _invalid(bad, demo, f"{SUMS} was changed after it was signed: the signature does not match it.")


def test_signature_by_another_certificate(
    package: dict[str, Path], demo: Demo, tmp_path: Path
) -> None:
    other = identity.generate("Mallory Trading", "Back room", "MAL01")
    bad = rewrite(package["zip"], tmp_path / "x.zip",
                  lambda n, d: (n, sign_manifest(_sums(package["zip"]), other)) if n == SIGNATURE else (n, d))  # fmt: skip
    report = _invalid(
        bad, demo, "which is not the trusted certificate", "package.json says it was signed by"
    )
    assert "Mallory Trading" in report.signer_subject and not report.trusted
    (tmp_path / "other.pem").write_text(identity.certificate_pem(other.certificate_der))
    # Trusting the other certificate does not help: package.json and report.pdf name the real signer.
    assert not verify_file(bad, (tmp_path / "other.pem").read_bytes()).valid


def _sums(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(SUMS)


def test_manifest_and_package_json_disagree(
    package: dict[str, Path], demo: Demo, tmp_path: Path
) -> None:
    """Signed by the right key, every hash right, but package.json states another hash for a still."""

    name = _still(package["zip"])
    with zipfile.ZipFile(package["zip"]) as archive:
        doc = json.loads(archive.read("package.json"))
    next(e for e in doc["exhibits"] if e["path"] == name)["sha256"] = "0" * 64
    new_json = json.dumps(doc).encode()
    sums = b"".join(
        f"{hashlib.sha256(new_json).hexdigest()}  package.json\n".encode() if line.endswith(b"  package.json")
        else line + b"\n" for line in _sums(package["zip"]).splitlines()
    )  # fmt: skip
    material = identity.IdentityMaterial(
        identity_der(demo), (package["zip"].parent / "key.der").read_bytes()
    )
    signature = sign_manifest(sums, material)
    table = {"package.json": new_json, SUMS: sums, SIGNATURE: signature}
    bad = rewrite(package["zip"], tmp_path / "x.zip", lambda n, d: (n, table.get(n, d)))
    _invalid(bad, demo, f"package.json gives {name} a different SHA-256 from {SUMS}.")


def test_unreadable_files(tmp_path: Path, demo: Demo) -> None:
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(BadFile, match="not a package"):
        verify_file(tmp_path / "x.txt")
    (tmp_path / "cut.zip").write_bytes(b"PK\x03\x04broken")
    with pytest.raises(BadFile, match="not a readable ZIP"):
        verify_file(tmp_path / "cut.zip")
    with pytest.raises(BadFile, match="Cannot read"):
        verify_file(tmp_path / "missing.zip")
