"""Text people typed never reaches the terminal as control characters.

Anyone at the sign-in prompt can type a username; a failed sign-in is in the audit trail,
and `audit list` shows it to an administrator later. A planted escape sequence must show as
visible text, not clear the screen or rewrite lines."""

from __future__ import annotations

import pytest

from opal_desktop.cli.output import printable

from .helpers import Cli

PLANTED = "evil\x1b[2J\x1b]0;owned\x07\u202egnp.exe\x9b31m"


def test_a_username_planted_with_escapes_is_shown_escaped_by_audit_list(cli: Cli) -> None:
    tried = cli("users", "list", user=PLANTED, password="not the password at all")
    assert tried.code == 2 and "\x1b" not in tried.err
    shown = cli("audit", "list")
    assert shown.code == 0, shown.err
    assert "\\x1b[2j" in shown.out  # (usernames are kept in lower case)
    assert "\\u202e" in shown.out and "\\x9b" in shown.out
    for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert raw not in shown.out
    as_json = cli("audit", "list", "--json")
    assert as_json.code == 0 and "\u202e" not in as_json.out and "\x9b" not in as_json.out
    entries = as_json.json()
    assert isinstance(entries, list)
    values = [v for entry in entries for v in entry.values() if isinstance(v, str)]
    assert any(PLANTED.lower() in v for v in values)  # the data itself is kept as typed


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("Aisle 4\tspirits\n", "Aisle 4\tspirits\n"), ("a\rb", "a\\rb"), ("x\x00y", "x\\x00y"),
     ("Siopau Cŵl – £12", "Siopau Cŵl – £12")],
)  # fmt: skip
def test_printable_escapes_only_what_a_terminal_would_act_on(typed: str, shown: str) -> None:
    assert printable(typed) == shown
