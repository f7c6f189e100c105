"""PAdES baseline B-B signatures on the package PDF, made and checked with pyHanko.

`sign_pdf` appends the signature as an incremental update to a PDF open for reading and
writing (no copy of a 100 MB file). Make the signer once per export with
`opal_desktop.packages.cms.make_signer`, which parses the key once, not per signature.
pyHanko's synchronous API calls `asyncio.run` inside; here the coroutines are run on a fresh
loop, in a worker thread if the calling thread already runs one (TECH_NOTES).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, BinaryIO, TypeVar

# pyHanko logs full tracebacks for untrusted certificates; our result says enough.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

FIELD_NAME = "OpalPackageSignature"
CHUNK = 1 << 20  # pyHanko's default 4 KiB chunks make hashing 100 MB needlessly slow

T = TypeVar("T")


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run, also from a thread that already has a running loop (e.g. a GUI's)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def sign_pdf(
    stream: BinaryIO,
    signer: Any,
    *,
    reason: str = "Intelligence package for Opal",
    location: str = "",
    contact: str = "",
) -> None:
    """Sign the PDF in `stream` (readable, writable, seekable) in place: PAdES B-B, SHA-256."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    stream.seek(0)
    writer = IncrementalPdfFileWriter(stream, strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        contact_info=contact or None,
    )
    pdf_signer = signers.PdfSigner(meta, signer)
    run_coroutine(pdf_signer.async_sign_pdf(writer, in_place=True, chunk_size=CHUNK))
    stream.flush()


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
