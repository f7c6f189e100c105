"""Search as you type, inside the encrypted database (FTS5; never LIKE over narratives).

Each word typed must match the start of a word somewhere in the incident (narrative, goods,
offender descriptions, vehicles, police numbers, location, reference). Separately, anything
that looks like part of a number plate or reference ("12CD", "LDS01-2026") matches inside
plates, crime numbers and SKUs through a trigram index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

_WORD = re.compile(r"[\w']+", re.UNICODE)
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"  # markers the GUI turns into bold


MIN_WORD = 2  # a single letter matches nearly everything: wait for the second one


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...]  # what was typed, lower case, words of 2+ characters
    compact: str  # the typed text as a plate or number would be stored ("12CD"), "" if not one
    words_match: str  # FTS5 query for the word index, "" if none
    identifier_match: str  # FTS5 query for the trigram index, "" if none


def build_query(typed: str) -> SearchQuery:
    words = tuple(w for w in _WORD.findall(typed.lower()) if len(w.strip("'")) >= MIN_WORD)[:12]
    # Each word as a quoted prefix query: the user's text never becomes FTS5 syntax.
    words_match = " AND ".join(f'"{w.replace(chr(34), "")}"*' for w in words)
    compact = "".join(ch for ch in typed.upper() if ch.isalnum())
    if not (len(compact) >= 3 and any(ch.isdigit() for ch in compact)):
        compact = ""
    return SearchQuery(words, compact, words_match, f'"{compact}"' if compact else "")


def matching_ids_sql(query: SearchQuery) -> tuple[str, dict[str, str]]:
    """A subquery of incident ids matching the search, for use in `id IN (...)`."""
    parts, params = [], {}
    if query.words_match:
        parts.append("SELECT rowid FROM incident_words WHERE incident_words MATCH :words_q")
        params["words_q"] = query.words_match
    if query.identifier_match:
        parts.append(
            "SELECT rowid FROM incident_identifiers WHERE incident_identifiers MATCH :ids_q"
        )
        params["ids_q"] = query.identifier_match
    if not parts:
        return "SELECT NULL WHERE 0", params
    return " UNION ".join(parts), params


_SNIPPET_COLUMNS = (
    "narrative",
    "offenders",
    "goods",
    "vehicles",
    "location",
    "police",
    "reference",
)
_BEFORE, _AFTER = 40, 90


def snippets(conn: Connection, query: SearchQuery, incident_ids: list[int]) -> dict[int, str]:
    """A short extract around the first match for each incident, matches marked with HIGHLIGHT_*.

    Built here rather than with FTS5's snippet(), which re-runs a prefix query for every row
    (~1 ms a row for a common prefix): the page's indexed text is read by rowid and marked up.
    """
    pattern = _highlight_pattern(query)
    if pattern is None or not incident_ids:
        return {}
    placeholders = ",".join(str(int(i)) for i in incident_ids)
    rows = conn.execute(
        text(
            f"SELECT rowid, {', '.join(_SNIPPET_COLUMNS)} FROM incident_words WHERE rowid IN ({placeholders})"
        )
    ).all()
    extracts = {}
    for row in rows:
        for column_text in row[1:]:
            found = pattern.search(column_text or "")
            if found:
                extracts[int(row[0])] = _window(column_text, found.start(), found.end(), pattern)
                break
    return extracts


def _highlight_pattern(query: SearchQuery) -> re.Pattern[str] | None:
    alternatives = [rf"\b{re.escape(w)}\w*" for w in query.words]
    if query.compact:
        alternatives.append(re.escape(query.compact))
    if not alternatives:
        return None
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)), re.IGNORECASE)


def _window(column_text: str, start: int, end: int, pattern: re.Pattern[str]) -> str:
    """The text around a match, on one line, every match in it marked."""
    flat = " ".join(column_text.split())
    found = pattern.search(flat)
    start, end = (found.start(), found.end()) if found else (start, end)
    left, right = max(0, start - _BEFORE), min(len(flat), end + _AFTER)
    if left > 0:
        left = flat.find(" ", left, start) + 1 or left  # start on a word
    piece = pattern.sub(
        lambda m: f"{HIGHLIGHT_OPEN}{m.group(0)}{HIGHLIGHT_CLOSE}", flat[left:right]
    )
    return ("…" if left > 0 else "") + piece + ("…" if right < len(flat) else "")


def plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
