"""`opal-desktop verify` and `opal-desktop import` on hostile files: a sentence, never a traceback.

verify: exit 1 (NOT VALID, the problems listed, at most 20 and a count) or 2 (unreadable,
one sentence on stderr). import: exit 2, one sentence, nothing imported.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import (
    Member,
    deflated_zeros,
    long_number_json,
    many_entries,
    nested_json,
    stored,
    triple_des_p7m,
    truncated_pem,
    write_zip,
)
from import_support import draft, manifest
from PIL import Image

from opal_desktop.evidence import exhibits
from opal_desktop.evidence.models import IncomingStill
from opal_desktop.incidents import records
from opal_desktop.packages import store
from opal_desktop.packages.cms import sign_detached
from opal_desktop.packages.export import export_package
from opal_desktop.packages.import_zip import SIGNATURE, SUMS
from opal_desktop.packages.verify import MAX_PROBLEMS
from opal_desktop.vault.identity import IdentityMaterial
from opal_desktop.vault.signing import certificate_pem, signing_material
from opal_desktop.vault.vault import Vault

from .helpers import FAST_KDF, Cli, raw_database, setup_for_tests


@dataclasses.dataclass(frozen=True)
class Sender:
    files: dict[str, bytes]  # the package's files, without META-INF
    material: IdentityMaterial
    certificate: Path


@pytest.fixture(scope="module")
def sender(tmp_path_factory: pytest.TempPathFactory) -> Sender:
    folder = tmp_path_factory.mktemp("york")
    setup = dataclasses.replace(setup_for_tests(), store_code="YRK01", store_name="York")
    vault, _code = Vault.create(folder / "vault", setup, kdf=FAST_KDF)
    try:
        incident = records.save(vault, records.new_incident(vault))
        jpeg = io.BytesIO()
        Image.new("RGB", (64, 36), (200, 40, 40)).save(jpeg, "JPEG")
        exhibits.add_stills(vault, incident.reference,
                            [IncomingStill.from_bytes("cam4.jpg", jpeg.getvalue(), "file")])  # fmt: skip
        reference = store.create_package(vault, draft([incident.reference])).reference
        path = export_package(vault, reference, folder, "zip", draft=True, pdf_step=None).files[0]
        with zipfile.ZipFile(path) as archive:
            files = {
                n: archive.read(n) for n in archive.namelist() if not n.startswith("META-INF/")
            }
        certificate = folder / "york.pem"
        certificate.write_text(certificate_pem(vault))
        return Sender(files, signing_material(vault), certificate)
    finally:
        vault.close()


def signed(path: Path, sender: Sender, files: dict[str, bytes], sums: bytes | None = None,
           extra: tuple[Member, ...] = ()) -> Path:  # fmt: skip
    sums = manifest(files) if sums is None else sums
    members = [stored(n, d) for n, d in files.items()]
    members += [*extra, stored(SUMS, sums), stored(SIGNATURE, sign_detached(sums, sender.material))]
    return write_zip(path, members)


def _nested(tmp: Path, s: Sender) -> Path:
    return signed(tmp / "nested.zip", s, {**s.files, "package.json": nested_json(100_000)})


def _digits(tmp: Path, s: Sender) -> Path:
    return signed(tmp / "digits.zip", s, {**s.files, "package.json": long_number_json(1_000_000)})


def _not_utf8(tmp: Path, s: Sender) -> Path:
    bad = Member(b"exhibits/masters/caf\xff\xfe.jpg", b"x", 1, zlib.crc32(b"x"), flags=0x800)
    return signed(tmp / "names.zip", s, s.files, extra=(bad,))


def _outside(tmp: Path, s: Sender) -> Path:
    return signed(tmp / "outside.zip", s, {**s.files, "../../evil": b"x"})


def _symlink(tmp: Path, s: Sender) -> Path:
    link = Member(
        b"exhibits/masters/l.jpg", b"/etc/passwd", 11, zlib.crc32(b"/etc/passwd"), mode=0o120777
    )
    return signed(tmp / "link.zip", s, s.files, extra=(link,))


def _many(tmp: Path, s: Sender) -> Path:
    return many_entries(tmp / "many.zip", 100_000)


def _newlines(tmp: Path, s: Sender) -> Path:
    sums = b"\n" * 20_000_000
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = packer.compress(sums) + packer.flush()
    members = [stored(n, d) for n, d in s.files.items()]
    members += [Member(SUMS.encode(), deflated, len(sums), zlib.crc32(sums), method=8),
                stored(SIGNATURE, sign_detached(sums, s.material))]  # fmt: skip
    return write_zip(tmp / "newlines.zip", members)


def _bomb(tmp: Path, s: Sender) -> Path:
    files = {n: d for n, d in s.files.items() if n != "report.pdf"}
    sums = manifest(files) + f"{'0' * 64}  report.pdf\n".encode()
    return signed(tmp / "bomb.zip", s, files, sums, extra=(deflated_zeros(1024 * 1024 * 1024),))


def _bad_lines(tmp: Path, s: Sender) -> Path:
    return signed(tmp / "lines.zip", s, s.files, sums=b"not a line\n" * 3000)


KINDS: dict[str, tuple[Callable[[Path, Sender], Path], str]] = {
    "deep package.json": (_nested, "package.json is nested more than 32 levels deep."),
    "a million digits": (_digits, "package.json holds a number longer than 20 digits."),
    "names not UTF-8": (_not_utf8, "entry's name is marked as UTF-8 but is not."),
    "../ name": (_outside, "points outside the package ('..')."),
    "symlink": (_symlink, "exhibits/masters/l.jpg is a symbolic link."),
    "100k entries": (_many, "holds 100,000 entries, more than a package ever has."),
    "SUMS of newlines": (_newlines, f"{SUMS} is compressed too much to be genuine (a 'zip bomb')."),
    "1 GiB bomb": (_bomb, "report.pdf says it is 1,024 MB, over the limit."),
    "3000 bad lines": (_bad_lines, f"Line 1 of {SUMS} is not"),
}


def _incidents(folder: Path) -> int:
    with raw_database(folder) as conn:
        return int(conn.execute("SELECT count(*) FROM incidents").fetchone()[0])


@pytest.mark.parametrize("kind", list(KINDS))
def test_verify_and_import_refuse_with_a_sentence(
    cli: Cli, vault_folder: Path, sender: Sender, tmp_path: Path, kind: str
) -> None:
    make, sentence = KINDS[kind]
    path = make(tmp_path, sender)
    checked = cli("verify", str(path), "--trust", str(sender.certificate), user=None)
    assert checked.code == 1, checked
    assert checked.out.startswith("NOT VALID") and "Traceback" not in checked.out + checked.err
    problems = [line for line in checked.out.splitlines() if line.startswith("PROBLEM")]
    assert 1 <= len(problems) <= MAX_PROBLEMS + 1
    assert any(sentence in line for line in problems), (sentence, problems)
    imported = cli("import", str(path), "--trust", str(sender.certificate))
    assert imported.code == 2 and imported.out == "", imported
    said = imported.err.strip()
    assert "\n" not in said and sentence in said and "Traceback" not in said, said
    assert _incidents(vault_folder) == 0


def test_a_triple_des_p7m_and_a_truncated_certificate(
    cli: Cli, vault_folder: Path, sender: Sender, tmp_path: Path
) -> None:
    zipped = signed(tmp_path / "ok.zip", sender, sender.files)
    envelope, key_pem, cert_pem = triple_des_p7m(zipped.read_bytes())
    p7m, key, cert = tmp_path / "ok.zip.p7m", tmp_path / "me.key", tmp_path / "me.pem"
    p7m.write_bytes(envelope)
    key.write_bytes(key_pem)
    cert.write_bytes(cert_pem)
    checked = cli("verify", str(p7m), "--key", str(key), "--cert", str(cert), user=None)
    assert checked.code == 2 and checked.out == "" and "Traceback" not in checked.err
    assert "encrypted with an algorithm Opal Desktop does not accept (such as 3DES)" in checked.err
    imported = cli("import", str(p7m))
    assert imported.code == 2 and "is not a ZIP package or is damaged" in imported.err
    cut = tmp_path / "cut.pem"
    cut.write_bytes(truncated_pem(sender.certificate.read_bytes()))
    for args in (
        ["verify", str(zipped), "--trust", str(cut)],
        ["import", str(zipped), "--trust", str(cut)],
    ):
        result = cli(*args, user=None if args[0] == "verify" else "admin")
        assert result.code == 2 and "holds no certificate" in result.err, result
        assert "Traceback" not in result.err and result.err.strip().count("\n") == 0
    assert cli("verify", str(zipped), "--trust", str(sender.certificate), user=None).code == 0
    assert _incidents(vault_folder) == 0
