"""One spreadsheet row to an Incident, or the reasons it cannot be one (see csv_import)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from opal_desktop.domain.incident import (
    GoodsLine,
    Incident,
    OffenderDescription,
    Police,
    Status,
    VehicleSeen,
    Violence,
    blocking_problems,
)
from opal_desktop.domain.money import parse_pence
from opal_desktop.domain.timeutil import london_to_utc, parse_uk_date, utc_now
from opal_desktop.errors import InvalidInput
from opal_desktop.incidents import csv_values as values

T = TypeVar("T")
MAX_OFFENDERS = 99
MAX_QUANTITY = 100_000


@dataclass(frozen=True)
class ImportDefaults:
    """What parse needs from the vault, read once: stores, who imports, custom tactics."""

    store_code: str  # the importer's store, used when a row names none
    store_forces: Mapping[str, str]  # every store code in the vault -> its police force id
    allowed_stores: frozenset[str] | None = None  # None: any store (managers, admins)
    custom_tactics: Mapping[str, str] = field(default_factory=dict)
    now: datetime = field(default_factory=utc_now)


# Day, month and year as timeutil.parse_uk_date reads them (03/04/2026, 3-4-26, 03.04.2026)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")


class RowBuilder:
    """Turns one row's {field: cell} into an Incident, or adds reasons to the list.

    Values that repeat down a column (dates, times, types, forces, amounts) are parsed once.
    Numeric dates are read day first (the UK way) unless `month_first`; a date that reads
    either way round (03/04/2026, not 13/04/2026 or 04/04/2026) is counted per field in
    `either_way` ({field: rows}), with the first such cell in `either_way_example`, so the
    preview can say how they were read.
    """

    def __init__(self, defaults: ImportDefaults, month_first: bool = False) -> None:
        self.d = defaults
        self.month_first = month_first
        self.either_way: dict[str, int] = {}
        self.either_way_example: dict[str, str] = {}
        self._ambiguous: set[str] = set()
        self.tactics = values.tactic_lookup(defaults.custom_tactics)
        self.latest = defaults.now + timedelta(hours=1)  # a clock slightly ahead is not the future
        self.store_list = ", ".join(sorted(defaults.store_forces)) or "none"
        self.custom = dict(defaults.custom_tactics)
        self._dates: dict[str, date] = {}
        self._times: dict[str, time] = {}
        self._types: dict[str, str] = {}
        self._forces: dict[str, str] = {}
        self._money: dict[str, int] = {}

    def __call__(self, row: dict[str, str], reasons: list[str]) -> Incident | None:
        def attempt(parse: Callable[[], T], fallback: T) -> T:
            try:
                return parse()
            except InvalidInput as error:
                reasons.append(str(error))
                return fallback

        get = row.get
        occurred = attempt(
            lambda: self._occurred(get("occurred_date", ""), get("occurred_time", "")), None
        )
        store_code = attempt(lambda: self._store(get("store_code", "")), "")
        incident_type = attempt(
            lambda: _memo(self._types, get("incident_type", ""), values.incident_type_id), ""
        )
        tactics: list[str] = attempt(
            lambda: values.tactic_ids(get("tactics", ""), self.tactics), []
        )
        goods: list[GoodsLine] = attempt(lambda: self._goods(get), [])
        recovered = attempt(lambda: self._pence(get("recovered_value", ""), "value recovered"), 0)
        damage = attempt(lambda: self._pence(get("damage_value", ""), "value of damage"), 0)
        force = attempt(lambda: _memo(self._forces, get("police_force", ""), values.force_id), "")
        reported_on = attempt(
            lambda: self._date(
                get("reported_to_police_on", ""), _REPORTED, "reported_to_police_on"
            ),
            None,
        )
        attended = attempt(lambda: values.yes_no(get("police_attended", ""), _ATTENDED), None)
        threats = attempt(lambda: values.yes_no(get("threats", ""), _THREATS), None)
        count = attempt(lambda: _count(get("offender_count", "")), 0)
        offender = attempt(lambda: _offender(get), None)
        if reasons or occurred is None:
            return None
        offenders = [offender] if offender is not None else []
        incident = Incident(
            store_code=store_code,
            occurred_start=occurred,
            location=get("location", ""),
            incident_type=incident_type,
            tactics=tactics,
            goods=goods,
            recovered_pence=recovered,
            damage_pence=damage,
            police=Police(
                force_id=force or self.d.store_forces.get(store_code, ""),
                crime_reference=_unless_placeholder(get("crime_reference", "")),
                incident_number=_unless_placeholder(get("police_incident_number", "")),
                reported_on=reported_on,
                officer_name=get("police_officer_name", ""),
                collar_number=get("police_collar_number", ""),
                attended=attended,
            ),
            violence=Violence(
                threats=bool(threats),
                weapon_type=_unless_placeholder(get("weapon_type", "")),
                injuries=get("injuries", ""),
                staff_involved=get("staff_involved", ""),
            ),
            offender_count=max(count, len(offenders)),
            offenders=offenders,
            vehicles=_vehicles(get),
            witnesses=get("witnesses", ""),
            narrative=get("narrative", ""),
        )
        if _may_be_complete(incident) and not blocking_problems(incident, self.custom):
            incident.status = Status.COMPLETE
        return incident

    def _date(self, cell: str, what: str, field_key: str) -> date | None:
        if not cell:
            return None
        found = self._dates.get(cell)
        if found is None:
            found = self._dates[cell] = self._read_date(cell, what)
        if cell in self._ambiguous:
            self.either_way_example.setdefault(field_key, cell)
            self.either_way[field_key] = self.either_way.get(field_key, 0) + 1
        return found

    def date_read(self, cell: str) -> date:
        """How a date cell already seen was read."""
        return self._dates[cell]

    def _read_date(self, cell: str, what: str) -> date:
        numeric = _NUMERIC_DATE.match(cell)
        if numeric is None:
            return parse_uk_date(cell, what)  # ISO yyyy-mm-dd, or the sentence
        first, second, year = (int(part) for part in numeric.groups())
        if first != second and first <= 12 and second <= 12:
            self._ambiguous.add(cell)
        if not self.month_first:
            if first <= 12 < second:  # 04/21/2026 cannot be day first
                raise InvalidInput(
                    f"The {what} '{cell}' is not a day/month/year date: it looks like month "
                    "first (US style). If the whole file puts the month first, import it as "
                    "month first."
                )
            return parse_uk_date(cell, what)
        try:
            return date(year + 2000 if year < 100 else year, first, second)
        except ValueError:
            raise InvalidInput(
                f"The {what} '{cell}' is not a month/day/year date (the import reads dates "
                "month first). Check it, or import the file as day first."
            ) from None

    def _occurred(self, day_cell: str, clock_cell: str) -> datetime:
        if not day_cell:
            raise InvalidInput("The date is blank. Every incident needs the date it happened.")
        day_text, _, clock_text = " ".join(day_cell.replace("T", " ").split()).partition(" ")
        day = self._date(day_text, "date", "occurred_date")
        assert day is not None
        clock_text = clock_cell or clock_text
        clock = _memo(self._times, clock_text, values.clock) if clock_text else time(0, 0)
        moment = london_to_utc(datetime.combine(day, clock))
        if moment > self.latest:
            raise InvalidInput(
                f"The date '{day_text}' is in the future. Check the day, month and year."
            )
        return moment

    def _store(self, code: str) -> str:
        code = code.upper() or self.d.store_code
        if code not in self.d.store_forces:
            raise InvalidInput(
                f"The store code '{code}' is not a store in this vault (stores: {self.store_list}). Correct the code."
            )
        allowed = self.d.allowed_stores
        if allowed is not None and code not in allowed:
            raise InvalidInput(
                f"This row is for store {code}; your role lets you import only your own store's incidents ({self.d.store_code})."
            )
        return code

    def _pence(self, cell: str, what: str) -> int:
        if not cell:
            return 0
        found = self._money.get(cell)
        if found is None:
            text = cell[:-3] if cell[-3:].upper() == "GBP" else cell
            found = self._money[cell] = parse_pence(text, what)
        return found

    def _goods(self, get: Callable[[str, str], str]) -> list[GoodsLine]:
        description, sku = get("goods_description", ""), get("goods_sku", "")
        quantity_cell, value_cell = get("goods_quantity", ""), get("goods_value", "")
        if not (description or sku or quantity_cell or value_cell):
            return []
        quantity = (
            values.whole_number(quantity_cell, "quantity of goods", 1, MAX_QUANTITY)
            if quantity_cell
            else 1
        )
        total = self._pence(value_cell, "value of goods")
        description = description or "Goods (not described in the import)"
        if total % quantity:  # keep the total exact rather than round a unit price
            return [GoodsLine(f"{description} ({quantity} items)", 1, total, sku)]
        return [GoodsLine(description, quantity, total // quantity, sku)]


_REPORTED = "date reported to the police"
_ATTENDED = "answer to 'police attended'"
_THREATS = "answer to 'threats made'"
_REAL_VALUE = re.compile(r"[1-9]").search


def _memo(cache: dict[str, T], cell: str, parse: Callable[[str], T]) -> T:
    """parse(cell), remembered for the next row with the same cell (failures are not)."""
    try:
        return cache[cell]
    except KeyError:
        found = cache[cell] = parse(cell)
        return found


def _may_be_complete(incident: Incident) -> bool:
    """Cheap necessary conditions of completion, so problems() runs only where it can pass.

    Each is also a blocking rule of domain.incident.problems (which decides): a row failing
    one is a draft whatever the other rules say.
    """
    return bool(
        incident.occurred_start
        and incident.incident_type
        and incident.location.strip()
        and incident.offender_count >= 1
        and incident.police.force_id
        and incident.police.reported_on
    )


def _unless_placeholder(cell: str) -> str:
    if not cell or _REAL_VALUE(cell):  # a digit 1-9: a real reference, never a placeholder
        return cell
    return "" if values.is_placeholder(cell) else cell


def _count(cell: str) -> int:
    return values.whole_number(cell, "number of offenders", 0, MAX_OFFENDERS) if cell else 0


_OFFENDER_FIELDS = (
    "offender_sex", "offender_age_range", "offender_height", "offender_build", "offender_hair",
    "offender_description", "offender_marks",
)  # fmt: skip


def _offender(get: Callable[[str, str], str]) -> OffenderDescription | None:
    cells = [get(name, "") for name in _OFFENDER_FIELDS]
    if not any(cells):
        return None
    sex, age, height, build, hair, clothing, marks = cells
    return OffenderDescription(values.sex(sex), age, height, build, hair, clothing, marks)


def _vehicles(get: Callable[[str, str], str]) -> list[VehicleSeen]:
    vrm = _unless_placeholder(get("vehicle_vrm", ""))
    make, model = get("vehicle_make", ""), get("vehicle_model", "")
    colour, direction = get("vehicle_colour", ""), get("vehicle_direction", "")
    if not (vrm or make or model or colour or direction):
        return []
    return [VehicleSeen(vrm, make, model, colour, direction)]
