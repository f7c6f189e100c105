"""Hostile packages: `verify` and `import` refuse each with a sentence, and agree.

Each file is made here. `verify_file` says NOT VALID (or BadFile when the file cannot be
read at all); `import_package` refuses with one sentence and writes only its audit line.
Verify's memory is measured in a fresh interpreter on the two cases that once took GBs.
"""

from __future__ import annotations

import re
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile_support import (
    Member,
    deflated_zeros,
    long_number_json,
    many_entries,
    nested_json,
    peak_verify_mib,
    stored,
    triple_des_p7m,
    truncated_pem,
    write_zip,
)
from import_support import (
    integrity_problems,
    manifest,
    regional_vault,
    signed_zip,
)
from test_hostile_zips import Store, raw, refused, renamed
from test_hostile_zips import regional as regional
from test_hostile_zips import store as store

from opal_desktop.errors import BadFile
from opal_desktop.packages.cms import sign_detached
from opal_desktop.packages.import_zip import SIGNATURE, SUMS
from opal_desktop.packages.importer import import_package
from opal_desktop.packages.verify import MAX_PROBLEMS, VerificationReport, verify_file
from opal_desktop.vault.vault import Vault


def invalid(path: Path, store: Store, match: str) -> VerificationReport:
    report = verify_file(path, store.certificate)
    assert not report.valid, report
    assert len(report.problems) <= MAX_PROBLEMS + 1
    assert any(re.search(match, p, re.IGNORECASE) for p in report.problems), (
        match,
        report.problems,
    )
    for problem in report.problems:
        assert "\n" not in problem and problem.endswith("."), problem
    return report


def both_refuse(path: Path, store: Store, vault: Vault, match: str) -> None:
    """Verify says NOT VALID for the reason import refuses it."""
    invalid(path, store, match)
    refused(vault, path, match, trusted_pem=store.certificate)


def with_json(tmp_path: Path, store: Store, body: bytes) -> Path:
    return signed_zip(tmp_path / "p.zip", {**store.files, "package.json": body}, store.material)


def test_deeply_nested_package_json(tmp_path: Path, store: Store, regional: Vault) -> None:
    for depth in (100_000, 40):  # past Python's recursion limit; past our 32 levels
        path = with_json(tmp_path, store, nested_json(depth))
        both_refuse(path, store, regional, "package.json is nested more than 32 levels deep")


def test_a_million_digit_number(tmp_path: Path, store: Store, regional: Vault) -> None:
    for digits in (1_000_000, 21):  # past Python's 4,300-digit int limit; past our 20
        path = with_json(tmp_path, store, long_number_json(digits))
        both_refuse(path, store, regional, "package.json holds a number longer than 20 digits")


def test_too_many_values_and_nan(tmp_path: Path, store: Store, regional: Vault) -> None:
    body = b"[" + b"{}," * 1_000_001 + b"{}]"  # stored: deflated, its ratio alone refuses it
    path = signed_members(tmp_path, store, {**store.files, "package.json": body})
    both_refuse(path, store, regional, "package.json holds more than 1,000,000 values")
    path = with_json(tmp_path, store, b'{"x": NaN}')
    both_refuse(path, store, regional, "package.json holds NaN, which is not JSON")


def test_entry_names_that_are_not_utf8(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = signed_zip(tmp_path / "p.zip", store.files, store.material,
                      raw_entries=[(raw("exhibits/masters/caf\u00e9.jpg"), b"x")])  # fmt: skip
    data = path.read_bytes()
    name = "caf\u00e9.jpg".encode()
    assert data.count(name) == 2  # the local header and the directory, flagged as UTF-8
    path.write_bytes(data.replace(name, b"caf\xff\xfe.jpg"))
    both_refuse(path, store, regional, "an entry's name is marked as UTF-8 but is not")


def test_a_control_character_name(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = signed_zip(tmp_path / "p.zip", store.files, store.material,
                      raw_entries=[(raw("exhibits/masters/a\x9b31m.jpg"), b"x")])  # fmt: skip
    both_refuse(path, store, regional, "an entry has an empty or unprintable name")


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../../evil", r"points outside the package \('\.\.'\)"),
        ("/etc/x", "has an absolute path"),
        ("C:/windows/x", "has an absolute path"),
        ("exhibits\\masters\\x.jpg", "has a backslash in its name"),
        ("tools/run.exe", "which is not part of a package"),
    ],
)
def test_bad_names_even_when_signed(
    tmp_path: Path, store: Store, regional: Vault, name: str, match: str
) -> None:
    """The hostile entry is in the signed manifest, so only the name rules catch it."""
    both_refuse(
        signed_members(tmp_path, store, {**store.files, name: b"x"}), store, regional, match
    )


def signed_members(tmp_path: Path, store: Store, files: dict[str, bytes]) -> Path:
    """`files` stored as named, with a signed manifest that lists every one of them."""
    sums = manifest(files)
    members = [stored(n, d) for n, d in files.items()]
    members += [stored(SUMS, sums), stored(SIGNATURE, sign_detached(sums, store.material))]
    return write_zip(tmp_path / "signed.zip", members)


def test_a_symlink_entry(tmp_path: Path, store: Store, regional: Vault) -> None:
    files = {**store.files, "exhibits/masters/link.jpg": b"/etc/passwd"}
    path = signed_members(tmp_path, store, files)
    data = bytearray(path.read_bytes())
    for at in [m.start() for m in re.finditer(rb"PK\x01\x02", data)]:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == b"exhibits/masters/link.jpg":
            data[at + 38 : at + 42] = (0o120777 << 16).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    both_refuse(path, store, regional, "exhibits/masters/link.jpg is a symbolic link")


def test_a_still_renamed_outside(tmp_path: Path, store: Store, regional: Vault) -> None:
    name = next(n for n in sorted(store.files) if n.startswith("exhibits/"))
    target = ("../" * 20 + "x")[: len(name)]
    target = target[:-1] + "x" if target.endswith("/") else target
    path = renamed(signed_zip(tmp_path / "p.zip", store.files, store.material), name, target)
    both_refuse(path, store, regional, "points outside the package")


def test_a_hundred_thousand_entries(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = many_entries(tmp_path / "many.zip", 100_000)
    started = time.monotonic()
    invalid(path, store, "The ZIP holds 100,000 entries, more than a package ever has")
    assert time.monotonic() - started < 5
    refused(regional, path, "holds 100,000 entries, more than a package ever has")


def test_a_directory_bigger_than_its_entries_need(
    tmp_path: Path, store: Store, regional: Vault
) -> None:
    """An end record that understates the entry count is caught by the directory's size."""
    path = many_entries(tmp_path / "many.zip", 70_000)
    data = bytearray(path.read_bytes())
    end64 = data.rfind(b"PK\x06\x06")
    data[end64 + 24 : end64 + 40] = (10).to_bytes(8, "little") * 2  # "10 entries"
    path.write_bytes(bytes(data))
    invalid(path, store, "list of entries is .* MB, more than a package ever has")
    refused(regional, path, "list of entries is .* MB, more than a package ever has")


def _newline_sums(tmp_path: Path, store: Store, size: int, method: int) -> Path:
    sums = b"\n" * size
    members = [stored(n, d) for n, d in store.files.items()]
    payload = sums
    if method == zipfile.ZIP_DEFLATED:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        payload = packer.compress(sums) + packer.flush()
    crc = zlib.crc32(sums)
    members += [Member(SUMS.encode(), payload, size, crc, method),
                stored(SIGNATURE, sign_detached(sums, store.material))]  # fmt: skip
    return write_zip(tmp_path / f"sums-{method}.zip", members)


def test_a_manifest_of_newlines(tmp_path: Path, store: Store, regional: Vault) -> None:
    """20 million newlines in 20 KB: refused by its ratio, never read."""
    path = _newline_sums(tmp_path, store, 20_000_000, zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 2 * 1024 * 1024
    both_refuse(path, store, regional, f"{SUMS} is compressed too much to be genuine")
    peak, said = peak_verify_mib(path)
    assert said.startswith("False") and peak < 300, (peak, said)


def test_a_stored_manifest_of_newlines(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = _newline_sums(tmp_path, store, 3_000_000, zipfile.ZIP_STORED)
    report = invalid(path, store, f"{SUMS} has more lines than a package has files")
    assert report.problems[0].startswith(SUMS)
    refused(regional, path, "has more lines than a package has files")


def test_problems_are_listed_up_to_a_cap(tmp_path: Path, store: Store, regional: Vault) -> None:
    sums = b"not a line\n" * 3000
    members = [stored(n, d) for n, d in store.files.items()]
    members += [stored(SUMS, sums), stored(SIGNATURE, sign_detached(sums, store.material))]
    path = write_zip(tmp_path / "lines.zip", members)
    report = invalid(path, store, "Line 1 of META-INF/SHA256SUMS is not")
    assert len(report.problems) == MAX_PROBLEMS + 1
    assert re.fullmatch(r"\.\.\.and [\d,]+ more problems\.", report.problems[-1])
    refused(regional, path, "Line 1 of META-INF/SHA256SUMS is not '<sha256>  <path>'")


def test_a_gigabyte_report_in_two_megabytes(tmp_path: Path, store: Store, regional: Vault) -> None:
    bomb = deflated_zeros(1024 * 1024 * 1024)
    files = {n: d for n, d in store.files.items() if n != "report.pdf"}
    sums = manifest(files) + f"{'0' * 64}  report.pdf\n".encode()
    members = [stored(n, d) for n, d in files.items()]
    members += [bomb, stored(SUMS, sums), stored(SIGNATURE, sign_detached(sums, store.material))]
    path = write_zip(tmp_path / "bomb.zip", members)
    assert path.stat().st_size < 3 * 1024 * 1024
    both_refuse(path, store, regional, "report.pdf says it is 1,024 MB, over the limit")
    peak, said = peak_verify_mib(path)
    assert said.startswith("False") and peak < 300, (peak, said)


def test_a_bomb_under_the_caps_is_still_bounded(tmp_path: Path, store: Store) -> None:
    """A ratio of 1000:1 in a 256 MiB report.pdf, with the ratio rule relaxed: read a
    megabyte at a time, never whole, and the total cap still holds."""
    from opal_desktop.packages.import_zip import Limits
    from opal_desktop.packages.verify import verify_zip

    bomb = deflated_zeros(256 * 1024 * 1024)
    files = {n: d for n, d in store.files.items() if n != "report.pdf"}
    sums = manifest(files) + f"{'0' * 64}  report.pdf\n".encode()
    members = [stored(n, d) for n, d in files.items()]
    members += [bomb, stored(SUMS, sums), stored(SIGNATURE, sign_detached(sums, store.material))]
    path = write_zip(tmp_path / "bomb.zip", members)
    with path.open("rb") as handle:
        report = verify_zip(handle, [], Limits(max_ratio=10_000, max_total_bytes=64 * 1024 * 1024))
    assert any("add up to more than the limit" in p for p in report.problems), report.problems


def test_a_triple_des_p7m(tmp_path: Path, store: Store, regional: Vault) -> None:
    zipped = signed_zip(tmp_path / "p.zip", store.files, store.material).read_bytes()
    envelope, key_pem, cert_pem = triple_des_p7m(zipped)
    path = tmp_path / "p.zip.p7m"
    path.write_bytes(envelope)
    with pytest.raises(BadFile, match="encrypted with an algorithm Opal Desktop does not accept"):
        verify_file(path, store.certificate, key=(key_pem, cert_pem))
    refused(regional, path, "is not a ZIP package or is damaged")  # import takes ZIPs only


def test_a_truncated_trust_certificate(tmp_path: Path, store: Store, regional: Vault) -> None:
    path = signed_zip(tmp_path / "p.zip", store.files, store.material)
    cut = truncated_pem(store.certificate)
    with pytest.raises(BadFile, match="holds no certificate"):
        verify_file(path, cut)
    refused(regional, path, "holds no certificate", trusted_pem=cut)


def test_verify_and_import_agree_on_an_untouched_package(tmp_path: Path, store: Store) -> None:
    """The control: the same rules pass a real package (verify VALID, import imports)."""
    for path in (
        signed_zip(tmp_path / "ok.zip", store.files, store.material),
        signed_members(tmp_path, store, store.files),
    ):
        report = verify_file(path, store.certificate)
        assert report.valid, report.problems
        vault = regional_vault(tmp_path / path.stem, code="RGN03")
        try:
            report_in = import_package(vault, path, trusted_pem=store.certificate)
            assert report_in.counts["incidents"].added == 2
            assert integrity_problems(vault) == []
        finally:
            vault.close()
