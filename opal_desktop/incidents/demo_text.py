"""Words for the demo data: narratives as a security officer writes them, plates and police numbers.

Every function takes the caller's random.Random, so a seed gives the same text every time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from opal_desktop.domain.incident import GoodsLine, OffenderDescription, VehicleSeen
from opal_desktop.incidents import demo_data as data

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")


class DemoRandom(random.Random):
    """random.Random with quicker choice/randint/randrange (demo data, not security).

    Same seed, same values, on every platform; about 3x quicker than the general versions,
    which matters for 100,000 incidents of some thirty draws each.
    """

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        if stop is None:
            start, stop = 0, start
        return start + int(self.random() * (stop - start))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


def plate(rng: random.Random) -> str:
    """A current-format UK number plate, e.g. 'YK19 HDX'."""
    letters = "".join(rng.choice(data.PLATE_LETTERS) for _ in range(3))
    return f"{rng.choice(data.MEMORY_TAGS)}{rng.choice(data.AGE_IDENTIFIERS)} {letters}"


def partial(rng: random.Random, vrm: str) -> str:
    """The plate as a witness half-read it: one or two characters replaced by '?'."""
    chars = list(vrm)
    positions = [i for i, c in enumerate(chars) if c != " "]
    for index in rng.sample(positions[2:], rng.choice((1, 1, 2))):
        chars[index] = "?"
    return "".join(chars)


def crime_reference(rng: random.Random, force_id: str, day: date) -> str:
    """A crime number in the style of the force (forces have no common format)."""
    yy = f"{day.year % 100:02d}"
    n = rng.randrange(1, 999_999)
    if force_id == "west-yorkshire":
        return f"13{yy}{n:07d}"
    if force_id == "north-yorkshire":
        return f"12{yy}{n:07d}"
    if force_id == "south-yorkshire":
        return f"14/{n:06d}/{yy}"
    if force_id == "greater-manchester":
        return f"CRI/{rng.randrange(1, 12):02d}/{n:06d}/{yy}"
    if force_id == "lancashire":
        return f"LC-{day:%Y%m%d}-{n % 10_000:04d}"
    if force_id == "humberside":
        return f"HUM-{yy}-{n:06d}"
    return f"CR/{n:06d}/{yy}"


def log_number(rng: random.Random, day: date) -> str:
    """The force's incident (log) number, as call handlers give it: number and date."""
    return f"{rng.randrange(1, 2_000):04d} {day.day:02d}/{day.month:02d}/{day.year % 100:02d}"


def police_officer(rng: random.Random) -> tuple[str, str]:
    return f"PC {rng.choice(data.POLICE_SURNAMES)}", f"{rng.randrange(1000, 9999)}"


def witnesses(rng: random.Random) -> str:
    people = {rng.choice(data.WITNESS_FIRST_NAMES) for _ in range(rng.choice((1, 1, 2)))}
    return ", ".join(f"{name} ({rng.choice(data.WITNESS_ROLES)})" for name in sorted(people))


def who(offenders: list[OffenderDescription], count: int) -> str:
    """'a slim male in a red baseball cap', 'two males', 'a male and a female'."""
    if count >= 3:
        return f"a group of {count}"
    if count == 2:
        sexes = sorted({o.sex for o in offenders} or {"male"})
        return "a male and a female" if len(sexes) == 2 else f"two {sexes[0]}s"
    if not offenders:
        return "a male"
    first = offenders[0]
    item = first.clothing.split(",")[0].strip() if first.clothing else ""
    return _a(f"{first.build} {first.sex or 'person'}") + (f" in {_a(item)}" if item else "")


def _a(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


def goods_phrase(goods: list[GoodsLine]) -> str:
    parts = [f"{g.quantity} x {g.description}" for g in goods[:3]]
    text = " and ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text or "items from the shelf"


_OPENINGS = (
    "At about {time} I was on the shop floor near {aisle} when I noticed {who} looking round for staff.",
    "CCTV operator called me on the radio at {time} about {who} hanging around {aisle}.",
    "{witness} on the tills told me {who} had walked straight past the tills to {aisle}.",
    "At {time} I watched {who} come in through the main doors and go straight to {aisle} without a basket.",
    "While on patrol at {time} I saw {who} at {aisle}, checking where the cameras were.",
    "{Who} came in at {time} and spent several minutes at {aisle}, watching the staff.",
)
_ACTIONS: dict[str, str] = {
    "booster-bag": "{They} put {goods} into a large shopping bag that looked lined with foil.",
    "shelf-sweep": "{They} swept {goods} off the shelf into a holdall in one go.",
    "concealment-clothing": "{They} hid {goods} down the front of {their} jacket.",
    "tag-removal": "{They} pulled the security tags off {goods} and left the tags behind the display.",
    "self-scan-abuse": "At the self-checkout {they_l} scanned two cheap items but bagged {goods} without scanning them.",
    "push-out": "{They} filled a trolley with {goods} and pushed it straight out of the entrance doors.",
    "distraction": "One of them asked a colleague where the toilets were while the other took {goods}.",
}
_DEFAULT_ACTION = "{They} picked up {goods} and put them in a carrier bag."
_EXITS = (
    "{They} left through the main doors without paying and walked off along {road}.",
    "{They} walked out past the tills without trying to pay and headed towards {road}.",
    "{They} ran out through the entrance when the alarm sounded and went across the car park towards {road}.",
    "{They} left by the exit doors next to customer services and turned onto {road}.",
)
_OUTCOMES_REPORTED = (
    "I did not approach, in line with company policy. Reported to police on 101.",
    "Reported to police online the same day. CCTV saved.",
    "Duty manager informed and police called on 101. CCTV has been kept.",
    "Police informed and given a description. Stills saved for the officer in the case.",
)
_OUTCOMES_RECOVERED = (
    "I stopped {them} at the door and the goods were handed back. {They} then left.",
    "{They} dropped the bag in the lobby when I approached; goods recovered and put back on sale.",
)
_NOT_REPORTED = "Not reported to police yet: waiting for the CCTV to be downloaded."


@dataclass(frozen=True)
class Scene:
    """What every narrative mentions: when, where, who and what."""

    time: str  # UK wall-clock, "17:05"
    aisle: str  # as said in a sentence: "the spirits shelves"
    road: str  # the way they went
    offenders: list[OffenderDescription]
    count: int
    goods: list[GoodsLine]


def theft_narrative(
    rng: random.Random,
    scene: Scene,
    *,
    tactics: list[str],
    vehicle: VehicleSeen | None,
    vehicle_text: str,
    recovered: bool,
    reported: bool,
    extra: str = "",
) -> str:
    fill = _fill(rng, scene)
    action_keys = [t for t in tactics if t in _ACTIONS and (t != "distraction" or scene.count > 1)]
    action = _ACTIONS[rng.choice(action_keys)] if action_keys else _DEFAULT_ACTION
    sentences = [rng.choice(_OPENINGS), action, rng.choice(_EXITS)]
    if vehicle is not None:
        sentences.append(
            f"{{They}} got into a {vehicle.colour} {vehicle.make} {vehicle.model} ({vehicle_text}) "
            f"waiting in the car park and drove off {rng.choice(data.DIRECTIONS)}."
        )
    if extra and len(scene.offenders) > 1:
        sentences.append(extra)
    if recovered:
        sentences.append(rng.choice(_OUTCOMES_RECOVERED))
    sentences.append(rng.choice(_OUTCOMES_REPORTED) if reported else _NOT_REPORTED)
    return " ".join(s.format(**fill) for s in sentences)


_OTHER_TYPES: dict[str, tuple[str, ...]] = {
    "violence-or-threats": (
        "At {time} I saw {who} putting {goods} into a bag at {aisle}. When I spoke to {them} at the door {they_l} became aggressive, squared up to me and threatened to stab me. {Weapon} {They} left towards {road}. Police called on 999.",
        "{Who} was refused a refund at customer services at {time} and pushed {witness} in the chest, shouting threats. {Weapon} Police called on 999 and the area was closed off for ten minutes.",
    ),
    "abuse": (
        "{Who} became abusive at {time} when {witness} refused to sell alcohol without ID, swearing and calling them names in front of customers. {They} left when I asked for the second time.",
        "At {time} {who} shouted abuse at {witness} on the self-checkouts after being asked to rescan an item, then spat on the floor by the tills before leaving towards {road}.",
    ),
    "criminal-damage": (
        "At {time} {who} kicked the self-checkout screen after it refused a card, cracking it. Damage value from the duty manager. {They} left towards {road}.",
        "{Who} threw a basket at the front door glass at {time} after being stopped, leaving a crack across the panel. Damage reported to the facilities team.",
    ),
    "fraud": (
        "At {time} {who} brought {goods} to customer services for a cash refund with no receipt. The barcodes matched stock taken from {aisle} earlier. Refund refused and {they_l} left.",
        "{Who} tried to return {goods} at {time} using a receipt from another store, but the receipt had already been used. Refund refused.",
    ),
    "anti-social-behaviour": (
        "A group of youths came in at {time}, riding bikes through the aisles and throwing stock at each other. They left when asked, towards {road}.",
        "At {time} {who} was drinking in the lobby and shouting at customers. Asked to leave twice; {they_l} left towards {road}.",
    ),
    "robbery": (
        "At {time} {who} came to the kiosk, showed a {weapon} and demanded cash from the till. {witness} handed over the float to stay safe. {They} ran off towards {road}. Police called on 999.",
    ),
    "burglary": (
        "Overnight the rear shutter of the home delivery bay was forced. CCTV shows {who} going in at about {time} and leaving with {goods}. Police called when the morning team found the damage.",
    ),
    "other": (
        "At {time} a customer handed in a pile of security tags found behind {aisle}. Stock check started to find what was taken.",
    ),
}


def other_narrative(rng: random.Random, scene: Scene, incident_type: str, weapon: str) -> str:
    fill = _fill(rng, scene)
    fill["weapon"] = weapon or "knife"
    fill["Weapon"] = f"{fill['They']} showed a {weapon}." if weapon else ""
    text = rng.choice(_OTHER_TYPES[incident_type]).format(**fill)
    return " ".join(text.split())


def _fill(rng: random.Random, scene: Scene) -> dict[str, str]:
    person = who(scene.offenders, scene.count)
    return {
        "time": scene.time,
        "aisle": scene.aisle,
        "who": person,
        "Who": person[0].upper() + person[1:],
        "witness": rng.choice(data.WITNESS_FIRST_NAMES),
        "goods": goods_phrase(scene.goods),
        "road": scene.road,
        **_pronouns(scene.offenders, scene.count),
    }


def _pronouns(offenders: list[OffenderDescription], count: int) -> dict[str, str]:
    sex = offenders[0].sex if count == 1 and offenders else ""
    if sex == "male":
        return {"They": "He", "they_l": "he", "them": "him", "their": "his"}
    if sex == "female":
        return {"They": "She", "they_l": "she", "them": "her", "their": "her"}
    return {"They": "They", "they_l": "they", "them": "them", "their": "their"}


def clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"
