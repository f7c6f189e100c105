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


def check_password_policy(password: str, user_inputs: tuple[str, ...] = ()) -> None:
    """The one rule for every new password (setup, users add, passwd, reset, recovery):
    at least MIN_PASSWORD_LENGTH characters, no space at either end, and hard to guess
    (zxcvbn score MIN_PASSWORD_SCORE or more). `user_inputs`: names that make a password
    easy to guess for this vault (username, full name, store). The GUI's strength bar
    shows the same verdict (password_strength)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters. "
            "Three random words, like 'kettle orbit velvet', are long and easy to remember."
        )
    if password.strip() != password:
        raise InvalidInput("The password must not start or end with a space.")
    strength = password_strength(password, user_inputs)
    if not strength.acceptable:
        raise InvalidInput(strength.advice)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) to 4 (strong)
    label: str
    advice: str
    acceptable: bool = False  # check_password_policy takes it


MIN_PASSWORD_SCORE = 3  # zxcvbn: about 10^8 guesses or more
_LABELS = ("Very weak", "Weak", "Fair", "Good", "Strong")
_TOO_EASY = (
    "This password is too easy to guess because {why}: use three or four random words "
    "instead, like 'kettle orbit velvet'."
)
# zxcvbn's warnings, said plainly (matched by their opening words)
_WHY = (
    ("This is a top-10", "it is one of the most common passwords"),
    ("This is a top-100", "it is one of the most common passwords"),
    ("This is a very common", "it is one of the most common passwords"),
    ("This is similar to a commonly used", "it is very like a common password"),
    ('Repeats like "aaa"', "it repeats the same character"),
    ("Repeats like", "it repeats the same letters or words"),
    ("Sequences like", "it is a run like abc or 6543"),
    ("Recent years", "it leans on a year"),
    ("Dates are", "it leans on a date"),
    ("Straight rows of keys", "it is a row of keys on the keyboard"),
    ("Short keyboard patterns", "it is a pattern of keys next to each other"),
    ("A word by itself", "it is one common word"),
    ("Names and surnames", "it is mostly a name"),
    ("Common names and surnames", "it is mostly a name"),
)


def _why_weak(result: dict[str, object]) -> str:
    sequence = result.get("sequence")
    if isinstance(sequence, list) and any(
        isinstance(m, dict) and m.get("dictionary_name") == "user_inputs" for m in sequence
    ):
        return "it contains a name or username from this vault"
    feedback = result.get("feedback")
    warning = str(feedback.get("warning") or "") if isinstance(feedback, dict) else ""
    for opening, plain in _WHY:
        if warning.startswith(opening):
            return plain
    return "it is made of common words, names or numbers"


def password_strength(password: str, user_inputs: tuple[str, ...] = ()) -> Strength:
    """How hard the password is to guess, with one sentence of advice; `acceptable` is the
    verdict check_password_policy gives (length and strength)."""
    if not password:
        return Strength(0, _LABELS[0], "Three random words make a strong password.")
    import zxcvbn  # ~60 ms to import: only when someone types a password

    result = zxcvbn.zxcvbn(password[:100], user_inputs=[w for w in user_inputs if w])
    score = int(result["score"])
    if len(password) < MIN_PASSWORD_LENGTH:
        return Strength(min(score, 1), _LABELS[min(score, 1)],
                        f"Use at least {MIN_PASSWORD_LENGTH} characters.")  # fmt: skip
    if score < MIN_PASSWORD_SCORE:
        return Strength(score, _LABELS[score], _TOO_EASY.format(why=_why_weak(result)))
    suggestions = result["feedback"].get("suggestions") or []
    advice = " ".join(suggestions) if suggestions else "Good choice."
    return Strength(score, _LABELS[score], advice, acceptable=True)
