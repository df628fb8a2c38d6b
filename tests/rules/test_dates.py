"""Dates from the guidebook (§4 of the spec): windows, decisions, travel documents, abode."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.rules.dates import (
    PersonDates,
    add_months,
    case_dates,
    expected_decision,
    extension_window,
    next_deadline,
    right_of_abode_from,
    travel_document_too_soon,
)
from tracker.rules.program import load_programs

CONSTANTS = load_programs()["hk_dependant"].constants
TODAY = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 5, 31), -3, date(2026, 2, 28)),
        (date(2024, 5, 31), -3, date(2024, 2, 29)),
        (date(2026, 1, 15), -3, date(2025, 10, 15)),
        (date(2019, 2, 28), 84, date(2026, 2, 28)),
        (date(2020, 2, 29), 84, date(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_specified_scheme_window_opens_3_months_before_and_closes_6_weeks_before() -> None:
    opens, latest = extension_window(date(2026, 6, 30), specified=True, constants=CONSTANTS) or ()
    assert opens == date(2026, 3, 30)
    assert latest == date(2026, 6, 30) - timedelta(weeks=6)


def test_other_sponsors_window_opens_4_weeks_before_and_closes_before_expiry() -> None:
    opens, latest = extension_window(date(2026, 6, 30), specified=False, constants=CONSTANTS) or ()
    assert opens == date(2026, 6, 2)
    assert latest == date(2026, 6, 29)


def test_window_follows_the_program_constants_not_hard_coded_numbers() -> None:
    constants = {**CONSTANTS, "extension_window_specified_months": 1}
    opens, _ = extension_window(date(2026, 6, 30), specified=True, constants=constants) or ()
    assert opens == date(2026, 5, 30)


def test_a_program_without_the_constants_has_no_window() -> None:
    assert extension_window(date(2026, 6, 30), specified=True, constants={}) is None
    assert expected_decision(TODAY, constants={}) is None
    assert right_of_abode_from(TODAY, constants={}) is None


def test_decision_expected_about_6_weeks_after_the_case_is_complete() -> None:
    assert expected_decision(date(2026, 3, 2), constants=CONSTANTS) == date(2026, 4, 13)


def test_right_of_abode_after_7_years_from_first_entry() -> None:
    assert right_of_abode_from(date(2019, 9, 1), constants=CONSTANTS) == date(2026, 9, 1)


@pytest.mark.parametrize(
    ("expires", "too_soon"),
    [
        (date(2025, 12, 31), True),  # already expired
        (date(2026, 7, 14), True),  # 6 months less a day
        (date(2026, 7, 15), False),  # exactly 6 months
        (date(2030, 1, 1), False),
    ],
)
def test_travel_document_must_stay_valid_6_months(expires: date, too_soon: bool) -> None:
    assert travel_document_too_soon(expires, needed_from=TODAY, constants=CONSTANTS) is too_soon


def entries_of(person: PersonDates, **options: object) -> dict[str, date]:
    settings: dict[str, object] = {
        "extension": True,
        "specified": True,
        "complete_since": None,
        "today": TODAY,
        "constants": CONSTANTS,
        **options,
    }
    found = case_dates([person], **settings)  # type: ignore[arg-type]
    return {e.code: e.on for e in found.entries}


def test_extension_case_gets_the_window_and_the_stay_expiry_with_sources() -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=date(2026, 6, 30))
    found = case_dates(
        [person],
        extension=True,
        specified=True,
        complete_since=None,
        today=TODAY,
        constants=CONSTANTS,
    )
    by_code = {e.code: e for e in found.entries}
    assert set(by_code) == {"stay_expires", "extension_window_opens", "extension_latest"}
    assert by_code["extension_latest"].source == "para 10–11, footnote 5"
    assert by_code["extension_latest"].deadline
    assert not by_code["extension_window_opens"].deadline
    assert found.next_deadline == by_code["extension_latest"]


def test_entry_case_and_sponsors_get_no_extension_window() -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=date(2026, 6, 30))
    assert set(entries_of(person, extension=False)) == {"stay_expires"}
    sponsor = PersonDates(2, applicant=False, stay_expires_on=date(2026, 6, 30))
    assert set(entries_of(sponsor)) == {"stay_expires"}


def test_non_specified_window_cites_para_10() -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=date(2026, 6, 30))
    found = case_dates(
        [person],
        extension=True,
        specified=False,
        complete_since=None,
        today=TODAY,
        constants=CONSTANTS,
    )
    latest = next(e for e in found.entries if e.code == "extension_latest")
    assert latest.source == "para 10, footnote 5"
    assert latest.on == date(2026, 6, 29)


def test_expected_decision_is_a_case_date_citing_para_22() -> None:
    found = case_dates(
        [],
        extension=False,
        specified=True,
        complete_since=date(2026, 3, 2),
        today=TODAY,
        constants=CONSTANTS,
    )
    (decision,) = found.case
    assert (decision.code, decision.on, decision.source) == (
        "expected_decision",
        date(2026, 4, 13),
        "para 22",
    )
    assert "6 weeks" in decision.title("en")
    assert found.next_deadline is None


def test_travel_document_needed_beyond_the_current_stay_in_an_extension() -> None:
    person = PersonDates(
        1,
        applicant=True,
        stay_expires_on=date(2026, 12, 31),
        travel_document_expires_on=date(2027, 3, 1),
    )
    found = case_dates(
        [person],
        extension=True,
        specified=True,
        complete_since=None,
        today=TODAY,
        constants=CONSTANTS,
    )
    travel = next(e for e in found.entries if e.code == "travel_document_expires")
    assert travel.warning  # valid for only 2 months after the stay it should cover
    assert travel.source == "VII(A) A2, VII(C) C2"
    renew = next(e for e in found.entries if e.code == "travel_document_renew_by")
    assert renew.on == date(2026, 9, 1)
    assert renew.deadline


def test_travel_document_valid_long_enough_is_no_warning() -> None:
    person = PersonDates(1, applicant=True, travel_document_expires_on=date(2031, 1, 1))
    found = case_dates(
        [person],
        extension=False,
        specified=True,
        complete_since=None,
        today=TODAY,
        constants=CONSTANTS,
    )
    assert not any(e.warning for e in found.entries)


def test_travel_document_too_soon_for_the_expected_decision() -> None:
    person = PersonDates(1, applicant=True, travel_document_expires_on=date(2026, 9, 1))
    found = case_dates(
        [person],
        extension=False,
        specified=True,
        complete_since=date(2026, 3, 1),
        today=TODAY,
        constants=CONSTANTS,
    )
    assert any(e.warning for e in found.entries)


def test_right_of_abode_entry_cites_para_19_and_is_not_a_deadline() -> None:
    person = PersonDates(1, applicant=True, first_entry_on=date(2020, 1, 10))
    found = case_dates(
        [person],
        extension=False,
        specified=False,
        complete_since=None,
        today=TODAY,
        constants=CONSTANTS,
    )
    (abode,) = found.entries
    assert (abode.on, abode.source, abode.deadline) == (date(2027, 1, 10), "para 19", False)
    assert "7 years" in abode.title("en")
    assert "7" in abode.title("zh-Hant")


def test_next_deadline_is_the_earliest_even_when_overdue() -> None:
    people = [
        PersonDates(1, applicant=True, stay_expires_on=date(2026, 2, 1)),
        PersonDates(2, applicant=True, stay_expires_on=date(2026, 9, 1)),
    ]
    found = case_dates(
        people,
        extension=True,
        specified=True,
        complete_since=None,
        today=TODAY,
        constants=CONSTANTS,
    )
    deadline = found.next_deadline
    assert deadline is not None
    assert deadline.on == date(2026, 2, 1) - timedelta(weeks=6)
    assert deadline.days_from(TODAY) < 0


@given(
    expiry=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    specified=st.booleans(),
)
def test_window_always_opens_before_it_closes_and_closes_before_expiry(
    expiry: date, specified: bool
) -> None:
    window = extension_window(expiry, specified=specified, constants=CONSTANTS)
    assert window is not None
    opens, latest = window
    assert opens < latest < expiry


def test_no_deadline_without_dates() -> None:
    assert next_deadline([]) is None
