"""Dates as the program data computes them: windows, decisions, travel documents, abode."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.rules.dates import CaseDates, PersonDates, add_months, case_dates, next_deadline
from tracker.rules.loader import load_programs

HK = load_programs()["hk_dependant"]
TODAY = date(2026, 1, 15)
EXTENSION = {"application_type": "extension", "sponsor_category": "gep"}
ENTRY = {"application_type": "entry", "sponsor_category": "gep"}


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


def dates(
    people: Sequence[PersonDates],
    case_facts: dict[str, Any] | None = None,
    complete_since: date | None = None,
) -> CaseDates:
    return case_dates(
        HK,
        people,
        case_facts=EXTENSION if case_facts is None else case_facts,
        complete_since=complete_since,
        today=TODAY,
    )


def by_code(found: CaseDates) -> dict[str, Any]:
    return {e.code: e for e in found.entries}


def test_specified_scheme_window_opens_3_months_before_and_closes_6_weeks_before() -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=date(2026, 6, 30))
    found = by_code(dates([person]))
    assert set(found) == {"stay_expires", "extension_window_opens", "extension_latest"}
    assert found["extension_window_opens"].on == date(2026, 3, 30)
    assert found["extension_latest"].on == date(2026, 6, 30) - timedelta(weeks=6)
    assert found["extension_latest"].source == "para 10–11, footnote 5"
    assert found["extension_latest"].deadline
    assert not found["extension_window_opens"].deadline


def test_other_sponsors_window_opens_4_weeks_before_and_closes_before_expiry() -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=date(2026, 6, 30))
    found = by_code(dates([person], {**EXTENSION, "sponsor_category": "trainee"}))
    assert found["extension_window_opens"].on == date(2026, 6, 2)
    assert found["extension_latest"].on == date(2026, 6, 29)
    assert found["extension_latest"].source == "para 10, footnote 5"


def test_entry_case_and_sponsors_get_no_extension_window() -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=date(2026, 6, 30))
    assert set(by_code(dates([person], ENTRY))) == {"stay_expires"}
    sponsor = PersonDates(2, applicant=False, stay_expires_on=date(2026, 6, 30))
    assert set(by_code(dates([sponsor]))) == {"stay_expires"}


def test_expected_decision_of_an_entry_is_about_6_weeks_citing_para_22() -> None:
    found = dates([], ENTRY, complete_since=date(2026, 3, 2))
    (decision,) = found.case
    assert (decision.code, decision.on, decision.source) == (
        "expected_decision",
        date(2026, 4, 13),
        "para 22",
    )
    assert "6 weeks" in decision.title("en")
    assert found.next_deadline is None


def test_expected_decision_of_an_extension_is_not_six_weeks() -> None:
    """Para 22's six weeks is for visa / entry permit applications; para 11 says 2–3 weeks."""
    (decision,) = dates([], complete_since=date(2026, 3, 2)).case
    assert (decision.on, decision.source) == (date(2026, 3, 23), "para 11")
    assert "6 weeks" not in decision.title("en")
    assert "2–3 weeks" in decision.title("en")
    other = {**EXTENSION, "sponsor_category": "permanent_resident"}
    assert dates([], other, complete_since=date(2026, 3, 2)).case == ()


def test_passport_valid_past_the_decision_is_no_warning_and_no_deadline() -> None:
    """Item 2: the 6-month margin is the tracker's advice: labelled, never a deadline."""
    person = PersonDates(1, applicant=True, travel_document_expires_on=date(2026, 6, 1))
    found = dates([person], ENTRY, complete_since=date(2026, 1, 10))
    entries = by_code(found)
    assert not any(e.warning for e in found.entries)
    assert found.next_deadline is None
    advice = entries["travel_document_renew_by"]
    assert advice.advice
    assert advice.source is None
    assert not advice.deadline
    assert advice.on == date(2025, 12, 1)  # overdue advice, still not a deadline
    assert "advice" in advice.title("en").lower()
    assert "建議" in advice.title("zh-Hant")
    assert "建议" in advice.title("zh-Hans")


def test_travel_document_expiring_before_the_decision_is_a_real_deadline() -> None:
    person = PersonDates(1, applicant=True, travel_document_expires_on=date(2026, 2, 1))
    found = dates([person], ENTRY, complete_since=date(2026, 1, 10))
    travel = by_code(found)["travel_document_expires"]
    assert travel.warning
    assert travel.deadline
    assert travel.source is not None
    assert "para 14" in travel.source
    assert found.next_deadline == travel


def test_travel_document_needed_until_the_end_of_the_stay_in_an_extension() -> None:
    person = PersonDates(
        1,
        applicant=True,
        stay_expires_on=date(2026, 12, 31),
        travel_document_expires_on=date(2026, 11, 1),
    )
    assert by_code(dates([person]))["travel_document_expires"].warning
    later = PersonDates(
        1,
        applicant=True,
        stay_expires_on=date(2026, 12, 31),
        travel_document_expires_on=date(2027, 3, 1),
    )
    assert not by_code(dates([later]))["travel_document_expires"].warning


def test_incomplete_case_still_needs_a_document_valid_until_the_earliest_decision() -> None:
    person = PersonDates(1, applicant=True, travel_document_expires_on=TODAY + timedelta(weeks=5))
    found = dates([person], ENTRY)
    assert found.case == ()
    assert by_code(found)["travel_document_expires"].warning
    later = PersonDates(1, applicant=True, travel_document_expires_on=TODAY + timedelta(weeks=7))
    assert not by_code(dates([later], ENTRY))["travel_document_expires"].warning


def test_expired_travel_document_is_overdue() -> None:
    person = PersonDates(1, applicant=True, travel_document_expires_on=date(2026, 1, 1))
    found = dates([person], ENTRY)
    assert found.next_deadline is not None
    assert found.next_deadline.code == "travel_document_expires"
    assert found.next_deadline.days_from(TODAY) < 0


def test_right_of_abode_entry_cites_para_19_and_is_not_a_deadline() -> None:
    person = PersonDates(1, applicant=True, first_entry_on=date(2020, 1, 10))
    (abode,) = dates([person], ENTRY).entries
    assert (abode.on, abode.source, abode.deadline) == (date(2027, 1, 10), "para 19", False)
    assert "7 years" in abode.title("en")
    assert "7" in abode.title("zh-Hant")


def test_next_deadline_is_the_earliest_even_when_overdue() -> None:
    people = [
        PersonDates(1, applicant=True, stay_expires_on=date(2026, 2, 1)),
        PersonDates(2, applicant=True, stay_expires_on=date(2026, 9, 1)),
    ]
    deadline = dates(people).next_deadline
    assert deadline is not None
    assert deadline.on == date(2026, 2, 1) - timedelta(weeks=6)
    assert deadline.days_from(TODAY) < 0


def test_applicant_facts_reach_the_date_rules() -> None:
    """A person's own facts join the case's when the program's conditions are evaluated."""
    person = PersonDates(
        1, applicant=True, stay_expires_on=date(2026, 6, 30), facts={"relationship": "spouse"}
    )
    assert "extension_latest" in by_code(dates([person]))


@given(
    expiry=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    category=st.sampled_from(["gep", "trainee", "permanent_resident", "cies"]),
)
def test_window_always_opens_before_it_closes_and_closes_before_expiry(
    expiry: date, category: str
) -> None:
    person = PersonDates(1, applicant=True, stay_expires_on=expiry)
    found = by_code(dates([person], {**EXTENSION, "sponsor_category": category}))
    assert found["extension_window_opens"].on < found["extension_latest"].on < expiry


def test_no_deadline_without_dates() -> None:
    assert next_deadline([]) is None


def test_each_row_is_a_deadline_a_milestone_or_advice() -> None:
    applicant = PersonDates(
        2,
        applicant=True,
        stay_expires_on=date(2026, 6, 30),
        travel_document_expires_on=date(2030, 1, 1),
        first_entry_on=date(2018, 9, 16),
    )
    kinds = {e.code: e.kind for e in dates([applicant], ENTRY, complete_since=TODAY).entries}
    assert kinds == {
        "expected_decision": "milestone",
        "stay_expires": "deadline",
        "travel_document_expires": "milestone",
        "travel_document_renew_by": "advice",
        "right_of_abode": "milestone",
    }


def test_the_right_of_abode_date_passed_is_a_milestone_reached_not_overdue() -> None:
    applicant = PersonDates(2, applicant=True, first_entry_on=date(2018, 9, 16))
    (abode,) = dates([applicant], ENTRY).people[2]
    assert (abode.code, abode.on, abode.kind) == ("right_of_abode", date(2025, 9, 16), "milestone")
    assert abode.days_from(TODAY) == -121
    assert not abode.overdue(TODAY)
    assert not abode.urgent(TODAY)


@pytest.mark.parametrize(("days", "urgent"), [(20, True), (42, True), (43, False), (-1, False)])
def test_a_sponsors_limit_of_stay_is_highlighted_six_weeks_ahead(days: int, urgent: bool) -> None:
    sponsor = PersonDates(1, applicant=False, stay_expires_on=TODAY + timedelta(days=days))
    (stay,) = dates([sponsor], ENTRY).people[1]
    assert (stay.code, stay.kind) == ("stay_expires", "deadline")
    assert stay.urgent(TODAY) is urgent
    assert stay.overdue(TODAY) is (days < 0)
