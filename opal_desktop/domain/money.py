"""Money as integer pence: typed as people write it, shown as they expect it."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from opal_desktop.errors import InvalidInput

_MONEY = re.compile(r"^-?\d+(\.\d{1,2})?$")
MAX_PENCE = 10_000_000_00  # £10m: anything above is a typing mistake


def parse_pence(text: str, what: str = "amount") -> int:
    """'£1,234.5' -> 123450. Blank is 0. Refuses negatives, fractions of a penny and nonsense."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return 0
    cleaned = re.sub(r"^(£|GBP)", "", cleaned, count=1, flags=re.IGNORECASE)
    if not _MONEY.match(cleaned):
        raise InvalidInput(
            f"The {what} '{text.strip()}' is not an amount of money. Type it like 12.99 or £1,250."
        )
    try:
        pence = int((Decimal(cleaned) * 100).to_integral_exact())
    except InvalidOperation:
        raise InvalidInput(f"The {what} '{text.strip()}' is not an amount of money.") from None
    if pence < 0:
        raise InvalidInput(f"The {what} cannot be negative.")
    if pence > MAX_PENCE:
        raise InvalidInput(
            f"The {what} of {format_pence(pence)} looks too large. Check the number."
        )
    return pence


def format_pence(pence: int) -> str:
    """123450 -> '£1,234.50'."""
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"
