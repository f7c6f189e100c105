"""Link suggestions: incidents, subjects and vehicles that may belong together, and why.

Nothing is ever linked here: a person reads the reasons and decides. Suggestions for an
incident leave out what is already linked to it (incidents sharing one of its subjects or
vehicles, or one of its series, and the subjects and vehicles linked to it).

Reasons, strongest first (the weights are in suggestion_rules.py):
- the same number plate, or a partial plate ('?' for unread characters) that fits;
- the same distinctive mark (a scar, a tattoo: words few descriptions use), and similar
  descriptions, where rare words weigh more than common ones;
- the same tactics (two or more, or one that is rare) within the time window and the area;
- the same goods (same SKU, or the same description when there is none) within the window
  and the area: this only adds to other reasons, since the same bottle of whisky is taken
  every day.
The window is the vault setting 'suggestion_window_days' (30 days unless changed), either
side of the incident. The area is the stores in the same police force area as the incident's
store, plus every store already in one of the incident's series.

The store rule applies: an officer only gets suggestions among their own store's incidents
(and the subjects and vehicles they can see); managers across stores.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import Connection

from opal_desktop.domain import catalogue
from opal_desktop.domain.money import format_pence
from opal_desktop.domain.timeutil import from_utc_text, to_utc_text, utc_to_london
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents import refs
from opal_desktop.linking import suggestion_people as people
from opal_desktop.linking import suggestion_rules as rules
from opal_desktop.linking import suggestion_sources as sources
from opal_desktop.linking.common import across_stores, incident_row
from opal_desktop.linking.subjects import get_subject
from opal_desktop.linking.suggestion_rules import Suggestion
from opal_desktop.linking.suggestion_sources import Focus
from opal_desktop.vault.vault import Vault

__all__ = ["Suggestion", "resolve_window_days", "suggest_for_incident", "suggest_for_subject"]

WINDOW_SETTING = "suggestion_window_days"
DEFAULT_WINDOW_DAYS = 30
CHECKED = 60  # candidates whose descriptions are read in full, best first


class _Tally:
    """Score and reasons per candidate; a reason counts once."""

    def __init__(self) -> None:
        self.parts: dict[int, dict[str, float]] = defaultdict(dict)

    def add(self, key: int, score: float, reason: str) -> None:
        self.parts[key][reason] = max(score, self.parts[key].get(reason, 0.0))

    def score(self, key: int) -> float:
        return sum(self.parts[key].values()) if key in self.parts else 0.0

    def reasons(self, key: int) -> tuple[str, ...]:
        return tuple(sorted(self.parts[key], key=lambda r: -self.parts[key][r]))


def resolve_window_days(vault: Vault, days: int | None = None) -> int:
    """The window asked for, else the vault's setting, else 30 days."""
    return _window(vault.settings(), days)


def _window(settings: dict[str, object], days: int | None) -> int:
    if days is None:
        stored = settings.get(WINDOW_SETTING, DEFAULT_WINDOW_DAYS)
        days = stored if isinstance(stored, int) else DEFAULT_WINDOW_DAYS
    if not 1 <= days <= 365:
        raise InvalidInput("The time window for suggestions must be between 1 and 365 days.")
    return days


def suggest_for_incident(
    vault: Vault, incident_reference: str, *, window_days: int | None = None, limit: int = 20
) -> list[Suggestion]:
    """Incidents likely linked to this one, and subjects and vehicles that may belong on it."""
    settings = vault.settings()
    days = _window(settings, window_days)
    with vault.engine.connect() as conn:
        incident_id, _store = incident_row(conn, vault, incident_reference)
        focus = sources.incident_focus(conn, incident_id)
        tally = _Tally()
        for other, _ours, match in sources.plate_hits(conn, focus.vrms):
            tally.add(other, match.score, match.reason)
        weights, hints = _words(conn, focus)
        _window_rules(conn, vault, focus, (days, _custom_tactics(settings)), tally)
        linked = sources.linked_to_incident(conn, incident_id)
        found = _incidents(conn, vault, focus, tally, weights, hints, linked)
        found += people.subjects_for_incident(conn, vault, focus, weights)
        found += people.vehicles_for_incident(conn, vault, focus)
    found.sort(key=lambda s: (-s.score, s.kind == "incident", s.reference))
    return found[: max(0, limit)]


def suggest_for_subject(
    vault: Vault, subject_reference: str, *, limit: int = 20
) -> list[Suggestion]:
    """Incidents that may involve this person (their description, marks and vehicles), not yet
    linked to them."""
    subject = get_subject(vault, subject_reference)
    if subject.merged_into:
        raise InvalidInput(
            f"{subject.reference} was merged into {subject.merged_into}. Use that profile instead."
        )
    with vault.engine.connect() as conn:
        focus = people.subject_focus(conn, subject)
        tally = _Tally()
        for other, ours, match in sources.plate_hits(conn, focus.vrms):
            role = focus.subject_roles.get(ours, "")
            tally.add(other, match.score, f"{match.reason}, a vehicle linked to them{_as(role)}")
        weights, hints = _words(conn, focus)
        linked = people.incidents_of_subject(conn, subject.id)
        found = _incidents(conn, vault, focus, tally, weights, hints, linked)
    return found[: max(0, limit)]


def _as(role: str) -> str:
    return f" as {role}" if role else ""


def _words(conn: Connection, focus: Focus) -> tuple[rules.WordWeights, dict[int, float]]:
    """Word weights for our descriptions, and a first estimate for incidents sharing rare words."""
    described = [item for person in focus.people for item in person]
    total = sources.incident_count(conn)
    weights, postings = sources.word_postings(
        conn, rules.key_words(described), max(30, total // 500), max(10, total // 500)
    )
    marked = {w for item in described if item.kind == "mark" for w in item.words}
    hints: dict[int, float] = defaultdict(float)
    for word, ids in postings.items():
        distinctive = word in marked and len(ids) <= weights.distinctive_at
        extra = rules.DISTINCTIVE_MARK if distinctive else 0.0
        for incident_id in ids:
            hints[incident_id] += weights.weight(word) + extra
    return weights, hints


def _window_rules(
    conn: Connection, vault: Vault, focus: Focus, window: tuple[int, dict[str, str]], tally: _Tally
) -> None:
    """Tactics and goods shared with incidents of the area within the window (days, and the
    vault's own tactics for their names)."""
    days, custom = window
    if focus.occurred is None or focus.store_id is None or not (focus.tactics or focus.goods):
        return
    stores = sources.stores(conn)
    force = stores[focus.store_id][2]
    same_force = {sid for sid, (_code, _name, f) in stores.items() if f == force}
    area = same_force | sources.series_stores(conn, focus.incident_id or 0)
    if not across_stores(vault):
        area &= {focus.store_id}
    moment = from_utc_text(focus.occurred)
    low, high = (to_utc_text(moment + timedelta(days=d)) for d in (-days, days))
    store_of = sources.window_ids(conn, area, low, high)
    store_of.pop(focus.incident_id or 0, None)
    if not store_of:
        return
    size = len(store_of)

    def where(other: int) -> str:
        place = "in the same force area" if store_of[other] in same_force else (
            "at a store already in one of its series")  # fmt: skip
        return f"within {days} days and {place}"

    shared = sources.window_tactics(conn, area, low, high, focus.tactics) if focus.tactics else {}
    uses = {t: sum(1 for s in shared.values() if t in s) for t in focus.tactics}
    labels = catalogue.tactics(custom)
    said: dict[frozenset[str], tuple[float | None, str]] = {}  # the same few sets, again and again
    for other, tactics in shared.items():
        if tactics not in said:
            named = ", ".join(catalogue.label(labels, t).lower() for t in sorted(tactics))
            said[tactics] = (rules.tactics_score(set(tactics), uses, size), named)
        score, named = said[tactics]
        if score is not None and other in store_of:
            tally.add(other, score, f"Same tactics {where(other)}: {named}")
    goods: dict[int, list[tuple[float, str]]] = defaultdict(list)
    postings = sources.goods_postings(conn, focus.goods, min(store_of), max(store_of))
    for shown, posting in postings.items():
        hits = [i for i in posting if i in store_of]
        for other in hits:
            goods[other].append((rules.goods_score(len(hits), size), shown))
    for other, named_goods in goods.items():
        score = min(rules.GOODS_CAP, sum(w for w, _ in named_goods))
        listed = ", ".join(shown for _, shown in named_goods)
        tally.add(other, score, f"Same goods targeted {where(other)}: {listed}")


def _custom_tactics(settings: dict[str, object]) -> dict[str, str]:
    value = settings.get("custom_tactics") or {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _incidents(
    conn: Connection,
    vault: Vault,
    focus: Focus,
    tally: _Tally,
    weights: rules.WordWeights,
    hints: dict[int, float],
    linked: set[int],
) -> list[Suggestion]:
    """Rank candidates on what is known, read the best ones' descriptions, keep the store rule."""
    hopefuls = (set(tally.parts) | set(hints)) - linked
    ranked = sorted(hopefuls, key=lambda i: (-(tally.score(i) + hints.get(i, 0.0)), i))
    own = None if across_stores(vault) else vault.actor.store_id
    rows: dict[int, sources.Row] = {}
    for chunk in rules.chunks(ranked, CHECKED):
        for incident_id, row in sources.incident_rows(conn, chunk).items():
            if own is None or int(row[1]) == own:
                rows[incident_id] = row
        if len(rows) >= CHECKED:
            break
    described = [item for person in focus.people for item in person]
    seen = sources.people_of(conn, list(rows)) if described else {}
    for incident_id, persons in seen.items():
        for score, reason in rules.match_description(described, persons, weights):
            tally.add(incident_id, score, reason)
    names = {sid: name for sid, (_code, name, _force) in sources.stores(conn).items()}
    kept = {i: row for i, row in rows.items() if tally.score(i) >= rules.MIN_SCORE}
    shown = refs.shown(conn, kept)  # NG/REF when another organisation's incident has REF too
    found = [
        Suggestion(
            "incident",
            shown.get(i, str(row[0])),
            _label(row, names),
            tally.score(i),
            tally.reasons(i),
        )
        for i, row in kept.items()
    ]
    return sorted(found, key=lambda s: (-s.score, s.reference))


def _label(row: sources.Row, store_names: dict[int, str]) -> str:
    """'LDS03-2026-00012 · 04/11/2026 · York Acomb · £340'."""
    reference, store_id, occurred, loss = row
    parts = [str(reference)]
    if occurred:
        parts.append(f"{utc_to_london(from_utc_text(str(occurred))):%d/%m/%Y}")
    parts.append(store_names.get(int(store_id), ""))
    parts.append(format_pence(int(loss)).removesuffix(".00"))
    return " · ".join(p for p in parts if p)
