"""hk_dependant: every rule, item and note of the spec (§2–§4), alone and in combination."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.examples import BASE
from tracker.rules.engine import derive_checklist
from tracker.rules.facts import FactsError, parse_facts
from tracker.rules.loader import PROGRAMS_DIR, load_program

PROGRAM = load_program(PROGRAMS_DIR / "hk_dependant.toml")


def run(**changes: Any) -> dict[str, Any]:
    facts = parse_facts(PROGRAM, {**BASE, **changes})
    return derive_checklist(PROGRAM, facts).to_dict("en")


def reasons(**changes: Any) -> list[str]:
    return [r["code"] for r in run(**changes)["reasons"]]


def items(**changes: Any) -> list[str]:
    return [i["code"] for i in run(**changes)["items"]]


def notes(**changes: Any) -> list[str]:
    return [n["code"] for n in run(**changes)["notes"]]


# ---------------------------------------------------------------- §2 eligibility

ELIGIBLE_BASES = [
    {},
    {"relationship": "civil_partner"},
    {"relationship": "child", "applicant_age": 17},
    {"relationship": "parent", "applicant_age": 60, "sponsor_category": "permanent_resident"},
    {"relationship": "parent", "applicant_age": 75, "sponsor_category": "unconditional_stay"},
    {"applicant_residence": "mainland", "applicant_nationality": "CN"},
    {"sponsor_category": "student"},
    {
        "applicant_residence": "macau",
        "macau_former_mainland_resident": True,
        "macau_id_years": 7,
    },
    {
        "applicant_residence": "macau",
        "macau_former_mainland_resident": True,
        "macau_id_years": 2,
        "macau_via_one_way_permit": True,
    },
    {"applicant_residence": "macau", "macau_former_mainland_resident": False},
]


@pytest.mark.parametrize("changes", ELIGIBLE_BASES)
def test_eligible_families(changes: dict[str, Any]) -> None:
    result = run(**changes)
    assert result["eligible"] is True
    assert result["reasons"] == []
    assert result["items"]


REASONS = [
    ({"applicant_nationality": "AF"}, "excluded_nationality", "para 2(c)"),
    ({"applicant_nationality": "kp"}, "excluded_nationality", "para 2(c)"),
    (
        {
            "applicant_residence": "mainland",
            "applicant_nationality": "CN",
            "sponsor_category": "permanent_resident",
        },
        "mainland_sponsor_not_covered",
        "para 2(a)",
    ),
    (
        {
            "applicant_residence": "mainland",
            "applicant_nationality": "CN",
            "sponsor_category": "unconditional_stay",
        },
        "mainland_sponsor_not_covered",
        "para 2(a)",
    ),
    (
        {
            "applicant_residence": "macau",
            "macau_former_mainland_resident": True,
            "macau_id_years": 6,
        },
        "macau_under_seven_years",
        "para 2(b)",
    ),
    ({"relationship": "de_facto_spouse"}, "relationship_not_recognised", "footnote 3"),
    ({"relationship": "cohabitant"}, "relationship_not_recognised", "footnote 3"),
    ({"relationship": "fiance"}, "relationship_not_recognised", "footnote 3"),
    ({"relationship": "parent", "applicant_age": 65}, "parent_needs_resident_sponsor", None),
    (
        {"relationship": "parent", "applicant_age": 59, "sponsor_category": "permanent_resident"},
        "parent_under_60",
        "para 4(c)",
    ),
    ({"relationship": "child", "applicant_age": 18}, "child_not_eligible", None),
    (
        {"relationship": "child", "applicant_age": 16, "applicant_married": True},
        "child_not_eligible",
        None,
    ),
    (
        {"relationship": "child", "applicant_age": 16, "applicant_dependent": False},
        "child_not_eligible",
        None,
    ),
    (
        {"sponsor_category": "student", "sponsor_programme_local_degree": False},
        "student_programme_not_covered",
        None,
    ),
]


@pytest.mark.parametrize(("changes", "code", "source"), REASONS)
def test_each_reason_alone(changes: dict[str, Any], code: str, source: str | None) -> None:
    result = run(**changes)
    assert result["eligible"] is False
    assert [r["code"] for r in result["reasons"]] == [code]
    assert result["items"] == []
    reason = result["reasons"][0]
    assert reason["message"]
    assert reason["source"]
    if source:
        assert reason["source"] == source


@pytest.mark.parametrize(
    "category", ["gep", "asmtp", "iang", "vpas", "techtas", "entrepreneur", "trainee", "student"]
)
def test_parent_needs_a_resident_sponsor_for_every_other_category(category: str) -> None:
    assert reasons(relationship="parent", applicant_age=70, sponsor_category=category) == [
        "parent_needs_resident_sponsor"
    ]


def test_several_reasons_at_once() -> None:
    found = reasons(
        applicant_nationality="AF",
        relationship="parent",
        applicant_age=40,
        sponsor_category="student",
        sponsor_programme_local_degree=False,
    )
    assert set(found) == {
        "excluded_nationality",
        "parent_needs_resident_sponsor",
        "parent_under_60",
        "student_programme_not_covered",
    }


def test_child_reasons_combine_with_residence_reasons() -> None:
    found = reasons(
        relationship="child",
        applicant_age=19,
        applicant_residence="mainland",
        sponsor_category="permanent_resident",
        applicant_nationality="KP",
    )
    assert set(found) == {"excluded_nationality", "child_not_eligible"}


def test_student_programme_flag_only_matters_for_students() -> None:
    assert reasons(sponsor_programme_local_degree=False) == []


def test_mainland_applicant_of_employment_sponsor_is_eligible() -> None:
    assert reasons(applicant_residence="mainland", sponsor_category="qmas") == []


# ---------------------------------------------------------------- §3 checklist


def test_entry_checklist_in_order_for_base_case() -> None:
    assert items() == ["A1", "A2", "A4", "B1", "B2", "B3", "B4"]


def test_permanent_resident_sponsor_needs_no_b2() -> None:
    assert items(sponsor_category="permanent_resident") == ["A1", "A2", "A4", "B1", "B3", "B4"]


@pytest.mark.parametrize("category", ["unconditional_stay", "student", "trainee", "cies", "qmas"])
def test_b2_for_every_sponsor_who_is_not_a_permanent_resident(category: str) -> None:
    assert "B2" in items(sponsor_category=category)


def test_a3_when_applicant_has_hkid() -> None:
    assert items(applicant_has_hkid=True) == ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"]


def test_a5_for_macau_and_a6_for_taiwan() -> None:
    assert "A5" in items(applicant_residence="macau")
    assert "A6" not in items(applicant_residence="macau")
    assert "A6" in items(applicant_residence="taiwan")
    assert "A5" not in items(applicant_residence="taiwan")


def test_a7_for_prc_passport_holder_overseas_only() -> None:
    assert "A7" in items(applicant_nationality="CN")
    assert "A7" not in items(applicant_nationality="CN", applicant_residence="mainland")
    assert "A7" not in items(applicant_nationality="PH")


def test_every_optional_entry_item_together_keeps_order() -> None:
    assert items(applicant_has_hkid=True, applicant_residence="macau") == [
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "B1",
        "B2",
        "B3",
        "B4",
    ]


def test_extension_checklist_for_ordinary_sponsor() -> None:
    assert items(application_type="extension") == ["C2", "C3", "C4"]


def test_extension_checklist_for_cies_spouse_and_child() -> None:
    assert items(application_type="extension", sponsor_category="cies") == [
        "C1",
        "C2",
        "C3",
        "C4",
        "C5",
        "C6",
    ]
    assert items(
        application_type="extension", sponsor_category="cies", relationship="civil_partner"
    ) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert items(
        application_type="extension",
        sponsor_category="cies",
        relationship="child",
        applicant_age=12,
    ) == ["C1", "C2", "C3", "C4", "C5"]


def test_items_carry_scope_source_and_accepted_kinds() -> None:
    by_code = {i["code"]: i for i in run()["items"]}
    assert by_code["A1"]["accepts"] == ["image"]
    assert by_code["A2"]["accepts"] == ["pdf", "image"]
    assert by_code["A1"]["scope"] == "applicant"
    assert by_code["B3"]["scope"] == "sponsor"
    assert all(i["source"].startswith("VII(") for i in by_code.values())


@pytest.mark.parametrize(
    ("relationship", "age", "sponsor", "word"),
    [
        ("spouse", 30, "gep", "marriage certificate"),
        ("civil_partner", 30, "gep", "civil partnership"),
        ("child", 8, "gep", "birth certificate"),
        ("parent", 70, "permanent_resident", "sponsor's birth certificate"),
    ],
)
def test_a4_examples_follow_the_relationship(
    relationship: str, age: int, sponsor: str, word: str
) -> None:
    result = run(relationship=relationship, applicant_age=age, sponsor_category=sponsor)
    a4 = next(i for i in result["items"] if i["code"] == "A4")
    assert word in " ".join(a4["hints"]).lower()


def test_a2_hints_for_applicant_in_hong_kong_and_mainland_without_travel_document() -> None:
    def a2(**changes: Any) -> str:
        item = next(i for i in run(**changes)["items"] if i["code"] == "A2")
        return " ".join(item["hints"]).lower()

    assert "arrival" in a2(applicant_in_hong_kong=True)
    assert "arrival" not in a2()
    assert "identity card" in a2(
        applicant_residence="mainland",
        applicant_nationality="CN",
        applicant_has_travel_document=False,
    )
    assert "identity card" not in a2(applicant_residence="mainland", applicant_nationality="CN")


# ---------------------------------------------------------------- §4 notes

ALWAYS = {"stay_pattern", "right_of_abode"}


def test_notes_always_present() -> None:
    assert set(notes(sponsor_category="permanent_resident")) >= ALWAYS


@pytest.mark.parametrize(
    ("changes", "note", "expected"),
    [
        ({"relationship": "child", "applicant_age": 15}, "guardian_signature", True),
        ({"relationship": "child", "applicant_age": 16}, "guardian_signature", False),
        ({"sponsor_category": "student"}, "work_needs_permission", True),
        ({"sponsor_category": "trainee"}, "work_needs_permission", False),
        (
            {"applicant_residence": "mainland", "applicant_nationality": "CN"},
            "exit_entry_permit",
            True,
        ),
        ({"applicant_residence": "macau"}, "exit_entry_permit", False),
        ({"application_type": "extension"}, "extension_window", True),
        ({}, "extension_window", False),
        ({"sponsor_category": "gep"}, "fee_payable", True),
        ({"sponsor_category": "new_cies"}, "fee_payable", True),
        ({"sponsor_category": "trainee"}, "fee_payable", False),
        ({"sponsor_category": "student"}, "fee_payable", False),
        ({"sponsor_category": "permanent_resident"}, "fee_payable", False),
    ],
)
def test_conditional_notes(changes: dict[str, Any], note: str, expected: bool) -> None:
    assert (note in notes(**changes)) is expected


SPECIFIED = {
    "gep",
    "asmtp",
    "iang",
    "vpas",
    "techtas",
    "entrepreneur",
    "cies",
    "qmas",
    "assg",
    "ttps",
    "new_cies",
}


def test_specified_schemes_are_the_departments_ten() -> None:
    values = PROGRAM.facts["sponsor_category"].values
    assert {code for code, attrs in values.items() if attrs["specified"]} == SPECIFIED


def test_fee_note_names_the_fees_from_program_data() -> None:
    fee = next(n for n in run()["notes"] if n["code"] == "fee_payable")
    assert "600" in fee["message"]
    assert "1,300" in fee["message"]


def message_of(code: str, **changes: Any) -> str:
    return str(next(n["message"] for n in run(**changes)["notes"] if n["code"] == code))


def test_extension_window_differs_for_specified_schemes() -> None:
    specified = message_of("extension_window", application_type="extension")
    other = message_of("extension_window", application_type="extension", sponsor_category="trainee")
    assert "3 months" in specified
    assert "4 weeks" in other
    assert specified != other


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"sponsor_category": "permanent_resident"}, "3 + 3"),
        (
            {
                "sponsor_category": "permanent_resident",
                "relationship": "parent",
                "applicant_age": 70,
            },
            "2 + 2 + 3",
        ),
        ({"sponsor_category": "gep"}, "sponsor's"),
        ({"sponsor_category": "student"}, "12 months"),
    ],
)
def test_stay_pattern_fits_sponsor_and_relationship(changes: dict[str, Any], fragment: str) -> None:
    found = [n for n in run(**changes)["notes"] if n["code"] == "stay_pattern"]
    assert len(found) == 1
    assert fragment in found[0]["message"]


def test_not_eligible_gets_what_to_do_instead_not_the_eligible_path() -> None:
    """Item 6: an Afghan national is not told the fee, the right of abode or the stay pattern."""
    result = run(applicant_nationality="AF")
    assert result["items"] == []
    assert [n["code"] for n in result["notes"]] == ["false_statements", "not_this_arrangement"]
    instead = result["notes"][-1]["message"]
    assert "2824 6111" in instead
    assert "enquiry@immd.gov.hk" in instead


# ---------------------------------------------------------------- languages


def test_chinese_output_is_chinese() -> None:
    facts = parse_facts(PROGRAM, BASE)
    hant = derive_checklist(PROGRAM, facts).to_dict("zh-Hant")
    hans = derive_checklist(PROGRAM, facts).to_dict("zh-Hans")
    assert hant["items"][0]["title"] != hans["items"][0]["title"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in hant["items"][0]["title"])


# ---------------------------------------------------------------- issue 14, second reading


@pytest.mark.parametrize(
    ("nationality", "sponsor"), [("US", "permanent_resident"), ("PH", "unconditional_stay")]
)
def test_foreign_national_living_in_the_mainland_is_not_excluded(
    nationality: str, sponsor: str
) -> None:
    """Para 2(a) excludes 內地的中國居民, Chinese residents of the Mainland, not everyone there."""
    result = run(
        applicant_residence="mainland",
        applicant_nationality=nationality,
        sponsor_category=sponsor,
        applicant_has_travel_document=False,
    )
    assert result["eligible"] is True
    assert "exit_entry_permit" not in [n["code"] for n in result["notes"]]
    a2 = next(i for i in result["items"] if i["code"] == "A2")
    assert "identity card" not in " ".join(a2["hints"]).lower()


def test_exit_entry_permit_is_for_approved_entrants_not_extensions() -> None:
    """Para 9: 獲批准來港的內地中國居民 — an entry, not an extension of stay."""
    mainland = {"applicant_residence": "mainland", "applicant_nationality": "CN"}
    assert "exit_entry_permit" in notes(**mainland)
    assert "exit_entry_permit" not in notes(application_type="extension", **mainland)


def test_six_weeks_is_for_entry_applications_only() -> None:
    """Para 22's six weeks is for visa / entry permit applications; para 11 gives 2–3 weeks."""
    extension = run(application_type="extension")
    messages = " ".join(n["message"] for n in extension["notes"])
    assert "processing_time" not in [n["code"] for n in extension["notes"]]
    assert "6 weeks" not in messages.replace("at least 6 weeks", "")
    assert "2–3 weeks" in messages
    assert "processing_time" in notes()


def test_extension_notes_keep_para_10_and_11_warnings() -> None:
    for category in ("gep", "trainee", "permanent_resident"):
        result = run(application_type="extension", sponsor_category=category)
        by_code = {n["code"]: n["message"] for n in result["notes"]}
        assert (
            "must leave Hong Kong before the limit of stay expires"
            in by_code["leave_before_expiry"]
        )
        assert "Director of Immigration" in by_code["leave_before_expiry"]
        assert "serious criminal offence" in by_code["leave_before_expiry"]
        assert "genuinely living in Hong Kong" in by_code["extension_conditions"]
        assert "still eligible" in by_code["extension_conditions"]
    assert "leave_before_expiry" not in notes()


def test_macau_years_are_asked_never_defaulted() -> None:
    """Para 2(b): a former Mainland resident in Macau without the years is asked, not refused."""
    with pytest.raises(FactsError, match="macau_id_years"):
        run(applicant_residence="macau", macau_former_mainland_resident=True)
    assert reasons(applicant_residence="macau") == []
    assert reasons(
        applicant_residence="macau", macau_former_mainland_resident=True, macau_id_years=3
    ) == ["macau_under_seven_years"]


@pytest.mark.parametrize(
    ("changes", "note", "source"),
    [
        ({}, "apply_with_sponsor", "para 7"),
        ({}, "general_requirements", "para 14"),
        ({}, "study_allowed", "para 17"),
        ({}, "no_reentry_visa", "para 18"),
        ({}, "false_statements", "para 24"),
        ({}, "more_documents", "VII, important note 1"),
        ({"sponsor_category": "permanent_resident"}, "work_allowed", "para 15"),
    ],
)
def test_missing_guidance_is_given(changes: dict[str, Any], note: str, source: str) -> None:
    found = {n["code"]: n["source"] for n in run(**changes)["notes"]}
    assert found[note] == source


def test_apply_with_sponsor_is_not_for_resident_sponsors_nor_extensions() -> None:
    assert "apply_with_sponsor" not in notes(sponsor_category="permanent_resident")
    assert "apply_with_sponsor" not in notes(application_type="extension")
