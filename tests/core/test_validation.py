from __future__ import annotations

import pytest

from opal_desktop.domain.reference import force_by_id, police_forces
from opal_desktop.domain.validation import (
    check_password_policy,
    normalise_postcode,
    normalise_store_code,
    normalise_username,
    password_strength,
)
from opal_desktop.errors import InvalidInput


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ls1 4ap", "LS1 4AP"),
        ("SW1A1AA", "SW1A 1AA"),
        (" m1  1ae ", "M1 1AE"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("bt1 5gs", "BT1 5GS"),
    ],
)
def test_uk_postcodes_are_tidied(typed: str, stored: str) -> None:
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["", "12345", "LS1", "QQ1 1AA", "LS1 4AP X", "SW1A 1AAA"])
def test_non_postcodes_are_refused_with_an_example(typed: str) -> None:
    with pytest.raises(InvalidInput, match="Type it like LS1 4AP"):
        normalise_postcode(typed)


def test_store_codes_and_usernames() -> None:
    assert normalise_store_code(" lds01 ") == "LDS01"
    with pytest.raises(InvalidInput, match="no spaces"):
        normalise_store_code("LDS 01")
    assert normalise_username(" J.Smith ") == "j.smith"
    with pytest.raises(InvalidInput, match="starting with a letter"):
        normalise_username("1st-user")


def test_password_policy_and_strength() -> None:
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        check_password_policy("short pass")
    check_password_policy("kettle orbit velvet")
    weak, strong = password_strength("password1234"), password_strength("kettle orbit velvet")
    assert weak.score <= 1 < strong.score
    assert strong.label in {"Good", "Strong"}
    assert password_strength("abc").advice == "Use at least 12 characters."


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("password1234", "one of the most common passwords"),
        ("aaaaaaaaaaaa", "repeats the same character"),
        ("abcdefghijkl", "a run like abc"),
        ("qwertyuiop12", "very like a common password"),
        ("trustno1trustno1", "repeats the same letters or words"),
        ("johnsmith1980", "common words, names or numbers"),
    ],
)
def test_long_but_guessable_passwords_are_refused_with_one_sentence_saying_why(
    password: str, why: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_password_policy(password)
    sentence = str(refused.value)
    assert sentence.startswith("This password is too easy to guess because") and why in sentence
    assert sentence.count(". ") == 0 and sentence.endswith(".")  # one sentence
    # The strength bar says the same, in the same words.
    strength = password_strength(password)
    assert not strength.acceptable and strength.score < 3 and strength.advice == sentence


def test_a_password_made_of_the_persons_own_name_is_refused() -> None:
    check_password_policy("alexandra quinn")  # a stranger's name: fine
    with pytest.raises(InvalidInput, match="name or username from this vault"):
        check_password_policy("alexandra quinn", ("a.quinn", "Alexandra Quinn"))


@pytest.mark.parametrize(
    "password",
    ["kettle orbit velvet", "lantern pebble walrus", "harbour violet tundra",
     "copper lantern meadow fox", "demo password long"],
)  # fmt: skip
def test_the_passwords_the_suite_and_the_demo_use_meet_the_rule(password: str) -> None:
    check_password_policy(password)
    assert password_strength(password).acceptable


def test_every_uk_force_is_listed_once() -> None:
    ids = [f.id for f in police_forces()]
    assert len(ids) == len(set(ids)) == 46  # 43 in England and Wales, BTP, PSNI, Police Scotland
    assert force_by_id("btp").name == "British Transport Police"
    assert force_by_id("police-scotland").nation == "Scotland"
    with pytest.raises(InvalidInput, match="not a UK police force id"):
        force_by_id("gotham")
