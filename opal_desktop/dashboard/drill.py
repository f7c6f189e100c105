"""A list opened from a dashboard figure, then narrowed with the list's own filters."""

from __future__ import annotations

from dataclasses import replace

from opal_desktop.incidents.listing import IncidentFilter

_NOTHING: tuple[int, ...] = ()


def within(drilled: IncidentFilter, typed: IncidentFilter) -> IncidentFilter:
    """The incidents both filters let through: what the figure counts, narrowed by what the
    person then chose in the list (search, dates, type, status, store, missing reference)."""
    result = replace(
        drilled,
        search=typed.search,
        status=typed.status or drilled.status,
        missing_crime_reference=drilled.missing_crime_reference or typed.missing_crime_reference,
        sort=typed.sort,
        descending=typed.descending,
        date_from=max((d for d in (drilled.date_from, typed.date_from) if d), default=None),
        date_to=min((d for d in (drilled.date_to, typed.date_to) if d), default=None),
    )
    if typed.types:
        if drilled.types and set(typed.types) != set(drilled.types):
            return replace(result, only_ids=_NOTHING)
        result = replace(result, types=typed.types)
    if typed.store_codes:
        if drilled.store_codes and not set(typed.store_codes) <= set(drilled.store_codes):
            return replace(result, only_ids=_NOTHING)
        result = replace(result, store_codes=typed.store_codes)
    return result
