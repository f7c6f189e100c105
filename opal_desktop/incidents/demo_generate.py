"""Making the demo incidents in memory: background incidents plus the seeded series.

Deterministic: the same seed and end date give the same incidents, in the same order, with
the same narratives, whatever today's date is. Incidents fall in the year up to the end date
(by default DEMO_UNTIL), at UK wall-clock times in opening hours, busiest late afternoon;
they are converted to UTC with timeutil.london_to_utc.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from opal_desktop.domain.incident import (
    GoodsLine,
    Incident,
    OffenderDescription,
    Police,
    Status,
    VehicleSeen,
    Violence,
)
from opal_desktop.domain.timeutil import london_to_utc, utc_to_london
from opal_desktop.incidents import demo_data as data
from opal_desktop.incidents import demo_text as text
from opal_desktop.incidents.demo_series import SERIES, SeriesPlan, clashes_with_series

DEMO_UNTIL = date(2026, 11, 15)  # fixed, so a seed gives the same vault on any day
DAYS = 365

_HOURS = tuple(range(7, 22))  # 07:00 to 21:59 local time
_HOUR_WEIGHTS = (2, 3, 4, 5, 6, 6, 6, 7, 9, 11, 12, 11, 8, 5, 3)  # peak 16:00-18:00
_TYPES = (
    ("theft-from-shop", 780), ("violence-or-threats", 50), ("abuse", 60),
    ("criminal-damage", 25), ("fraud", 35), ("anti-social-behaviour", 35),
    ("robbery", 8), ("burglary", 4), ("other", 3),
)  # fmt: skip
_CATEGORY_WEIGHTS = {
    data.SPIRITS: 14, data.ALCOHOL: 10, data.MEAT: 14, data.CHEESE: 9, data.COFFEE: 8,
    data.LAUNDRY: 7, data.RAZORS: 9, data.BABY: 6, data.HEALTH: 6, data.ELECTRONICS: 5,
    data.PERFUME: 4, data.GROCERY: 8,
}  # fmt: skip
_THEFT_TACTICS = (
    "concealment-clothing", "booster-bag", "shelf-sweep", "distraction", "tag-removal",
    "self-scan-abuse", "targeted-high-value", "group-entry", "face-covered", "lookout",
)  # fmt: skip


@dataclass(frozen=True)
class DemoPlan:
    """Incidents in the order they will be added (by time), and which series each is in."""

    incidents: list[Incident]
    series_of: list[str | None]  # series name per incident, None for background


def _cumulative(weights: list[int] | tuple[int, ...]) -> list[int]:
    return list(itertools.accumulate(weights))


def display_plate(vrm: str) -> str:
    """'YR19KXD' -> 'YR19 KXD' (the spaced form people write)."""
    return f"{vrm[:4]} {vrm[4:]}" if len(vrm) == 7 else vrm


class _Maker:
    """Holds the random source and the tables precomputed for speed (100,000 incidents)."""

    def __init__(self, rng: random.Random, until: date) -> None:
        self.rng = rng
        self.until = until
        self.stores = {s.code: s for s in data.STORES}
        self.store_codes = [s.code for s in data.STORES]
        self.hour_cum = _cumulative(_HOUR_WEIGHTS)
        self.type_ids = [t for t, _ in _TYPES]
        self.type_cum = _cumulative([w for _, w in _TYPES])
        self.categories = list(_CATEGORY_WEIGHTS)
        self.category_cum = _cumulative(list(_CATEGORY_WEIGHTS.values()))
        self.by_category = {
            c: [p for p in data.PRODUCTS if p.category == c] for c in _CATEGORY_WEIGHTS
        }

    def pick(self, items: list[str], cumulative: list[int]) -> str:
        return items[bisect.bisect_right(cumulative, self.rng.random() * cumulative[-1])]

    def moment(self, day: date, first_hour: int = 7, last_hour: int = 21) -> datetime:
        rng = self.rng
        while True:
            hour = _HOURS[bisect.bisect_right(self.hour_cum, rng.random() * self.hour_cum[-1])]
            if first_hour <= hour <= last_hour:
                break
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60))
        return london_to_utc(local)

    def goods(self, categories: list[str], lines: int, bulk: bool) -> list[GoodsLine]:
        rng = self.rng
        chosen: list[GoodsLine] = []
        for _ in range(lines):
            product = rng.choice(self.by_category[rng.choice(categories)])
            if any(g.sku == product.sku for g in chosen):
                continue
            most = 12 if product.unit_pence < 1000 else 6 if product.unit_pence < 3000 else 3
            low = max(1, most // 3) if bulk else 1
            quantity = rng.randint(low, most if bulk else max(1, most // 2))
            chosen.append(GoodsLine(product.description, quantity, product.unit_pence, product.sku))
        return chosen

    def offender(self) -> OffenderDescription:
        rng = self.rng
        sex = "male" if rng.random() < 0.72 else "female"
        heights = data.HEIGHTS_MALE if sex == "male" else data.HEIGHTS_FEMALE
        clothing = [rng.choice(data.TOPS), rng.choice(data.LOWER)]
        hat = rng.choice(data.HEADWEAR)
        if hat:
            clothing.insert(0, hat)
        return OffenderDescription(
            sex,
            rng.choice(data.AGE_RANGES),
            rng.choice(heights),
            rng.choice(data.BUILDS),
            rng.choice(data.HAIR),
            ", ".join(clothing),
            rng.choice(data.COMMON_MARKS),
        )

    def vehicle(self) -> tuple[VehicleSeen, str]:
        """A background vehicle (never one a series uses) and how the narrative writes its plate."""
        rng = self.rng
        while True:
            shown = text.plate(rng)
            if rng.random() < 0.2:
                shown = text.partial(rng, shown)
            seen = VehicleSeen(shown, *rng.choice(data.VEHICLES), rng.choice(data.COLOURS))
            if not clashes_with_series(seen.vrm):
                seen.direction = rng.choice(data.DIRECTIONS)
                return seen, (f"partial plate {shown}" if "?" in shown else shown)

    def police(self, force_id: str, day: date, reported: bool, crime_ref: bool) -> Police:
        rng = self.rng
        if not reported:
            return Police(force_id=force_id)
        on = min(day + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2, 3))), self.until)
        officer, collar = text.police_officer(rng) if rng.random() < 0.3 else ("", "")
        return Police(
            force_id=force_id,
            crime_reference=text.crime_reference(rng, force_id, on) if crime_ref else "",
            incident_number=text.log_number(rng, on) if rng.random() < 0.85 else "",
            reported_on=on,
            officer_name=officer,
            collar_number=collar,
            attended=bool(officer) or None,
        )

    def background(self) -> Incident:
        rng = self.rng
        store = self.stores[rng.choice(self.store_codes)]
        days_ago = rng.randrange(DAYS)
        day = self.until - timedelta(days=days_ago)
        kind = self.pick(self.type_ids, self.type_cum)
        start = self.moment(day)
        count = rng.choice((1, 1, 1, 1, 1, 1, 2, 2, 2, 3))
        if kind == "anti-social-behaviour":
            count = rng.randint(3, 6)
        described = [self.offender() for _ in range(min(count, 2))] if kind != "other" else []
        category = self.pick(self.categories, self.category_cum)
        location, aisle = data.AISLES[category], data.AISLE_PHRASES[category]
        road = rng.choice(store.roads)
        incident = Incident(store_code=store.code, incident_type=kind, offender_count=count)
        incident.offenders = described
        reported = rng.random() < (0.7 if kind in ("abuse", "anti-social-behaviour") else 0.9)
        has_ref = rng.random() < (0.45 if days_ago < 10 else 0.82)
        if kind == "theft-from-shop":
            incident.goods = self.goods([category], rng.choice((1, 1, 1, 2, 2, 3)), bulk=False)
            incident.tactics = list(
                dict.fromkeys(rng.choice(_THEFT_TACTICS) for _ in range(rng.choice((1, 1, 2))))
            )
            if count >= 3:
                incident.tactics.append("group-entry")
            vehicle_text = ""
            if rng.random() < 0.1:
                seen, vehicle_text = self.vehicle()
                incident.vehicles = [seen]
                incident.tactics.append("vehicle-used")
            recovered = rng.random() < 0.12
            if recovered:
                incident.recovered_pence = incident.stolen_pence
            scene = text.Scene(
                text.clock(utc_to_london(start)), aisle, road, described, count, incident.goods
            )
            incident.narrative = text.theft_narrative(
                rng, scene, tactics=incident.tactics,
                vehicle=incident.vehicles[0] if incident.vehicles else None,
                vehicle_text=vehicle_text, recovered=recovered, reported=reported,
            )  # fmt: skip
        else:
            location = self._other_details(incident, kind, category)
            if kind == "burglary":
                start = london_to_utc(
                    datetime(day.year, day.month, day.day, rng.randint(1, 4), rng.randrange(60))
                )
            weapon = incident.violence.weapon_type
            scene = text.Scene(
                text.clock(utc_to_london(start)), aisle, road, described, count, incident.goods
            )
            incident.narrative = text.other_narrative(rng, scene, kind, weapon)
        incident.police = self.police(store.force_id, day, reported, has_ref)
        incident.location = location
        incident.occurred_start = start
        incident.occurred_end = start + timedelta(minutes=rng.randint(2, 15))
        incident.reported_at = start + timedelta(minutes=rng.randint(20, 180))
        incident.witnesses = text.witnesses(rng)
        incident.status = Status.COMPLETE if reported and rng.random() < 0.96 else Status.DRAFT
        return incident

    def _other_details(self, incident: Incident, kind: str, category: str) -> str:
        """Goods, tactics, violence and damage for the types other than theft; returns the location."""
        rng = self.rng
        location = rng.choice(data.OTHER_LOCATIONS)
        if kind == "violence-or-threats":
            weapon = rng.choice(data.WEAPONS) if rng.random() < 0.4 else ""
            incident.goods = self.goods([category], 1, bulk=False) if rng.random() < 0.7 else []
            incident.tactics = ["threats"] + (["weapon-shown"] if weapon else [])
            incident.violence = Violence(
                True, weapon, rng.choice(data.INJURIES), "Security officer"
            )
            location = data.AISLES[category]
        elif kind == "robbery":
            weapon = rng.choice(data.WEAPONS[:2])
            float_pence = rng.randrange(150, 600) * 100
            incident.goods = [GoodsLine("Cash from the kiosk till float", 1, float_pence)]
            incident.tactics = ["threats", "weapon-shown", "till-snatch", "face-covered"]
            incident.violence = Violence(True, weapon, rng.choice(data.INJURIES), "Kiosk colleague")
            location = "Kiosk"
        elif kind == "burglary":
            incident.goods = self.goods([data.SPIRITS, data.ELECTRONICS], 2, bulk=True)
            incident.tactics = ["stock-room-entry", "face-covered"]
            incident.damage_pence = rng.randrange(40, 300) * 1000
            location = "Home delivery bay"
        elif kind == "criminal-damage":
            incident.damage_pence = rng.randrange(5, 60) * 1000
            location = rng.choice(("Self-checkout area", "Main entrance"))
        elif kind == "fraud":
            incident.goods = self.goods([category], rng.choice((1, 2)), bulk=False)
            incident.tactics = ["refund-fraud"]
            location = "Customer services desk"
        elif kind == "abuse":
            incident.violence = Violence(False, "", "", "Till colleague")
            location = rng.choice(("Front of store, tills", "Self-checkout area"))
        elif kind == "anti-social-behaviour":
            incident.tactics = ["group-entry"]
        return location

    def series(self, plan: SeriesPlan) -> list[Incident]:
        """One seeded group: same people, vehicles, tactics and goods across its stores."""
        rng = self.rng
        last = self.until - timedelta(days=plan.ends_days_before)
        offsets = [
            0,
            *sorted(rng.sample(range(1, plan.span_days), plan.incidents - 2)),
            plan.span_days,
        ]
        stores = list(plan.store_codes)
        rng.shuffle(stores)
        unfinished = rng.sample(
            range(1, plan.incidents), plan.missing_crime_references + plan.unreported
        )
        no_ref, unreported = (
            unfinished[: plan.missing_crime_references],
            unfinished[plan.missing_crime_references :],
        )
        half_read = rng.randrange(1, plan.incidents) if plan.partial_plate else -1
        made: list[Incident] = []
        for index, offset in enumerate(offsets):
            store = self.stores[stores[index % len(stores)]]
            day = last - timedelta(days=plan.span_days - offset)
            start = self.moment(day, 10, 19)
            people = list(plan.offenders)
            if index and len(people) > 1 and rng.random() < 0.25:
                people = people[: len(people) - 1]  # the last one stayed outside or in the car
            vehicle = plan.vehicles[0 if len(plan.vehicles) == 1 or rng.random() < 0.7 else 1]
            shown = display_plate(vehicle.vrm)
            if index == half_read:
                shown = text.partial(rng, shown)
            seen = VehicleSeen(
                shown, vehicle.make, vehicle.model, vehicle.colour, rng.choice(data.DIRECTIONS)
            )
            goods = self.goods(list(plan.categories), rng.choice((1, 2, 2, 3)), bulk=True)
            reported = index not in unreported
            incident = Incident(
                store_code=store.code,
                occurred_start=start,
                occurred_end=start + timedelta(minutes=rng.randint(3, 12)),
                reported_at=start + timedelta(minutes=rng.randint(20, 90)),
                location=data.AISLES[_category_of(goods[0].sku)],
                incident_type="theft-from-shop",
                tactics=list(plan.tactics),
                goods=goods,
                police=self.police(store.force_id, day, reported, index not in no_ref),
                offender_count=len(people),
                offenders=[OffenderDescription(**vars(p)) for p in people],
                vehicles=[seen],
                witnesses=text.witnesses(rng),
                status=Status.COMPLETE if reported else Status.DRAFT,
            )
            scene = text.Scene(
                text.clock(utc_to_london(start)), data.AISLE_PHRASES[_category_of(goods[0].sku)],
                rng.choice(store.roads), incident.offenders, len(people), goods,
            )  # fmt: skip
            incident.narrative = text.theft_narrative(
                rng, scene, tactics=list(plan.tactics), vehicle=seen,
                vehicle_text=f"partial plate {shown}" if "?" in shown else shown,
                recovered=False, reported=reported, extra=plan.extra,
            )  # fmt: skip
            made.append(incident)
        return made


_CATEGORY_BY_SKU = {p.sku: p.category for p in data.PRODUCTS}


def _category_of(sku: str) -> str:
    return _CATEGORY_BY_SKU[sku]


def generate(count: int, seed: int, until: date = DEMO_UNTIL) -> DemoPlan:
    """`count` incidents in all (the seeded series included), sorted by when they happened."""
    rng = text.DemoRandom(seed)
    maker = _Maker(rng, until)
    tagged: list[tuple[Incident, str | None]] = []
    for plan in SERIES:
        tagged += [(incident, plan.name) for incident in maker.series(plan)]
    tagged += [(maker.background(), None) for _ in range(count - len(tagged))]
    tagged.sort(key=lambda pair: pair[0].occurred_start or datetime.min)
    return DemoPlan([i for i, _ in tagged], [name for _, name in tagged])
