"""Printing: plain tables for people, stable sorted UTF-8 JSON for scripts.

Text people typed (names, narratives, usernames tried at the sign-in prompt) reaches the
terminal, so control characters are never written raw: an escape sequence planted in a
username could otherwise move the cursor, rewrite lines or retitle the window when an
administrator runs `audit list`. `EscapingStream` shows them as \\x1b, \\u202e and so on.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

# C0 controls but tab and newline, DEL, C1 controls, and the invisible direction marks that
# can make a line read differently from what it holds.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """'evil\\x1b[2J' -> 'evil\\\\x1b[2J': every unsafe character as a visible escape."""
    return _UNSAFE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


class EscapingStream:
    """A text stream that writes `printable(text)`; everything else goes to the stream."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def emit_json(value: object) -> None:
    """Keys sorted, UTF-8 whatever the console's code page, one document per command.
    json escapes C0 controls itself; C1 and direction marks are escaped here (still JSON)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    for row in [list(headers), ["-" * w for w in widths], *cells]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def print_facts(facts: Sequence[tuple[str, object]]) -> None:
    """Label: value lines, labels aligned."""
    width = max((len(label) for label, _ in facts), default=0)
    for label, value in facts:
        print(f"{label + ':':<{width + 1}} {_cell(value)}")


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("\n", " ")
