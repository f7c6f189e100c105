"""Hostile package ZIPs are refused with one sentence, and the vault holds nothing new.

After every refusal: every table has the rows it had before (the audit trail too) and
SQLCipher's `cipher_integrity_check` passes.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from import_support import (
    document,
    entries,
    export_zip,
    integrity_problems,
    regional_vault,
    signed_zip,
    store_demo,
    table_counts,
    trust_sender,
    with_document,
)
from sqlalchemy import text

from opal_desktop.errors import BadFile
from opal_desktop.packages.import_zip import Limits
from opal_desktop.packages.importer import import_package
from opal_desktop.vault import identity
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.signing import certificate_pem, signing_material
from opal_desktop.vault.vault import Vault

PASSWORD = "demo password long"
SECRET = "exhibits/redacted/secret.jpg"


@dataclass(frozen=True)
class Store:
    files: dict[str, bytes]
    material: IdentityMaterial
    certificate: bytes  # PEM


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    demo = store_demo(tmp_path_factory.mktemp("store"), incidents=60, seed=5)
    vault = Vault.open(demo.folder, "manager", PASSWORD)
    try:
        refs = list(demo.series[0].incident_references[:2])
        package = export_zip(vault, refs, tmp_path_factory.mktemp("out"))
        return Store(
            entries(package), signing_material(vault), certificate_pem(vault).encode("ascii")
        )
    finally:
        vault.close()


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory, store: Store) -> Iterator[Vault]:
    vault = regional_vault(tmp_path_factory.mktemp("regional"))
    trust_sender(vault, store.material)  # so each refusal below is for what is wrong inside
    yield vault
    vault.close()


def refused(vault: Vault, path: Path, match: str, **options: object) -> None:
    before = table_counts(vault)
    with pytest.raises(BadFile, match=match) as caught:
        import_package(vault, path, **options)  # type: ignore[arg-type]
    sentence = str(caught.value)
    assert "\n" not in sentence and sentence.endswith(".")
    after = table_counts(vault)
    assert after == {**before, "audit_log": before["audit_log"] + 1}  # only the refusal, said
    assert last_audit(vault) == ("package_import_refused", path.name, sentence)
    assert integrity_problems(vault) == []


def last_audit(vault: Vault) -> tuple[str, str, str]:
    with vault.engine.connect() as conn:
        action, record, summary = conn.execute(
            text("SELECT action, record_id, summary FROM audit_log ORDER BY id DESC LIMIT 1")
        ).one()
    return str(action), str(record), str(summary).split(": ", 1)[1]


def still(files: dict[str, bytes]) -> str:
    return next(name for name in sorted(files) if name.startswith("exhibits/"))


def raw(name: str, *, mode: int = 0o644, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system, info.external_attr, info.compress_type = (
        3,
        (stat.S_IFREG | mode) << 16,
        compress,
    )
    return info


def renamed(path: Path, old: str, new: str) -> Path:
    """Rename an entry in place, in both the local header and the central directory (same length)."""
    assert len(old) == len(new)
    data = path.read_bytes()
    assert data.count(old.encode()) == 2
    path.write_bytes(data.replace(old.encode(), new.encode()))
    return path


def test_the_untouched_package_imports(tmp_path: Path, store: Store) -> None:
    """The control: the same files unharmed are accepted (by a separate vault, so the other stays empty)."""
    vault = regional_vault(tmp_path, code="RGN02")
    try:
        report = import_package(vault, signed_zip(tmp_path / "ok.zip", store.files, store.material),
                                trusted_pem=store.certificate)  # fmt: skip
        assert report.signer.trusted and report.counts["incidents"].added == 2
    finally:
        vault.close()


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../../evil", r"points outside the package \('\.\.'\)"),
        ("/etc/x", "has an absolute path"),
        ("C:/windows/x", "has an absolute path"),
        ("exhibits\\masters\\x.jpg", "has a backslash in its name"),
        ("exhibits/masters/../../x.jpg", r"points outside the package"),
        ("tools/run.exe", "which is not part of a package"),
    ],
)
def test_bad_names(tmp_path: Path, store: Store, regional: Vault, name: str, match: str) -> None:
    path = signed_zip(
        tmp_path / "p.zip", store.files, store.material, raw_entries=[(raw("Z" * len(name)), b"x")]
    )
    refused(regional, renamed(path, "Z" * len(name), name), match)


def test_a_symlink_entry(tmp_path: Path, store: Store, regional: Vault) -> None:
    link = raw("exhibits/masters/link.jpg")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = signed_zip(
        tmp_path / "p.zip", store.files, store.material, raw_entries=[(link, b"/etc/passwd")]
    )
    refused(regional, path, "is a symbolic link")


def test_duplicate_names_differing_in_case(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = signed_zip(
        tmp_path / "p.zip", store.files, store.material, raw_entries=[(raw("readme.TXT"), b"x")]
    )
    refused(regional, path, r"appears twice \(perhaps in different case\)")


def test_a_zip_bomb(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = signed_zip(tmp_path / "p.zip", store.files, store.material)
    with (
        zipfile.ZipFile(path, "a") as archive,
        archive.open(raw("exhibits/redacted/bomb.jpg"), "w") as entry,
    ):
        zeros = bytes(1024 * 1024)
        for _ in range(64):  # 64 MB of zeros, ~1000:1
            entry.write(zeros)
    assert path.stat().st_size < 2 * 1024 * 1024
    refused(regional, path, "compressed too much to be genuine")
    # Were that ratio allowed, the caps on one entry and on the whole still hold.
    refused(regional, path, "bomb.jpg says it is 64 MB, over the limit",
            limits=Limits(max_ratio=10_000, max_entry_bytes=32 * 1024 * 1024))  # fmt: skip
    refused(regional, path, "add up to more than the limit",
            limits=Limits(max_ratio=10_000, max_total_bytes=32 * 1024 * 1024))  # fmt: skip


def central_record(data: bytearray, start: int, name: str) -> int:
    """Where `name`'s central directory record starts."""
    where = start
    while True:
        name_len, extra_len, comment_len = (
            int.from_bytes(data[where + o : where + o + 2], "little") for o in (28, 30, 32)
        )
        if data[where + 46 : where + 46 + name_len] == name.encode():
            return where
        where += 46 + name_len + extra_len + comment_len


def test_overlapping_entries(tmp_path: Path, store: Store, regional: Vault) -> None:
    """Two directory entries pointing at the same data: the trick behind non-recursive zip bombs."""
    path = signed_zip(tmp_path / "p.zip", store.files, store.material)
    with zipfile.ZipFile(path) as archive:
        first, start = archive.getinfo("README.txt"), archive.start_dir
    data = bytearray(path.read_bytes())
    record = central_record(data, start, "package.json")
    data[record + 42 : record + 46] = first.header_offset.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    refused(regional, path, "overlap")


def test_too_many_entries(tmp_path: Path, store: Store, regional: Vault) -> None:
    entries = [
        (raw(f"exhibits/masters/x{i}.jpg", compress=zipfile.ZIP_STORED), b"") for i in range(5001)
    ]
    refused(regional, signed_zip(tmp_path / "p.zip", store.files, store.material, raw_entries=entries),
            "entries, more than a package ever has")  # fmt: skip


def test_an_encrypted_entry_and_an_odd_compression(
    tmp_path: Path, store: Store, regional: Vault
) -> None:
    path = signed_zip(tmp_path / "a.zip", store.files, store.material,
                      raw_entries=[(raw(SECRET, compress=zipfile.ZIP_STORED), b"%PDF-1.7")])  # fmt: skip
    with zipfile.ZipFile(path) as archive:
        local, start = archive.getinfo(SECRET).header_offset, archive.start_dir
    data = bytearray(path.read_bytes())
    data[local + 6] |= 0x1  # "encrypted", in the local header and in the central directory
    data[central_record(data, start, SECRET) + 8] |= 0x1
    path.write_bytes(bytes(data))
    refused(regional, path, f"{SECRET} is encrypted")
    path = signed_zip(tmp_path / "b.zip", store.files, store.material,
                      raw_entries=[(raw(SECRET, compress=zipfile.ZIP_BZIP2), b"%PDF-1.7")])  # fmt: skip
    refused(regional, path, "uses a compression method packages do not use")


def test_a_stored_still_that_is_not_an_image(tmp_path: Path, store: Store, regional: Vault) -> None:
    name, fake = still(store.files), b"MZ\x90\x00 this is a program, not a picture" * 50
    doc = document(store.files)
    for exhibit in doc["exhibits"]:
        if exhibit["path"] == name:
            exhibit.update(sha256=hashlib.sha256(fake).hexdigest(), size_bytes=len(fake))
    files = with_document({**store.files, name: fake}, doc)
    refused(
        regional,
        signed_zip(tmp_path / "p.zip", files, store.material),
        "is not a picture in a format we accept",
    )


def test_a_truncated_still(tmp_path: Path, store: Store, regional: Vault) -> None:
    name = still(store.files)
    cut = store.files[name][: len(store.files[name]) // 2]
    doc = document(store.files)
    for exhibit in doc["exhibits"]:
        if exhibit["path"] == name:
            exhibit.update(sha256=hashlib.sha256(cut).hexdigest(), size_bytes=len(cut))
    files = with_document({**store.files, name: cut}, doc)
    refused(regional, signed_zip(tmp_path / "p.zip", files, store.material), "cut short|damaged")


def test_a_still_changed_after_signing(tmp_path: Path, store: Store, regional: Vault) -> None:
    name = still(store.files)
    changed = bytearray(store.files[name])
    changed[-100] ^= 0xFF
    path = signed_zip(
        tmp_path / "p.zip", store.files, store.material, after_signing={name: bytes(changed)}
    )
    refused(regional, path, f"{name} was changed: its SHA-256 does not match META-INF/SHA256SUMS")


def test_files_added_or_removed_after_signing(
    tmp_path: Path, store: Store, regional: Vault
) -> None:
    name = still(store.files)
    path = signed_zip(tmp_path / "a.zip", store.files, store.material,
                      raw_entries=[(raw("exhibits/masters/extra.jpg"), store.files[name])])  # fmt: skip
    refused(
        regional,
        path,
        r"extra.jpg is in the archive but not listed in META-INF/SHA256SUMS \(added or renamed\)",
    )
    path = signed_zip(tmp_path / "b.zip", store.files, store.material)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "c.zip", "w") as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
    refused(
        regional, tmp_path / "c.zip", "is listed in META-INF/SHA256SUMS but is not in the archive"
    )


def test_a_changed_package_json_and_a_changed_signature(
    tmp_path: Path, store: Store, regional: Vault
) -> None:
    doc = document(store.files)
    doc["incidents"][0]["narrative"] = "Nothing happened."
    path = signed_zip(
        tmp_path / "a.zip", store.files, store.material, after_signing=with_document({}, doc)
    )
    refused(regional, path, "package.json was changed: its SHA-256 does not match")
    path = signed_zip(tmp_path / "b.zip", store.files, store.material,
                      after_signing={"META-INF/SHA256SUMS": b"0" * 64 + b"  package.json\n"})  # fmt: skip
    refused(regional, path, "META-INF/SHA256SUMS was changed after it was signed")


def test_signed_by_another_certificate_when_one_is_trusted(
    tmp_path: Path, store: Store, regional: Vault
) -> None:
    other = identity.generate("Someone Else Ltd", "Back room", "XX01")
    path = signed_zip(tmp_path / "p.zip", store.files, other)
    refused(
        regional,
        path,
        "not the certificate you trust|says it was signed by",
        trusted_pem=store.certificate,
    )
    # Without --trust the same package is intact but untrusted; package.json names another signer.
    doc = document(store.files)
    doc["signer"] = {"subject": "x", "fingerprint_sha256": store.material.fingerprint}
    refused(regional, signed_zip(tmp_path / "q.zip", with_document(store.files, doc), other),
            "package.json says it was signed by x, but the signature is by CN=Someone Else Ltd")  # fmt: skip


def test_not_a_zip_and_not_a_package(tmp_path: Path, store: Store, regional: Vault) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04" + bytes(200))
    refused(regional, junk, "is not a ZIP package or is damaged")
    doc = document(store.files)
    doc["format"] = "something-else/9"
    refused(regional, signed_zip(tmp_path / "f.zip", with_document(store.files, doc), store.material),
            "package.json does not meet its schema: format: 'opal-desktop-package/1' was expected")  # fmt: skip
    doc = document(store.files)
    doc["incidents"][0]["uuid"] = "../../etc/passwd"
    refused(regional, signed_zip(tmp_path / "u.zip", with_document(store.files, doc), store.material),
            "package.json does not meet its schema: incidents/0/uuid")  # fmt: skip
    doc = document(
        store.files
    )  # well formed, but the still belongs to an incident the package does not hold
    doc["exhibits"][0]["incident_uuid"] = "00000000-0000-4000-8000-000000000000"
    refused(regional, signed_zip(tmp_path / "v.zip", with_document(store.files, doc), store.material),
            "belongs to an incident the package does not hold")  # fmt: skip
    assert json.loads(store.files["package.json"])["format"] == "opal-desktop-package/1"
