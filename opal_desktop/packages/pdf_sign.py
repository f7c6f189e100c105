"""PAdES baseline B-B certification signatures on the package PDF, made and checked with pyHanko.

`sign_pdf` appends the signature as an incremental update to a PDF open for reading and
writing (no copy of a 100 MB file). Make the signer once per export with
`opal_desktop.packages.cms.make_signer`, which parses the key once, not per signature.

The export also records the file's own SHA-256, worked out while the file is written
(`fileio.FollowingHash`). The signature's digest covers the same bytes up to the signature
value, so `sign_pdf` takes that running hash (`hash_upto`) and goes on from it instead of
reading and hashing 100 MB a second time. It uses pyHanko's low-level `PdfCMSEmbedder` with
the settings `PdfSigner` would use for this signature: an invisible field, the PAdES
subfilter, the ESIC extension, a placeholder sized by a dry run, signed attributes from the
signer. A test checks the result against `PdfSigner`'s, key by key.

pyHanko's synchronous API calls `asyncio.run` inside; here the coroutines are run on a fresh
loop, in a worker thread if the calling thread already runs one (TECH_NOTES).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import hashlib
import logging
from collections.abc import Callable, Coroutine, Generator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO, TypeVar

# pyHanko logs full tracebacks for untrusted certificates; our result says enough.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

FIELD_NAME = "OpalPackageSignature"
CHUNK = 1 << 20

T = TypeVar("T")
# hash_upto(n): a SHA-256 object that has taken in exactly the first n bytes of the stream
HashUpto = Callable[[int], "hashlib._Hash"]


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run, also from a thread that already has a running loop (e.g. a GUI's)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def hash_by_reading(stream: BinaryIO) -> HashUpto:
    """hash_upto for a stream nobody has hashed yet: reads its first n bytes."""

    def hash_upto(end: int) -> hashlib._Hash:
        digest = hashlib.sha256()
        stream.seek(0)
        while end > 0 and (block := stream.read(min(CHUNK, end))):
            digest.update(block)
            end -= len(block)
        return digest

    return hash_upto


def sign_pdf(
    stream: BinaryIO,
    signer: Any,
    *,
    reason: str = "Intelligence package for Opal",
    location: str = "",
    contact: str = "",
    hash_upto: HashUpto | None = None,
) -> None:
    """Sign the PDF in `stream` (readable, writable, seekable) in place: PAdES B-B, SHA-256.

    `hash_upto` gives the running hash of the stream's leading bytes (see the module note);
    without it they are read and hashed here."""
    run_coroutine(
        _sign(stream, signer, reason, location, contact, hash_upto or hash_by_reading(stream))
    )
    stream.flush()


async def _sign(
    stream: BinaryIO, signer: Any, reason: str, location: str, contact: str, hash_upto: HashUpto
) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.signers.cms_embedder import (
        PdfCMSEmbedder,
        SigIOSetup,
        SigMDPSetup,
        SigObjSetup,
    )
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    stream.seek(0)
    writer = IncrementalPdfFileWriter(stream, strict=False)
    # A certification (author) signature that permits no changes (DocMDP P=1): a reader that
    # finds anything added after it warns loudly, not "valid, but not the whole document".
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        certify=True, docmdp_permissions=MDPPerm.NO_CHANGES,
    )  # fmt: skip
    # the document-level extensions PdfSigner registers: ESIC for PAdES, any the key needs
    signers.PdfSigner(meta, signer).register_extensions(writer, md_algorithm="sha256")
    now = datetime.now(UTC)
    attributes = PdfCMSSignedAttributes(signing_time=now)
    # PdfSigner's estimate: a dry-run signature, twice its length as hex, plus half again
    dry_run = await signer.async_sign(
        bytes(32), "sha256", dry_run=True, use_pades=True, signed_attr_settings=attributes
    )
    estimate = len(dry_run.dump()) * 2
    placeholder = _signature_object()(
        hash_upto,
        bytes_reserved=estimate + 2 * (estimate // 4),
        subfilter=fields.SigSeedSubFilter.PADES,
        timestamp=now,
        reason=reason,
        location=location or None,
        contact_info=contact or None,
    )
    embedding = PdfCMSEmbedder(fields.SigFieldSpec(FIELD_NAME)).write_cms(FIELD_NAME, writer)
    next(embedding)  # the new (invisible) signature field
    embedding.send(SigObjSetup(sig_placeholder=placeholder, mdp_setup=SigMDPSetup(
        md_algorithm="sha256", certify=True, docmdp_perms=MDPPerm.NO_CHANGES)))  # fmt: skip
    prepared, _ = embedding.send(SigIOSetup(md_algorithm="sha256", in_place=True))
    signature = await signer.async_sign(
        prepared.document_digest, "sha256", use_pades=True, signed_attr_settings=attributes
    )
    embedding.send(signature)  # written into the placeholder


@functools.cache
def _signature_object() -> type:
    """pyHanko's SignatureObject, digesting from the running hash (defined on first use, as
    pyHanko is imported only when a PDF is signed)."""
    from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest, SignatureObject

    class ContinuedDigestSignature(SignatureObject):
        def __init__(self, hash_upto: HashUpto, **settings: Any) -> None:
            super().__init__(**settings)
            self.hash_upto = hash_upto

        def fill(
            self,
            writer: Any,
            md_algorithm: Any,
            in_place: Any = False,
            output: Any = None,
            chunk_size: Any = CHUNK,
        ) -> Generator[Any, Any, None]:
            """PdfByteRangeDigest.fill for in-place signing, the digest taken from hash_upto:
            the file up to the signature value, then the rest of the update after it."""
            if md_algorithm != "sha256" or not in_place:
                raise ValueError("only in-place SHA-256 signing continues the file's hash")
            writer.digest_aware_write = True
            output = writer.prev.stream
            writer.write_in_place()
            end = output.tell()
            value_start, value_end = self.contents.offsets
            self.byte_range.fill_offsets(output, value_start, value_end, end)  # type: ignore[no-untyped-call]
            output.flush()  # hash_upto may read the file through its own handle
            digest = self.hash_upto(value_start)
            output.seek(value_end)
            digest.update(output.read(end - value_end))
            prepared = PreparedByteRangeDigest(digest.digest(), value_start, value_end)
            signature = yield prepared, output
            yield prepared.fill_with_cms(output, signature)

    return ContinuedDigestSignature


@dataclass(frozen=True)
class PdfSignatureFacts:
    """What pyHanko found, for tests and the Verify dialog."""

    signer: str
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the cryptographic signature checks out
    trusted: bool  # the certificate chains to a trusted one
    coverage: str  # e.g. "ENTIRE_FILE"
    subfilter: str  # e.g. "/ETSI.CAdES.detached"

    @property
    def ok(self) -> bool:
        """Unchanged and correctly signed (trust is a separate question)."""
        return self.intact and self.valid

    @property
    def whole_file(self) -> bool:
        return self.coverage == "ENTIRE_FILE"


def check_pdf(stream: BinaryIO, trusted_der: list[bytes] | None = None) -> PdfSignatureFacts:
    """Validate the PDF's (one) signature. Raises ValueError if the file has no signature."""
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(stream, strict=False)
    if not reader.embedded_signatures:
        raise ValueError("The PDF is not signed.")
    embedded = reader.embedded_signatures[0]
    roots = [x509.Certificate.load(der) for der in trusted_der or []]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = run_coroutine(
        async_validate_pdf_signature(embedded, signer_validation_context=context)
    )
    return PdfSignatureFacts(
        signer=embedded.signer_cert.subject.human_friendly,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        coverage=status.coverage.name if status.coverage is not None else "",
        subfilter=str(embedded.sig_object.get("/SubFilter", "")),
    )
