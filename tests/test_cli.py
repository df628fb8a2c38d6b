"""The `tracker` console script, as other programs call it: JSON out, exit 0; bad input exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.commandline import facts_file, invoke, tracker

FACTS: dict[str, Any] = {
    "application_type": "entry",
    "sponsor_category": "gep",
    "relationship": "child",
    "applicant_age": 10,
    "applicant_nationality": "PH",
    "applicant_residence": "overseas",
}


@pytest.mark.slow  # the real console script: a new interpreter per call
def test_checklist_prints_the_contract_document(tmp_path: Path) -> None:
    result = tracker(
        "checklist",
        "--program",
        "hk_dependant",
        "--facts",
        facts_file(tmp_path, FACTS),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["program"] == "hk_dependant"
    assert document["eligible"] is True
    assert [i["code"] for i in document["items"]] == ["A1", "A2", "A4", "B1", "B2", "B3", "B4"]
    assert {"guardian_signature", "fee_payable"} <= {n["code"] for n in document["notes"]}


def test_checklist_in_traditional_chinese(tmp_path: Path) -> None:
    result = invoke(
        "checklist",
        "--program",
        "hk_dependant",
        "--lang",
        "zh-Hant",
        "--facts",
        facts_file(tmp_path, {**FACTS, "applicant_nationality": "AF"}),
        cwd=tmp_path,
    )
    document = json.loads(result.stdout)
    assert document["eligible"] is False
    assert document["items"] == []
    assert "阿富汗" in document["reasons"][0]["message"]


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ({**FACTS, "pets": 2}, "pets"),
        ({**FACTS, "applicant_age": "ten"}, "applicant_age"),
        ({**FACTS, "relationship": "cousin"}, "relationship"),
        ({k: v for k, v in FACTS.items() if k != "applicant_age"}, "applicant_age"),
        ([FACTS], "JSON object"),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_facts_exit_2_with_one_line(tmp_path: Path, content: object, named: str) -> None:
    result = invoke(
        "checklist",
        "--program",
        "hk_dependant",
        "--facts",
        facts_file(tmp_path, content),
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow  # the real console script: a new interpreter per call
def test_unknown_program_and_missing_file_exit_2(tmp_path: Path) -> None:
    unknown = tracker(
        "checklist", "--program", "nope", "--facts", facts_file(tmp_path, FACTS), cwd=tmp_path
    )
    missing = tracker(
        "checklist",
        "--program",
        "hk_dependant",
        "--facts",
        str(tmp_path / "absent.json"),
        cwd=tmp_path,
    )
    assert (unknown.returncode, missing.returncode) == (2, 2)
    assert "nope" in unknown.stderr
    assert "absent.json" in missing.stderr
