"""Hostile package files, made in the tests (small and fast): ZIPs written byte by byte so a
header can claim what the data is not, package.json bodies that break Python's own limits,
a 3DES .p7m and a truncated PEM."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR = struct.Struct("<4sLQL")


@dataclass(frozen=True)
class Member:
    name: bytes
    payload: bytes  # as stored (deflated when method is 8)
    size: int  # what the headers say it inflates to
    crc: int
    method: int = 0
    flags: int = 0
    mode: int = 0o100644


def stored(name: str, data: bytes) -> Member:
    return Member(name.encode(), data, len(data), zlib.crc32(data))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A ZIP exactly as described (ZIP64 end records when there are over 65,535 entries)."""
    local, central = bytearray(), bytearray()
    for m in members:
        offset = len(local)
        local += _LOCAL.pack(b"PK\x03\x04", 20, m.flags, m.method, 0, 0x21, m.crc,
                             len(m.payload), m.size, len(m.name), 0) + m.name + m.payload  # fmt: skip
        central += _CENTRAL.pack(b"PK\x01\x02", (3 << 8) | 20, 20, m.flags, m.method, 0, 0x21, m.crc,
                                 len(m.payload), m.size, len(m.name), 0, 0, 0, 0, m.mode << 16, offset) + m.name  # fmt: skip
    count, start, tail = len(members), len(local), b""
    if count > 0xFFFF:
        end64 = start + len(central)
        tail = _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), start)
        tail += _LOCATOR.pack(b"PK\x06\x07", 0, end64, 1)
        count = 0xFFFF
    tail += _END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), start, 0)
    path.write_bytes(bytes(local + central) + tail)
    return path


def deflated_zeros(size: int) -> Member:
    """`size` bytes of zeros (a multiple of 1 MiB) deflated in about size/1000 bytes, made
    without deflating them all: one fresh, fully flushed 1 MiB block, repeated."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = block.compress(bytes(MiB)) + block.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MiB):
        crc = zlib.crc32(bytes(MiB), crc)
    return Member(b"report.pdf", piece * (size // MiB) + b"\x03\x00", size, crc, method=8)


def many_entries(path: Path, count: int) -> Path:
    """`count` empty exhibits: 100,000 make a 13 MB ZIP."""
    return write_zip(path, [stored(f"exhibits/masters/x{i:06d}.jpg", b"") for i in range(count)])


def nested_json(depth: int) -> bytes:
    return b'{"format": "opal-desktop-package/1", "x": ' + b"[" * depth + b"]" * depth + b"}"


def long_number_json(digits: int) -> bytes:
    return b'{"format": "opal-desktop-package/1", "x": ' + b"7" * digits + b"}"


def peak_verify_mib(path: Path, trust: Path | None = None) -> tuple[float, str]:
    """Verify `path` in a fresh interpreter: (its peak memory in MiB, what it printed)."""
    code = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from opal_desktop.packages.verify import verify_file\n"
        "trust = Path(sys.argv[2]).read_bytes() if len(sys.argv) > 2 else None\n"
        "report = verify_file(Path(sys.argv[1]), trust)\n"
        "print(report.valid, len(report.problems))\n"
        # ru_maxrss survives exec on Linux: a child of a big pytest process would report the
        # parent's peak. VmHWM belongs to this process's own address space.
        "status = Path('/proc/self/status')\n"
        "hwm = [l for l in status.read_text().splitlines() if l.startswith('VmHWM:')] "
        "if status.exists() else []\n"
        "print(hwm[0].split()[1] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    args = [sys.executable, "-c", code, str(path), *([str(trust)] if trust else [])]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    lines = done.stdout.split("\n")
    return int(lines[1]) / 1024, lines[0]


def triple_des_p7m(content: bytes) -> tuple[bytes, bytes, bytes]:
    """A CMS EnvelopedData encrypted with 3DES (as older S/MIME tools do): (the .p7m, the
    recipient's key PEM, their certificate PEM)."""
    import datetime

    from asn1crypto import cms
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives import padding as block_padding
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
    from cryptography.hazmat.primitives.ciphers import Cipher, modes
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Opal recipient")])
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(7).not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2040, 1, 1)).sign(key, hashes.SHA256())
    )  # fmt: skip
    content_key, iv = os.urandom(24), os.urandom(8)
    padder = block_padding.PKCS7(64).padder()
    encryptor = Cipher(TripleDES(content_key), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padder.update(content) + padder.finalize()) + encryptor.finalize()
    parsed = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    recipient = cms.RecipientInfo(name="ktri", value=cms.KeyTransRecipientInfo({
        "version": "v0",
        "rid": cms.RecipientIdentifier(name="issuer_and_serial_number", value=cms.IssuerAndSerialNumber(
            {"issuer": parsed.issuer, "serial_number": parsed.serial_number})),
        "key_encryption_algorithm": {"algorithm": "rsaes_pkcs1v15"},
        "encrypted_key": key.public_key().encrypt(content_key, padding.PKCS1v15()),
    }))  # fmt: skip
    envelope = cms.ContentInfo({"content_type": "enveloped_data", "content": cms.EnvelopedData({
        "version": "v0", "recipient_infos": [recipient],
        "encrypted_content_info": {"content_type": "data", "encrypted_content": sealed,
                                   "content_encryption_algorithm": {"algorithm": "tripledes_3key", "parameters": iv}},
    })})  # fmt: skip
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return envelope.dump(), key_pem, cert.public_bytes(serialization.Encoding.PEM)


def truncated_pem(pem: bytes) -> bytes:
    """A certificate cut off part-way through a line of its base64, END line and all."""
    return pem[: len(pem) // 2 + 3]
