"""Printing: plain tables for people, stable sorted UTF-8 JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence


def emit_json(value: object) -> None:
    """Keys sorted, UTF-8 whatever the console's code page, one document per command."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
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
