"""Clock offsets as officers type them, and the sentence that explains them."""

from __future__ import annotations

import pytest

from opal_desktop.errors import InvalidInput
from opal_desktop.gui.stills.offset import describe_offset, format_offset, parse_offset


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("", None),
        ("-1:05", -65),
        ("1:05", 65),
        ("+0:30", 30),
        ("-65", -65),
        ("-65s", -65),
        ("1:00:00", 3600),
        (" - 2 : 03 ", -123),
    ],
)
def test_offsets_are_read_as_typed(typed: str, seconds: int | None) -> None:
    assert parse_offset(typed) == seconds
    if seconds is not None:
        assert parse_offset(format_offset(seconds)) == seconds


@pytest.mark.parametrize("typed", ["about a minute", "1:75", "--5", "1:2:3:4"])
def test_unreadable_offsets_say_how_to_type_them(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_offset(typed)


def test_the_explanation_says_slow_or_fast_and_what_to_do() -> None:
    assert describe_offset(-65) == (
        "CCTV clock slow by 1 min 5 s: true time is the time shown plus 1 min 5 s."
    )
    assert describe_offset(3600).startswith("CCTV clock fast by 1 h:")
    assert describe_offset(0) == "CCTV clock showed true time."
    assert describe_offset(None) == "Clock offset not recorded."
