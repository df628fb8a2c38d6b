"""us_b1b2: every item condition and note of the spec, alone and in combination."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tracker.rules.countries import country_codes
from tracker.rules.engine import derive_checklist
from tracker.rules.facts import FactsError, parse_facts
from tracker.rules.loader import PROGRAMS_DIR, load_program
from tracker.rules.program import PhotoRule

PROGRAM = load_program(PROGRAMS_DIR / "us_b1b2.toml")

BASE: dict[str, Any] = {
    "purpose": "tourism",
    "employment_status": "employed",
    "applicant_nationality": "HK",
    "applicant_age": 35,
}
ALWAYS_ITEMS = ["U1", "U2", "U3", "U4", "U5", "U6", "U8", "U9", "U12"]
ORDER = [f"U{n}" for n in range(1, 14)]
ALWAYS_NOTES = {"interview_required", "passport_validity", "fee", "officer_decides"}
PURPOSE_ITEM = {"business": "U10", "transit": "U11"}
WORKING = {"employed", "self_employed", "retired"}
STATUSES = ["employed", "self_employed", "student", "retired", "not_employed"]
VWP_SAMPLE = ["GB", "JP", "KR", "SG", "TW", "DE", "FR", "AU", "NZ", "IL", "QA", "CL", "AD"]
NOT_VWP = ["HK", "CN", "MO", "US", "CA", "PH", "IN", "RO", "BG", "MY", "TH"]


def run(lang: str = "en", **changes: Any) -> dict[str, Any]:
    facts = parse_facts(PROGRAM, {**BASE, **changes})
    return derive_checklist(PROGRAM, facts).to_dict(lang)


def items(**changes: Any) -> list[str]:
    return [i["code"] for i in run(**changes)["items"]]


def notes(**changes: Any) -> list[str]:
    return [n["code"] for n in run(**changes)["notes"]]


def item(code: str, **changes: Any) -> dict[str, Any]:
    return next(i for i in run(**changes)["items"] if i["code"] == code)


# ---------------------------------------------------------------- no verdicts, only notes


def test_the_program_gives_no_ineligibility_verdicts() -> None:
    assert PROGRAM.eligibility == ()


@given(
    purpose=st.sampled_from(["tourism", *PURPOSE_ITEM]),
    status=st.sampled_from(STATUSES),
    nationality=st.sampled_from(sorted(country_codes())),
    age=st.integers(min_value=0, max_value=130),
    previous=st.booleans(),
    chinese=st.booleans(),
)
def test_any_valid_facts_give_a_consistent_checklist(
    purpose: str, status: str, nationality: str, age: int, previous: bool, chinese: bool
) -> None:
    assume(age >= 15 or status not in WORKING)
    result = run(
        purpose=purpose,
        employment_status=status,
        applicant_nationality=nationality,
        applicant_age=age,
        has_previous_us_visa=previous,
        chinese_name=chinese,
    )
    codes = [i["code"] for i in result["items"]]
    assert result["eligible"] is True
    assert result["reasons"] == []
    assert set(ALWAYS_ITEMS) <= set(codes)
    assert codes == sorted(codes, key=ORDER.index)
    assert {n["code"] for n in result["notes"]} >= ALWAYS_NOTES
    assert all(i["scope"] == "applicant" for i in result["items"])


# ---------------------------------------------------------------- items alone


def test_base_checklist_in_order() -> None:
    assert items() == ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "U12"]


@pytest.mark.parametrize(("purpose", "code"), PURPOSE_ITEM.items())
def test_each_purpose_brings_exactly_its_own_item(purpose: str, code: str) -> None:
    found = items(purpose=purpose)
    assert code in found
    assert [c for c in PURPOSE_ITEM.values() if c in found] == [code]


@pytest.mark.parametrize("purpose", ["tourism", "business", "transit"])
def test_itinerary_for_every_purpose(purpose: str) -> None:
    """The article lists 行程计划 among every traveller's documents, not only tourists'."""
    assert "U9" in items(purpose=purpose)


@pytest.mark.parametrize(
    ("age", "status"), [(0, "employed"), (3, "self_employed"), (14, "retired")]
)
def test_implausible_facts_are_bad_input(age: int, status: str) -> None:
    with pytest.raises(FactsError, match="too_young_to_work") as caught:
        run(applicant_age=age, employment_status=status)
    assert caught.value.text is not None
    assert "未滿 15 歲" in caught.value.text("zh-Hant")


@pytest.mark.parametrize(("age", "status"), [(0, "not_employed"), (8, "student"), (15, "employed")])
def test_plausible_young_applicants_pass(age: int, status: str) -> None:
    assert run(applicant_age=age, employment_status=status)["eligible"] is True


def test_what_the_program_cannot_judge_is_said() -> None:
    officer = next(n for n in run()["notes"] if n["code"] == "officer_decides")
    assert "cannot judge" in officer["message"]


@pytest.mark.parametrize(("status", "expected"), [(s, s != "not_employed") for s in STATUSES])
def test_u7_unless_not_employed(status: str, expected: bool) -> None:
    assert ("U7" in items(employment_status=status)) is expected


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("employed", ["employer", "payslips"]),
        ("self_employed", ["business registration"]),
        ("student", ["enrolment"]),
        ("retired", ["pension"]),
    ],
)
def test_u7_asks_for_the_proof_that_fits_the_status(status: str, words: list[str]) -> None:
    hints = item("U7", employment_status=status)["hints"]
    assert len(hints) == 1
    assert all(word in hints[0].lower() for word in words)


@pytest.mark.parametrize(("previous", "expected"), [(True, True), (False, False)])
def test_u13_only_with_a_previous_us_visa(previous: bool, expected: bool) -> None:
    assert ("U13" in items(has_previous_us_visa=previous)) is expected


def test_u13_absent_by_default() -> None:
    assert "U13" not in items()


@pytest.mark.parametrize(
    "changes",
    [
        {"applicant_nationality": "GB"},
        {"applicant_age": 3, "employment_status": "not_employed"},
        {"applicant_age": 90},
        {"chinese_name": False},
        {"purpose": "transit", "employment_status": "not_employed"},
    ],
)
def test_items_that_are_always_required(changes: dict[str, Any]) -> None:
    assert set(ALWAYS_ITEMS) <= set(items(**changes))


# ---------------------------------------------------------------- items in combination


def expected_items(purpose: str, status: str, previous: bool) -> list[str]:
    wanted = set(ALWAYS_ITEMS) | ({PURPOSE_ITEM[purpose]} if purpose in PURPOSE_ITEM else set())
    wanted |= {"U7"} if status != "not_employed" else set()
    wanted |= {"U13"} if previous else set()
    return [code for code in ORDER if code in wanted]


@pytest.mark.parametrize(
    ("purpose", "status", "previous"),
    list(itertools.product(["tourism", *PURPOSE_ITEM], STATUSES, [False, True])),
)
def test_every_combination_of_item_conditions(purpose: str, status: str, previous: bool) -> None:
    found = items(purpose=purpose, employment_status=status, has_previous_us_visa=previous)
    assert found == expected_items(purpose, status, previous)


def test_fullest_and_shortest_checklists() -> None:
    assert items(purpose="business", has_previous_us_visa=True) == [
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U7",
        "U8",
        "U9",
        "U10",
        "U12",
        "U13",
    ]
    assert items(purpose="transit", employment_status="not_employed") == [
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U8",
        "U9",
        "U11",
        "U12",
    ]


# ---------------------------------------------------------------- the photo item


def test_u5_photo_rule_carries_every_number_of_the_spec() -> None:
    u5 = PROGRAM.item("U5")
    assert u5 is not None
    assert u5.photo == PhotoRule(
        formats=("jpeg",),
        square=True,
        min_side=600,
        max_side=1200,
        max_bytes=240 * 1024,
        colour=True,
    )
    assert u5.accepts == ("image",)
    assert u5.max_files == 1


def test_u5_upload_limit_leaves_room_for_photo_spec_to_name_the_size() -> None:
    # An oversized photo must reach the photo check (which names 240 KB), not stop at too_large.
    u5 = PROGRAM.item("U5")
    assert u5 is not None
    assert u5.photo is not None
    assert u5.max_bytes > u5.photo.max_bytes


def test_u5_title_states_the_same_numbers_as_the_rule() -> None:
    title = item("U5")["title"]
    for number in ("JPEG", "600 × 600", "1200 × 1200", "240 KB", "6 months"):
        assert number in title


def test_photo_rule_is_in_the_checklist_document() -> None:
    assert item("U5")["photo"] == {
        "formats": ["jpeg"],
        "square": True,
        "min_side": 600,
        "max_side": 1200,
        "max_bytes": 245760,
        "colour": True,
    }
    assert "photo" not in item("U4")


def test_only_the_photo_has_a_photo_rule() -> None:
    assert [i.code for i in PROGRAM.items if i.photo is not None] == ["U5"]


# ---------------------------------------------------------------- notes alone


def test_notes_always_present() -> None:
    assert set(notes(applicant_nationality="CN", chinese_name=False)) == ALWAYS_NOTES


@pytest.mark.parametrize(
    ("changes", "note", "expected"),
    [
        ({"applicant_nationality": "HK"}, "no_visa_waiver", True),
        ({"applicant_nationality": "hk"}, "no_visa_waiver", True),
        ({"applicant_nationality": "CN"}, "no_visa_waiver", False),
        ({"applicant_nationality": "GB"}, "no_visa_waiver", False),
        ({"purpose": "transit"}, "transit_visa", True),
        ({"purpose": "tourism"}, "transit_visa", False),
        ({"purpose": "business"}, "transit_visa", False),
        ({}, "telecode", True),
        ({"chinese_name": True}, "telecode", True),
        ({"chinese_name": False}, "telecode", False),
    ],
)
def test_conditional_notes(changes: dict[str, Any], note: str, expected: bool) -> None:
    assert (note in notes(**changes)) is expected


@pytest.mark.parametrize("nationality", VWP_SAMPLE)
def test_esta_possible_for_visa_waiver_nationals(nationality: str) -> None:
    found = notes(applicant_nationality=nationality)
    assert "esta_possible" in found
    assert "no_visa_waiver" not in found


@pytest.mark.parametrize("nationality", NOT_VWP)
def test_no_esta_for_other_nationals(nationality: str) -> None:
    assert "esta_possible" not in notes(applicant_nationality=nationality)


def test_visa_waiver_list_is_program_data() -> None:
    countries = PROGRAM.lists["vwp_countries"]
    assert len(countries) == len(set(countries))
    assert all(isinstance(c, str) and re.fullmatch(r"[A-Z]{2}", c) for c in countries)
    assert "HK" not in countries
    assert {"GB", "JP", "KR", "SG", "TW"} <= set(countries)


def test_esta_note_warns_that_bno_passports_do_not_count() -> None:
    message = next(
        n["message"]
        for n in run(applicant_nationality="GB")["notes"]
        if n["code"] == "esta_possible"
    )
    assert "British National (Overseas)" in message
    assert "90 days" in message


def test_fee_note_and_u2_name_the_fee_from_program_data() -> None:
    fee = next(n["message"] for n in run()["notes"] if n["code"] == "fee")
    assert "US$185" in fee
    assert "365 days" in fee
    assert "US$185" in item("U2")["title"]
    assert "365 days" in " ".join(item("U2")["hints"])


def test_interview_note_names_the_date() -> None:
    interview = next(n["message"] for n in run()["notes"] if n["code"] == "interview_required")
    assert "2025-09-02" in interview
    assert "children" in interview


# ---------------------------------------------------------------- notes in combination


def expected_notes(nationality: str, purpose: str, chinese: bool) -> set[str]:
    found = set(ALWAYS_NOTES)
    found |= {"no_visa_waiver"} if nationality == "HK" else set()
    found |= {"esta_possible"} if nationality in PROGRAM.lists["vwp_countries"] else set()
    found |= {"transit_visa"} if purpose == "transit" else set()
    found |= {"telecode"} if chinese else set()
    return found


@pytest.mark.parametrize(
    ("nationality", "purpose", "chinese"),
    list(itertools.product(["HK", "GB", "CN"], PURPOSE_ITEM, [True, False])),
)
def test_every_combination_of_note_conditions(
    nationality: str, purpose: str, chinese: bool
) -> None:
    found = notes(applicant_nationality=nationality, purpose=purpose, chinese_name=chinese)
    assert len(found) == len(set(found))
    assert set(found) == expected_notes(nationality, purpose, chinese)


def test_notes_keep_the_spec_order() -> None:
    assert notes(purpose="transit") == [
        "no_visa_waiver",
        "transit_visa",
        "interview_required",
        "passport_validity",
        "telecode",
        "fee",
        "officer_decides",
    ]


# ---------------------------------------------------------------- facts


def test_defaults_fill_the_optional_facts() -> None:
    facts = parse_facts(PROGRAM, BASE)
    assert facts["has_previous_us_visa"] is False
    assert facts["chinese_name"] is True


def test_every_fact_is_an_applicant_fact() -> None:
    assert PROGRAM.facts_at("case") == []


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({**BASE, "sponsor_category": "gep"}, "sponsor_category"),
        ({**BASE, "purpose": "study"}, "purpose"),
        ({**BASE, "purpose": 1}, "purpose"),
        ({**BASE, "employment_status": "unemployed"}, "employment_status"),
        ({**BASE, "applicant_nationality": "Hong Kong"}, "applicant_nationality"),
        ({**BASE, "applicant_nationality": "HKG"}, "applicant_nationality"),
        ({**BASE, "applicant_nationality": 852}, "applicant_nationality"),
        ({**BASE, "applicant_age": "35"}, "applicant_age"),
        ({**BASE, "applicant_age": 131}, "applicant_age"),
        ({**BASE, "applicant_age": -1}, "applicant_age"),
        ({**BASE, "has_previous_us_visa": "yes"}, "has_previous_us_visa"),
        ({**BASE, "chinese_name": 1}, "chinese_name"),
        ({k: v for k, v in BASE.items() if k != "purpose"}, "purpose"),
        ({k: v for k, v in BASE.items() if k != "employment_status"}, "employment_status"),
        ({k: v for k, v in BASE.items() if k != "applicant_nationality"}, "applicant_nationality"),
        ({k: v for k, v in BASE.items() if k != "applicant_age"}, "applicant_age"),
    ],
)
def test_bad_facts_name_the_key(raw: dict[str, Any], named: str) -> None:
    with pytest.raises(FactsError, match=named):
        parse_facts(PROGRAM, raw)


# ---------------------------------------------------------------- sources and languages


def test_every_item_and_note_cites_a_source() -> None:
    assert all(i.source for i in PROGRAM.items)
    assert all(n.source for n in PROGRAM.notes)
    assert [i.code for i in PROGRAM.items] == ORDER


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans"])
def test_no_text_is_left_with_a_placeholder(lang: str) -> None:
    fullest = run(lang, purpose="business", has_previous_us_visa=True, applicant_nationality="GB")
    transit = run(lang, purpose="transit", employment_status="student")
    texts = [i["title"] for i in fullest["items"] + transit["items"]]
    texts += [h for i in fullest["items"] + transit["items"] for h in i["hints"]]
    texts += [n["message"] for n in fullest["notes"] + transit["notes"]]
    assert not any("{" in t or "}" in t for t in texts)


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_chinese_output_is_chinese(lang: str) -> None:
    result = run(lang)
    for entry in result["items"]:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["title"]), entry["code"]
    for note in result["notes"]:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in note["message"]), note["code"]


def test_traditional_and_simplified_differ() -> None:
    hant, hans = run("zh-Hant"), run("zh-Hans")
    assert item("U6")["title"] == "Hong Kong identity card"
    assert hant["items"][5]["title"] == "香港身份證"
    assert hans["items"][5]["title"] == "香港身份证"


# ---- the intended stay: date facts, and the passport valid for the whole stay


STAY = {"intended_arrival": "2026-07-01", "intended_departure": "2026-07-20"}


def test_the_intended_stay_is_two_optional_date_facts_given_together() -> None:
    assert parse_facts(PROGRAM, {**BASE, **STAY})["intended_departure"] == "2026-07-20"
    assert parse_facts(PROGRAM, {**BASE, "intended_arrival": None})["intended_arrival"] is None
    with pytest.raises(FactsError, match="intended_departure"):
        parse_facts(PROGRAM, {**BASE, "intended_arrival": "2026-07-01"})
    with pytest.raises(FactsError, match="must be a date"):
        parse_facts(PROGRAM, {**BASE, **STAY, "intended_arrival": "1 July"})
    with pytest.raises(FactsError, match="departure_before_arrival"):
        parse_facts(PROGRAM, {**BASE, **STAY, "intended_departure": "2026-06-30"})


def test_a_passport_expiring_during_the_stay_is_a_deadline() -> None:
    from datetime import date

    from tracker.rules.dates import PersonDates, case_dates

    def entries(expires: date) -> dict[str, Any]:
        person = PersonDates(1, applicant=True, travel_document_expires_on=expires, facts=STAY)
        found = case_dates(
            PROGRAM, [person], case_facts={}, complete_since=None, today=date(2026, 5, 1)
        )
        return {e.code: e for e in found.people[1]}

    short = entries(date(2026, 7, 10))
    assert [short[c].on.isoformat() for c in ("intended_arrival", "intended_departure")] == [
        "2026-07-01",
        "2026-07-20",
    ]
    passport = short["travel_document_expires"]
    assert (passport.deadline, passport.warning, passport.source) == (
        True,
        True,
        "DOS: Six-Month Club",
    )
    valid = entries(date(2026, 7, 20))["travel_document_expires"]
    assert (valid.deadline, valid.warning) == (False, False)  # valid for the stay is enough
