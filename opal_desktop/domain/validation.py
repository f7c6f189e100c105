"""Rules for values people type. Each failure is a sentence saying what to fix."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from opal_desktop.errors import InvalidInput

MIN_PASSWORD_LENGTH = 12
# Organisation and store names are kept whole in the vault and in every export; only the
# signing certificate's fields are shortened to X.509's limits (vault/identity.py). 160 is
# the longest company name Companies House registers, so every UK retailer's name fits.
MAX_NAME_LENGTH = 160
# Hidden characters that change the direction text is shown in: in a signer's name they can
# make one name look like another.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# The full UK postcode shape (outward + inward), including GIR 0AA; spaces optional.
_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ](\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?) ?\d[ABD-HJLNP-UW-Z]{2})$"
)
_STORE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


def normalise_postcode(text: str) -> str:
    """'ls1 4ap' -> 'LS1 4AP'; raises InvalidInput if it is not a UK postcode."""
    compact = re.sub(r"\s+", "", text).upper()
    if not _POSTCODE.match(compact):
        raise InvalidInput(
            f"{text.strip() or 'The postcode'!s} is not a UK postcode. Type it like LS1 4AP."
        )
    return f"{compact[:-3]} {compact[-3:]}"


def normalise_store_code(text: str) -> str:
    code = text.strip().upper()
    if not _STORE_CODE.match(code):
        raise InvalidInput(
            "The store code must be 2 to 10 letters or digits, with no spaces (for example LDS01). "
            "It starts every incident reference."
        )
    return code


def normalise_username(text: str) -> str:
    name = text.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidInput(
            "A username is 2 to 32 characters: lower-case letters, digits, dots, dashes or "
            "underscores, starting with a letter (for example j.smith)."
        )
    return name


def normalise_organisation_name(text: str) -> str:
    """The retailer or organisation name as the vault keeps it (see _normalise_name)."""
    return _normalise_name(text, "retailer or organisation name")


def normalise_store_name(text: str) -> str:
    return _normalise_name(text, "store name")


def _normalise_name(text: str, what: str) -> str:
    """Spaces, tabs and line breaks tidied to single spaces, accents composed (NFC); any
    letters, digits, punctuation or emoji up to MAX_NAME_LENGTH characters."""
    name = unicodedata.normalize("NFC", " ".join(text.split()))
    if not name:
        raise InvalidInput(f"Please enter the {what}.")
    if any(unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS for ch in name):
        raise InvalidInput(
            f"The {what} contains a hidden control character: type it in again "
            "instead of pasting it."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"The {what} is {len(name)} characters long: shorten it to "
            f"{MAX_NAME_LENGTH} characters or fewer."
        )
    return name


def require_text(value: str, what: str, max_length: int = 200) -> str:
    text = value.strip()
    if not text:
        raise InvalidInput(f"Please enter the {what}.")
    if len(text) > max_length:
        raise InvalidInput(f"The {what} is too long: keep it under {max_length} characters.")
    return text


def check_password_policy(password: str) -> None:
    """The hard rule. Strength beyond it is advice (see password_strength)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters. "
            "Three random words, like 'kettle orbit velvet', are long and easy to remember."
        )
    if password.strip() != password:
        raise InvalidInput("The password must not start or end with a space.")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) to 4 (strong)
    label: str
    advice: str


_LABELS = ("Very weak", "Weak", "Fair", "Good", "Strong")


def password_strength(password: str, user_inputs: tuple[str, ...] = ()) -> Strength:
    """How hard the password is to guess, with one sentence of advice."""
    if not password:
        return Strength(0, _LABELS[0], "Three random words make a strong password.")
    import zxcvbn  # ~60 ms to import: only when someone types a password

    result = zxcvbn.zxcvbn(password[:100], user_inputs=list(user_inputs))
    score = int(result["score"])
    if len(password) < MIN_PASSWORD_LENGTH:
        score = min(score, 1)
        advice = f"Use at least {MIN_PASSWORD_LENGTH} characters."
    else:
        feedback = result["feedback"]
        advice = feedback.get("warning") or " ".join(feedback.get("suggestions") or [])
        if not advice:
            advice = "Good choice." if score >= 3 else "Add another unusual word."
    return Strength(score, _LABELS[score], advice)
