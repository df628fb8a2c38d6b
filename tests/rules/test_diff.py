"""Rule changes, pure: what a new version of a program adds to or drops from a checklist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.us_changes import TRAVELLER, U14
from tracker.rules.diff import CaseDiff, ItemDiff, diff_case, diff_codes, diff_program
from tracker.rules.loader import PROGRAMS_DIR, load_program
from tracker.rules.program import Program

US = load_program(PROGRAMS_DIR / "us_b1b2.toml")
HK = load_program(PROGRAMS_DIR / "hk_dependant.toml")

SPOUSE: dict[str, Any] = {
    "relationship": "spouse",
    "applicant_age": 34,
    "applicant_nationality": "PH",
    "applicant_residence": "overseas",
}
CHILD: dict[str, Any] = {**SPOUSE, "relationship": "child", "applicant_age": 10}
GEP: dict[str, Any] = {"application_type": "entry", "sponsor_category": "gep"}
SPONSOR = 0


def variant(program: Program, tmp_path: Path, *changes: tuple[str, str]) -> Program:
    """A copy of an installed program with text replaced and the version bumped."""
    text = Path(program.path).read_text(encoding="utf-8")
    for old, new in [(f'version = "{program.version}"', 'version = "next"'), *changes]:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{program.code}.toml"
    path.write_text(text, encoding="utf-8")
    return load_program(path)


def test_diff_codes_keeps_each_side_in_order() -> None:
    assert diff_codes(["A1", "A2", "A4"], ["A1", "A3", "A4", "A5"]) == ItemDiff(
        added=("A3", "A5"), dropped=("A2",)
    )
    assert diff_codes(["A1"], ["A1"]).empty


def test_same_program_changes_nothing() -> None:
    assert all(d.empty for d in diff_program(US, US, TRAVELLER).values())


def test_new_item_for_one_condition_is_added_only_where_it_holds(tmp_path: Path) -> None:
    new = variant(US, tmp_path, ("\n[[notes]]\n", U14))
    assert diff_program(US, new, TRAVELLER)["applicant"] == ItemDiff(added=("U14",))
    assert diff_program(US, new, {**TRAVELLER, "purpose": "tourism"})["applicant"].empty


def test_a_condition_made_stricter_drops_the_item(tmp_path: Path) -> None:
    new = variant(
        US,
        tmp_path,
        (
            "when = 'employment_status != \"not_employed\"'",
            "when = 'employment_status == \"employed\"'",
        ),
    )
    assert diff_program(US, new, TRAVELLER)["applicant"].empty
    retired = {**TRAVELLER, "employment_status": "retired"}
    assert diff_program(US, new, retired)["applicant"] == ItemDiff(dropped=("U7",))


def test_a_condition_removed_adds_the_item_for_everyone_who_lacked_it(tmp_path: Path) -> None:
    new = variant(US, tmp_path, ('when = "has_previous_us_visa"\n', ""))
    assert diff_program(US, new, TRAVELLER)["applicant"] == ItemDiff(added=("U13",))
    previous = {**TRAVELLER, "has_previous_us_visa": True}
    assert diff_program(US, new, previous)["applicant"].empty


def test_a_case_reports_each_person_and_sponsor_items_once(tmp_path: Path) -> None:
    new = variant(
        HK,
        tmp_path,
        (
            '[[items]]\ncode = "B4"',
            '[[items]]\ncode = "B5"\nsection = "B"\nwhen = \'relationship == "child"\'\n'
            'title = { en = "Custody", zh-Hant = "監護", zh-Hans = "监护" }\n\n'
            '[[items]]\ncode = "B4"',
        ),
    )
    result = diff_case(
        HK, new, case_facts=GEP, applicants={1: SPOUSE, 2: CHILD, 3: CHILD}, sponsor=SPONSOR
    )
    assert result == CaseDiff({SPONSOR: ItemDiff(added=("B5",))})


def test_a_sponsor_item_stays_while_any_applicant_still_needs_it(tmp_path: Path) -> None:
    new = variant(
        HK,
        tmp_path,
        (
            "when = 'sponsor_category != \"permanent_resident\"'",
            'when = \'sponsor_category != "permanent_resident" and relationship == "child"\'',
        ),
    )
    both = diff_case(HK, new, case_facts=GEP, applicants={1: SPOUSE, 2: CHILD}, sponsor=SPONSOR)
    spouse = diff_case(HK, new, case_facts=GEP, applicants={1: SPOUSE}, sponsor=SPONSOR)
    assert both.empty
    assert spouse.people == {SPONSOR: ItemDiff(dropped=("B2",))}


def test_a_new_eligibility_rule_drops_every_item(tmp_path: Path) -> None:
    new = variant(
        HK,
        tmp_path,
        (
            'when = \'applicant_nationality in ["AF", "KP"]\'',
            'when = \'applicant_nationality in ["AF", "KP", "PH"]\'',
        ),
    )
    result = diff_case(HK, new, case_facts=GEP, applicants={1: SPOUSE}, sponsor=SPONSOR)
    assert result.people[1] == ItemDiff(dropped=("A1", "A2", "A4"))
    assert result.people[SPONSOR] == ItemDiff(dropped=("B1", "B2", "B3", "B4"))


@pytest.mark.parametrize("which", ["old", "new"])
def test_facts_that_do_not_fit_a_version_are_a_problem_not_a_crash(
    tmp_path: Path, which: str
) -> None:
    stricter = variant(
        US,
        tmp_path,
        (
            "[facts.has_previous_us_visa]",
            '[facts.stay_days]\nlevel = "applicant"\ntype = "int"\n'
            'title = { en = "Days", zh-Hant = "日數", zh-Hans = "日数" }\n\n'
            "[facts.has_previous_us_visa]",
        ),
    )
    old, new = (stricter, US) if which == "old" else (US, stricter)
    result = diff_case(old, new, case_facts={}, applicants={1: TRAVELLER}, sponsor=SPONSOR)
    assert not result.empty
    assert result.people == {}
    assert result.problem is not None
    assert "stay_days" in result.problem
    assert "next" in result.problem
