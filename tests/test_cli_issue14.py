"""`tracker checklist` as other programs call it, for each item of issue 14 (second reading)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.commandline import invoke, tracker
from tests.rules.examples import BASE

HK = BASE
US: dict[str, Any] = {
    "purpose": "business",
    "employment_status": "employed",
    "applicant_nationality": "HK",
    "applicant_age": 40,
}


def checklist(tmp_path: Path, content: str | bytes, program: str = "hk_dependant") -> Any:
    path = tmp_path / "facts.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return invoke("checklist", "--program", program, "--facts", str(path), cwd=tmp_path)


def document(tmp_path: Path, facts: dict[str, Any], program: str = "hk_dependant") -> Any:
    result = checklist(tmp_path, json.dumps(facts), program)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def codes(entries: list[dict[str, Any]]) -> list[str]:
    return [e["code"] for e in entries]


def one_line_exit_2(result: Any, *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_items_1_to_7_through_the_cli(tmp_path: Path) -> None:
    us_in_mainland = {
        **HK,
        "sponsor_category": "permanent_resident",
        "applicant_residence": "mainland",
        "applicant_nationality": "US",
    }
    found = document(tmp_path, us_in_mainland)  # 1: para 2(a), para 9
    assert found["eligible"] is True
    assert "exit_entry_permit" not in codes(found["notes"])
    extension = document(tmp_path, {**HK, "application_type": "extension"})  # 3, 4
    assert "processing_time" not in codes(extension["notes"])
    assert {"leave_before_expiry", "extension_conditions"} <= set(codes(extension["notes"]))
    macau = {**HK, "applicant_residence": "macau", "macau_former_mainland_resident": True}
    one_line_exit_2(checklist(tmp_path, json.dumps(macau)), "macau_id_years")  # 5
    afghan = document(tmp_path, {**HK, "applicant_nationality": "AF"})  # 6
    assert codes(afghan["notes"]) == ["false_statements", "not_this_arrangement"]
    guidance = set(codes(document(tmp_path, HK)["notes"]))  # 7
    assert {"apply_with_sponsor", "general_requirements", "study_allowed"} <= guidance
    assert {"no_reentry_visa", "false_statements", "more_documents"} <= guidance


def test_item_8_us_itinerary_for_every_purpose_and_implausible_facts(tmp_path: Path) -> None:
    found = document(tmp_path, US, "us_b1b2")
    assert "U9" in codes(found["items"])
    assert "officer_decides" in codes(found["notes"])
    infant = {**US, "applicant_age": 0}
    one_line_exit_2(checklist(tmp_path, json.dumps(infant), "us_b1b2"), "too_young_to_work")


def test_a_key_given_twice_exits_2(tmp_path: Path) -> None:
    text = json.dumps(HK)[:-1] + ', "relationship": "fiance"}'
    one_line_exit_2(checklist(tmp_path, text), "'relationship' is given twice")


def test_a_5000_digit_integer_exits_2(tmp_path: Path) -> None:
    text = json.dumps(HK).replace('"applicant_age": 34', '"applicant_age": ' + "9" * 5000)
    one_line_exit_2(checklist(tmp_path, text), "5000 digits")


def test_200000_levels_of_nesting_exit_2(tmp_path: Path) -> None:
    one_line_exit_2(checklist(tmp_path, "[" * 200_000 + "]" * 200_000), "nested too deeply")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    result = checklist(tmp_path, "\ufeff".encode() + json.dumps(HK).encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["eligible"] is True


@pytest.mark.parametrize("nationality", ["XX", "EU", "ZZ", "UK"])
def test_a_code_that_is_no_country_exits_2(tmp_path: Path, nationality: str) -> None:
    text = json.dumps({**HK, "applicant_nationality": nationality})
    one_line_exit_2(checklist(tmp_path, text), nationality, "ISO 3166-1")


@pytest.mark.slow  # usage errors are main()'s: the real console script
@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["checklist", "--facts", "f.json"], "--program"),
        (["checklist", "--program", "hk_dependant", "--facts", "f.json", "--lang", "fr"], "fr"),
        (["checklist", "--program"], "--program"),
        (["no-such-command"], "no-such-command"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], word: str) -> None:
    one_line_exit_2(tracker(*args, cwd=tmp_path), word)


def test_help_still_exits_0(tmp_path: Path) -> None:
    result = invoke("checklist", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--facts" in result.stdout
