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


@dataclass(frozen=True)
class SearchQuery:
    words_match: str  # FTS5 query for the word index, "" if none
    identifier_match: str  # FTS5 query for the trigram index, "" if none


def build_query(typed: str) -> SearchQuery:
    words = [w for w in _WORD.findall(typed.lower()) if w.strip("'")]
    # Each word as a quoted prefix query: the user's text never becomes FTS5 syntax.
    words_match = " AND ".join(f'"{w.replace(chr(34), "")}"*' for w in words[:12])
    compact = "".join(ch for ch in typed.upper() if ch.isalnum())
    identifier_match = (
        f'"{compact}"' if len(compact) >= 3 and any(ch.isdigit() for ch in compact) else ""
    )
    return SearchQuery(words_match, identifier_match)


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


def snippets(conn: Connection, query: SearchQuery, incident_ids: list[int]) -> dict[int, str]:
    """A short extract around the match for each incident, match marked with HIGHLIGHT_* characters."""
    if not query.words_match or not incident_ids:
        return {}
    placeholders = ",".join(str(int(i)) for i in incident_ids)
    rows = conn.execute(
        text(
            "SELECT rowid, snippet(incident_words, -1, :open, :close, '…', 12) FROM incident_words "
            f"WHERE incident_words MATCH :q AND rowid IN ({placeholders})"
        ),
        {"open": HIGHLIGHT_OPEN, "close": HIGHLIGHT_CLOSE, "q": query.words_match},
    ).all()
    return {int(r[0]): str(r[1]) for r in rows}


def plain(snippet: str) -> str:
    return snippet.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
