"""Organisation and store names of any length and script: kept whole in the vault, shortened
on whole characters only in the signing certificate, and anything else refused with one
sentence (issue 14, "Names of any length")."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from conftest import make_setup
from cryptography import x509
from cryptography.x509.oid import NameOID

from opal_desktop.domain.validation import (
    MAX_NAME_LENGTH,
    normalise_organisation_name,
    normalise_store_name,
)
from opal_desktop.errors import InvalidInput
from opal_desktop.packages.cms import make_signer, verify_detached
from opal_desktop.packages.pdf_sign import check_pdf, sign_pdf
from opal_desktop.packages.zip_writer import sign_manifest
from opal_desktop.vault import identity
from opal_desktop.vault.signing import certificate_pem, signing_material
from opal_desktop.vault.vault import Vault

# 120 characters with an en dash: the acceptance test's organisation.
LONG_EN_DASH = (
    "Yorkshire and Humber Retail Crime Partnership – West, North and South Yorkshire, "
    "Hull, York and the East Riding Shop Ltd"
)
WELSH = "Siopau Bwyd Cymreig Cyfyngedig – Caffi’r Ŵyŷ, Llanfair­pwll & Betws-y-Coed, Gwynedd"
ACCENTS = "Épicerie Française Crème Brûlée Société Anonyme à Responsabilité Limitée Ñandú Øre"
EMOJI = "🏴󠁧󠁢󠁷󠁬󠁳󠁿 Welsh Dragon 🐉 Shops 👩🏽‍🔬👨‍👩‍👧‍👦🇬🇧🇬🇧🇬🇧 ❤️ Partnership Group Ltd 🛒🛒🛒🛒🛒🛒🛒🛒🛒"
CJK = "東京小売犯罪防止パートナーシップ株式会社・大阪支店と名古屋支店および福岡支店の合同組合"
# A letter with a combining mark that has no single precomposed character.
COMBINING = "Q\u0301" * 40
AT_THE_LIMIT = "A" * (MAX_NAME_LENGTH - 2) + "–ŷ"
NAMES = {
    "short": "Northern Grocers Ltd",
    "en dash, 120": LONG_EN_DASH,
    "welsh": WELSH,
    "accents": ACCENTS,
    "emoji": EMOJI,
    "cjk": CJK,
    "combining": COMBINING,
    "limit": AT_THE_LIMIT,
}
# Only whole in the vault: a certificate checker cannot compare them as names.
NOT_IN_CERTIFICATES = {
    "urdu": "مکہ سپر مارکیٹ",
    "mixed": "Al Noor مکہ سپر مارکیٹ Ltd",
    "dragons": "🐉" * 9,
}


def _graphemes_whole(whole: str, shortened: str) -> None:
    """`shortened` (the part before the '…') is how `whole` starts, cut between characters
    that stand on their own."""
    assert whole.startswith(shortened)
    rest = whole[len(shortened) :]
    if shortened and rest:
        assert not identity._extends(rest[0]), (shortened, rest[:3])
        assert shortened[-1] != "\u200d"
        flags = len(shortened) - len(shortened.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
        assert flags % 2 == 0, "a flag cut in half"


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_subject_fields_fit_x509_and_keep_whole_characters(name: str) -> None:
    name = normalise_organisation_name(name)
    shown = identity._certificate_text(name)  # what certificate checkers can compare
    fields = {
        "O": identity.subject_field(name),
        "OU": identity.subject_field(name, " (LDS01)"),
        "CN": identity.common_name(name, "LDS01"),
    }
    for field, value in fields.items():
        assert 1 <= len(value.encode("utf-8")) <= identity.SUBJECT_FIELD_BYTES, field
        x509.NameAttribute(NameOID.COMMON_NAME, value)  # cryptography's own check
        asn1_x509.Name.build({"common_name": value}).hashable  # noqa: B018  # pyHanko's
        kept = {"O": "", "OU": " (LDS01)", "CN": " – LDS01"}[field]
        if len(shown.encode("utf-8")) + len(kept.encode("utf-8")) <= 64:
            assert value.startswith(shown), field  # nothing cut when it fits
            continue
        assert value.endswith(identity.SHORTENED + kept), (field, value)
        _graphemes_whole(shown, value.removesuffix(identity.SHORTENED + kept))
    assert "LDS01" in fields["OU"] and "LDS01" in fields["CN"]


def test_what_the_certificate_says_for_familiar_names() -> None:
    assert identity.common_name("Northern Grocers Ltd", "LDS01") == (
        "Northern Grocers Ltd – LDS01 intelligence packages"
    )
    # The reported name: 33 characters plus the en dash made the CN 66 bytes.
    assert identity.common_name("Yorkshire Retail Crime Partnership", "LDS01") == (
        "Yorkshire Retail Crime Partnership – LDS01"
    )
    assert identity.subject_field(LONG_EN_DASH) == (
        "Yorkshire and Humber Retail Crime Partnership – West, North…"
    )
    # Emoji are left out of the certificate (RFC 4518 cannot compare them); the vault keeps them.
    assert identity.subject_field(EMOJI) == "Welsh Dragon Shops ❤️ Partnership Group Ltd"
    assert identity.subject_field("🐉🐉", " (LDS01)", "Store LDS01") == "Store LDS01"
    assert identity.common_name("🐉🐉", "LDS01") == "LDS01 intelligence packages"
    # Right-to-left names stay whole; mixed with Latin letters they cannot be compared.
    assert identity.subject_field("مکہ سپر مارکیٹ", " (LDS01)", "Store LDS01") == "مکہ سپر مارکیٹ"
    assert identity.subject_field("Al Noor مکہ Ltd", "", "Retailer of store LDS01") == (
        "Retailer of store LDS01"
    )


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Northern   Grocers\tLtd \n", "Northern Grocers Ltd"),
        ("Cafe\u0301 Cymru", "Café Cymru"),  # accents composed, as a keyboard types them
        (EMOJI, EMOJI),
        (AT_THE_LIMIT, AT_THE_LIMIT),
    ],
)
def test_names_are_kept_whole_and_tidied(typed: str, kept: str) -> None:
    assert normalise_organisation_name(typed) == kept
    assert normalise_store_name(typed) == kept


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("   ", "Please enter the store name."),
        (
            "B" * (MAX_NAME_LENGTH + 1),
            "The store name is 161 characters long: shorten it to 160 characters or fewer.",
        ),
        (
            "Leeds\x00Kirkstall",
            "The store name contains a hidden control character: type it in again instead "
            "of pasting it.",
        ),
        (
            "Leeds \u202eKirkstall",  # right-to-left override: makes a name look like another
            "The store name contains a hidden control character: type it in again instead "
            "of pasting it.",
        ),
        (
            "Leeds \udcff",  # an undecodable byte on a command line
            "The store name contains a hidden control character: type it in again instead "
            "of pasting it.",
        ),
    ],
)
def test_names_outside_the_rule_get_one_sentence(typed: str, sentence: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        normalise_store_name(typed)
    assert str(raised.value) == sentence
    with pytest.raises(InvalidInput, match="retailer or organisation name"):
        normalise_organisation_name(typed)


def _subject(der: bytes, oid: x509.ObjectIdentifier) -> str:
    value = x509.load_der_x509_certificate(der).subject.get_attributes_for_oid(oid)[0].value
    assert isinstance(value, str)
    return value


def _one_page_pdf() -> io.BytesIO:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Intelligence package")
    page.save()
    out.seek(0)
    return out


@pytest.mark.parametrize(
    "name", [*NAMES.values(), *NOT_IN_CERTIFICATES.values()], ids=[*NAMES, *NOT_IN_CERTIFICATES]
)
def test_a_vault_with_the_name_signs_packages_that_verify(
    name: str, new_vault: Callable[..., tuple[Vault, str]], tmp_path: Path
) -> None:
    store_name = f"{name} store"[-MAX_NAME_LENGTH:]
    vault, _ = new_vault(organisation=name, store_name=store_name)
    whole = normalise_organisation_name(name)
    assert vault.settings()["organisation"] == whole  # the vault keeps the whole name
    assert vault.home_store().name == normalise_store_name(store_name)
    assert vault.home_store().retailer == whole
    material = signing_material(vault)
    pem = certificate_pem(vault).encode("ascii")
    der = material.certificate_der
    assert _subject(der, NameOID.ORGANIZATION_NAME) == identity.subject_field(
        whole, "", "Retailer of store LDS01"
    )
    assert _subject(der, NameOID.COMMON_NAME) == identity.common_name(whole, "LDS01")
    assert _subject(der, NameOID.ORGANIZATIONAL_UNIT_NAME) == identity.subject_field(
        normalise_store_name(store_name), " (LDS01)", "Store LDS01"
    )

    # Recipients' tools read it: OpenSSL prints the subject in UTF-8.
    cert_file = tmp_path / "cert.pem"
    cert_file.write_bytes(pem)
    shown = subprocess.run(
        ["openssl", "x509", "-in", str(cert_file), "-noout", "-subject", "-nameopt", "utf8"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert identity.common_name(whole, "LDS01") in shown

    # The ZIP's signed manifest and the PDF's PAdES signature, made and checked.
    signer = make_signer(material)
    manifest = b"0" * 64 + b"  package.json\n"
    facts = verify_detached(manifest, sign_manifest(manifest, material, signer), pem)
    assert facts.fingerprint_sha256 == material.fingerprint
    assert facts.subject
    pdf = _one_page_pdf()
    sign_pdf(pdf, signer, location=whole, contact="0113 496 0000")
    pdf.seek(0)
    checked = check_pdf(pdf, [der])
    assert checked.ok and checked.trusted and checked.whole_file


def test_a_name_over_the_limit_creates_nothing(vault_dir: Path) -> None:
    with pytest.raises(InvalidInput, match="shorten it to 160 characters or fewer"):
        Vault.create(vault_dir, make_setup(organisation=LONG_EN_DASH + " " + "x" * 40))
    assert not vault_dir.exists()


def test_every_test_name_is_what_it_says() -> None:
    assert len(LONG_EN_DASH) == 120 and "–" in LONG_EN_DASH
    assert len(AT_THE_LIMIT) == MAX_NAME_LENGTH
    assert all(len(unicodedata.normalize("NFC", n)) <= MAX_NAME_LENGTH for n in NAMES.values())
    assert all(len(n.encode("utf-8")) > 64 for k, n in NAMES.items() if k != "short")
