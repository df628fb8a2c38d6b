"""The MRZ as text: check digits, layouts, OCR repairs that keep a changed digit changed."""

from __future__ import annotations

import pytest

from tests.validation.passports import PEOPLE, Person, expected, tampered
from tracker.validation.icao import check_digit, parse_zone


@pytest.mark.parametrize(
    ("text", "digit"),
    [("L898902C3", "6"), ("740812", "2"), ("120415", "9"), ("ZE184226B<<<<<", "1"), ("", "0")],
)
def test_check_digits_are_icao_9303s(text: str, digit: str) -> None:
    assert check_digit(text) == digit  # the worked examples of ICAO 9303 part 3


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: f"{p.layout}-{p.surname}")
def test_every_layout_parses_into_the_contract_shape(person: Person) -> None:
    reading = parse_zone(person.mrz_lines())
    assert reading is not None
    assert reading.to_dict() == expected(person)


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: f"{p.layout}-{p.surname}")
def test_a_changed_birth_digit_fails_its_check_and_the_composite(person: Person) -> None:
    reading = parse_zone(tampered(person))
    assert reading is not None
    assert not reading.checksums_ok
    assert reading.failed == ("birth_date", "composite")


def test_letters_read_where_digits_must_be_are_put_right_before_checking() -> None:
    first, second = PEOPLE[0].mrz_lines()
    misread = second.replace("9005178", "9OO5I78")  # O for 0, I for 1 in the birth date
    reading = parse_zone([first, misread])
    assert reading is not None
    assert reading.checksums_ok
    assert reading.birth_date == "1990-05-17"


def test_fillers_misread_as_k_and_miscounted_are_restored() -> None:
    first, second = PEOPLE[0].mrz_lines()
    reading = parse_zone(
        [first.replace("CLARA<<<<", "CLARA<<K<") + "<<", second[:30] + second[32:]]
    )
    assert reading is not None
    assert reading.checksums_ok
    assert (reading.surname, reading.given_names) == ("REYES", "MARIA CLARA")


@pytest.mark.parametrize("lines", [[], ["P<PHL"], ["A" * 44] * 4, ["A" * 20, "B" * 20]])
def test_text_that_fits_no_layout_is_no_mrz(lines: list[str]) -> None:
    assert parse_zone(lines) is None
