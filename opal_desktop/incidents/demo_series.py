"""The seeded series of the demo vault: groups that hit several stores in several force areas.

Each group has recurring offenders (the same description every time, with a distinctive
mark no background incident uses), one or two vehicles (the same plate, make, model and
colour), the same tactics and the same targeted goods, over a few weeks. These are the
ground truth that link suggestions (issue 5) and referral checks (issue 6) are tested on:
"Grey Audi spirits team" is ready to refer; "Razor blade sweep pair" is not (crime
references missing).
"""

from __future__ import annotations

from dataclasses import dataclass

from opal_desktop.domain.incident import OffenderDescription, VehicleSeen
from opal_desktop.incidents import demo_data as data


@dataclass(frozen=True)
class SeriesPlan:
    name: str
    description: str
    offenders: tuple[OffenderDescription, ...]
    vehicles: tuple[VehicleSeen, ...]
    tactics: tuple[str, ...]
    categories: tuple[str, ...]  # product categories targeted
    store_codes: tuple[str, ...]
    incidents: int
    ends_days_before: int  # the last incident is this many days before the demo's end date
    span_days: int
    missing_crime_references: int = 0  # reported, but no crime number yet
    unreported: int = 0  # not reported to police yet (drafts)
    partial_plate: bool = False  # one incident records the plate half-read
    extra: str = ""  # a sentence the officers keep writing about this group


SERIES: tuple[SeriesPlan, ...] = (
    SeriesPlan(
        name="Grey Audi spirits team",
        description='Two males in a grey Audi A4 (YR19 KXD) taking spirits in foil-lined bags; "tall male, red cap, scar under left eye" and a stocky male with a swallow tattoo.',
        offenders=(
            OffenderDescription(
                "male",
                "30-40",
                "6'2\"",
                "slim",
                "short dark",
                "red baseball cap, grey hooded top, dark jeans",
                "facial scar under left eye",
            ),
            OffenderDescription(
                "male",
                "20-30",
                "5'8\"",
                "stocky",
                "shaved",
                "black puffer jacket, grey joggers",
                "swallow tattoo on right hand",
            ),
        ),
        vehicles=(VehicleSeen("YR19 KXD", "Audi", "A4", "grey"),),
        tactics=("booster-bag", "lookout", "vehicle-used", "targeted-high-value"),
        categories=(data.SPIRITS,),
        store_codes=("LDS01", "YRK01", "SHF01", "HGT01", "DON01", "BFD01"),
        incidents=7,
        ends_days_before=12,
        span_days=21,
        extra="The second male stood by the doors as a lookout the whole time.",
    ),
    SeriesPlan(
        name="Razor blade sweep pair",
        description="A female with star tattoos on her neck and a male with a gold front tooth sweeping razor blades and baby milk; silver Vauxhall Astra MA68 UHN.",
        offenders=(
            OffenderDescription(
                "female",
                "25-35",
                "5'5\"",
                "slim",
                "long blonde",
                "pink hooded jacket, black leggings",
                "star tattoos on right side of neck",
            ),
            OffenderDescription(
                "male",
                "40-50",
                "5'10\"",
                "medium build",
                "grey, receding",
                "navy tracksuit, white trainers",
                "gold front tooth",
            ),
        ),
        vehicles=(VehicleSeen("MA68 UHN", "Vauxhall", "Astra", "silver"),),
        tactics=("shelf-sweep", "distraction", "vehicle-used"),
        categories=(data.RAZORS, data.BABY, data.HEALTH),
        store_codes=("MAN01", "PRE01", "LDS01", "BFD01"),
        incidents=8,
        ends_days_before=5,
        span_days=24,
        missing_crime_references=4,
        partial_plate=True,
        extra="The female kept staff talking at the end of the aisle while the male filled his bag.",
    ),
    SeriesPlan(
        name="Transit van push-out gang",
        description="Three males with faces covered filling trolleys with meat, cheese, coffee and laundry pods and pushing them out to a white Ford Transit (YT21 OVP), sometimes with a black Golf (PN70 ZRD).",
        offenders=(
            OffenderDescription(
                "male",
                "18-25",
                "5'11\"",
                "thin",
                "short brown",
                "black North-style jacket, black snood over face",
                "spider-web tattoo on left hand",
            ),
            OffenderDescription(
                "male",
                "20-30",
                "6'0\"",
                "athletic",
                "",
                "green parka with fur hood, face covered",
                "limps on right leg",
            ),
            OffenderDescription(
                "male",
                "25-35",
                "5'9\"",
                "heavy build",
                "curly black",
                "grey tracksuit, white snood",
                "teardrop tattoo under right eye",
            ),
        ),
        vehicles=(
            VehicleSeen("YT21 OVP", "Ford", "Transit", "white"),
            VehicleSeen("PN70 ZRD", "Volkswagen", "Golf", "black"),
        ),
        tactics=("push-out", "group-entry", "face-covered", "vehicle-used"),
        categories=(data.MEAT, data.CHEESE, data.COFFEE, data.LAUNDRY),
        store_codes=("HUL01", "DON01", "SHF01", "YRK01"),
        incidents=6,
        ends_days_before=30,
        span_days=28,
        unreported=1,
        extra="They came in together and went straight for the trolleys by the entrance.",
    ),
    SeriesPlan(
        name="Fragrance tag-removal couple",
        description="A female with dyed red hair and a butterfly tattoo and a male with a scar across his chin removing tags from perfume and earbuds; black BMW 1 Series LK67 WFS.",
        offenders=(
            OffenderDescription(
                "female",
                "30-40",
                "5'7\"",
                "medium build",
                "dyed red",
                "beige trench coat, large black handbag",
                "butterfly tattoo on left wrist",
            ),
            OffenderDescription(
                "male",
                "30-40",
                "5'11\"",
                "slim",
                "light brown",
                "brown leather jacket, grey flat cap",
                "scar across the chin",
            ),
        ),
        vehicles=(VehicleSeen("LK67 WFS", "BMW", "1 Series", "black"),),
        tactics=("tag-removal", "booster-bag", "targeted-high-value", "distraction"),
        categories=(data.PERFUME, data.ELECTRONICS),
        store_codes=("PRE01", "MAN01", "HGT01", "LDS01"),
        incidents=6,
        ends_days_before=45,
        span_days=18,
        extra="The female asked for help with a fragrance tester while the male worked at the display.",
    ),
)

SERIES_INCIDENTS = sum(plan.incidents for plan in SERIES)
SERIES_VRMS: frozenset[str] = frozenset(v.vrm for plan in SERIES for v in plan.vehicles)
SERIES_MARKS: frozenset[str] = frozenset(o.marks for plan in SERIES for o in plan.offenders)


def clashes_with_series(vrm: str) -> bool:
    """Would this (possibly partial, '?') plate match a series plate? Background ones must not."""
    for known in SERIES_VRMS:
        if len(known) == len(vrm) and all(a in ("?", b) for a, b in zip(vrm, known, strict=True)):
            return True
    return False
