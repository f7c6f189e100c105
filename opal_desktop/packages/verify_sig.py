"""Checking one signature (detached CMS over SHA256SUMS, or a PDF's embedded one) with pyHanko.

Each check says who signed, when (the signer's claimed signing time), the certificate's
SHA-256 fingerprint, whether the bytes are intact and whether the signer chains to a
trusted certificate. With no trusted certificate given, the signer's own certificate is
used only to check integrity, and `trusted` stays False.
pyHanko's validation runs `asyncio.run`: call these from a worker thread in the GUI.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from dataclasses import dataclass, field
from typing import Any

for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass
class SignatureCheck:
    intact: bool = False  # the signed bytes are exactly those signed
    valid: bool = False  # and the signature itself is sound
    trusted: bool = False  # and the signer chains to a trusted certificate
    subject: str = ""
    fingerprint: str = ""  # SHA-256 of the signer certificate, hex
    signed_at: str = ""  # ISO 8601, as the signer's clock said
    certified: bool = False  # a PDF certification signature permitting no changes (DocMDP)
    package: str = ""  # the package reference the signed PDF names, and whether a draft
    draft: bool = False
    problems: list[str] = field(default_factory=list)


def _context(roots: list[Any], signer_cert: Any) -> Any:
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=roots or [signer_cert], allow_fetching=False)


def _facts(check: SignatureCheck, cert: Any) -> None:
    from cryptography import x509

    der = cert.dump()
    check.subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
    check.fingerprint = hashlib.sha256(der).hexdigest()


def _short(error: object) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def _trust(check: SignatureCheck, status: Any, roots: list[Any], what: str) -> None:
    check.intact, check.valid = bool(status.intact), bool(status.valid)
    check.trusted = bool(roots) and bool(status.trusted)
    if not check.intact:
        check.problems.append(
            f"{what} was changed after it was signed: the signature does not match it."
        )
    elif not check.valid:
        check.problems.append(
            f"The signature on {what} is damaged or uses an algorithm that is not accepted."
        )
    elif roots and not check.trusted:
        check.problems.append(
            f"{what} was signed by {check.subject}, which is not the trusted certificate (or issued by it). "
            "Do not rely on it; check with the sender."
        )


def check_detached(data: bytes, signature: bytes, roots: list[Any], what: str) -> SignatureCheck:
    """`signature` (DER CMS SignedData, detached) over `data`; `what` names the data in sentences."""
    from asn1crypto import cms
    from pyhanko.sign.validation import async_validate_detached_cms

    check = SignatureCheck()
    try:
        info = cms.ContentInfo.load(signature)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = info["content"]
        signer_info = signed["signer_infos"][0]
        cert = signed["certificates"][0].chosen
        for attr in signer_info["signed_attrs"]:
            if attr["type"].native == "signing_time":
                check.signed_at = attr["values"][0].native.isoformat()
        _facts(check, cert)
    except (ValueError, TypeError, KeyError, IndexError):
        check.problems.append(f"The signature over {what} is not a readable CMS signature.")
        return check
    try:
        status = asyncio.run(
            async_validate_detached_cms(
                data, signed, signer_validation_context=_context(roots, cert)
            )
        )
    except Exception as error:  # pyHanko raises many kinds; all mean "cannot be relied on"
        check.problems.append(f"The signature over {what} could not be checked: {_short(error)}")
        return check
    _trust(check, status, roots, what)
    return check


def check_pdf(data: bytes, roots: list[Any], what: str = "The PDF") -> SignatureCheck:
    """The PDF's signature: one, intact, valid, covering the whole file."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    check = SignatureCheck()
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_regular_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError, OSError) as error:
        check.problems.append(f"{what} cannot be read as a PDF: {_short(error)}")
        return check
    if not signatures:
        check.problems.append(f"{what} is not signed.")
        return check
    sig = signatures[-1]
    try:
        _facts(check, sig.signer_cert)
        status = asyncio.run(
            async_validate_pdf_signature(
                sig, signer_validation_context=_context(roots, sig.signer_cert)
            )
        )
    except Exception as error:  # as above
        check.problems.append(f"The signature in {what} could not be checked: {_short(error)}")
        return check
    if status.signer_reported_dt is not None:
        check.signed_at = status.signer_reported_dt.isoformat()
    check.certified = sig.docmdp_level is MDPPerm.NO_CHANGES
    check.package, check.draft = _package_named(sig)
    _trust(check, status, roots, what)
    if check.intact and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        check.intact = False
        check.problems.append(
            f"{what} was changed after it was signed: the signature does not cover the whole file"
            + (", and its sender certified it permitting no changes (DocMDP). Do not rely on it; "
               "ask the sender for the original." if check.certified else ".")
        )  # fmt: skip
    if len(signatures) > 1:
        check.problems.append(
            f"{what} has {len(signatures)} signatures; Opal Desktop signs once. Check with the sender."
        )
    return check


def _package_named(sig: Any) -> tuple[str, bool]:
    """(reference, draft) from the signed revision's document information, if Opal Desktop
    wrote it (packages/pdf_layout.package_keywords)."""
    from opal_desktop.packages.pdf_words import KEYWORDS_PREFIX

    try:
        info = sig.reader.get_historical_resolver(sig.signed_revision).trailer_view["/Info"]
        words = str(info.get_object().get("/Keywords", "")).split()
    except Exception:  # no or odd /Info: nothing to say, the rest stands
        return "", False
    if len(words) < 2 or words[0] != KEYWORDS_PREFIX:
        return "", False
    return words[1][:40], "draft" in words[2:]
