"""Facts are checked against the program: every bad input names its key."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.rules.facts import FactsError, parse_facts
from tracker.rules.loader import PROGRAMS_DIR, load_program

PROGRAM = load_program(PROGRAMS_DIR / "hk_dependant.toml")
GOOD: dict[str, Any] = {
    "application_type": "entry",
    "sponsor_category": "gep",
    "relationship": "child",
    "applicant_age": 10,
    "applicant_nationality": "ph",
    "applicant_residence": "overseas",
}


def test_defaults_fill_missing_optional_facts() -> None:
    facts = parse_facts(PROGRAM, GOOD)
    assert facts["applicant_dependent"] is True
    assert facts["applicant_married"] is False
    assert facts["sponsor_programme_local_degree"] is True
    assert facts["applicant_nationality"] == "PH"


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ({**GOOD, "colour": "blue"}, "colour"),
        ({**GOOD, "applicant_age": "10"}, "applicant_age"),
        ({**GOOD, "applicant_age": 10.5}, "applicant_age"),
        ({**GOOD, "applicant_age": True}, "applicant_age"),
        ({**GOOD, "applicant_age": -1}, "applicant_age"),
        ({**GOOD, "applicant_married": "no"}, "applicant_married"),
        ({**GOOD, "sponsor_category": "astronaut"}, "sponsor_category"),
        ({**GOOD, "relationship": 3}, "relationship"),
        ({**GOOD, "applicant_nationality": "Philippines"}, "applicant_nationality"),
        ({k: v for k, v in GOOD.items() if k != "sponsor_category"}, "sponsor_category"),
        ({k: v for k, v in GOOD.items() if k != "application_type"}, "application_type"),
    ],
)
def test_bad_facts_name_the_key(raw: dict[str, Any], named: str) -> None:
    with pytest.raises(FactsError, match=named):
        parse_facts(PROGRAM, raw)


@pytest.mark.parametrize("raw", [[], "facts", 3, None])
def test_facts_must_be_an_object(raw: object) -> None:
    with pytest.raises(FactsError, match="JSON object"):
        parse_facts(PROGRAM, raw)


def test_partial_facts_allow_missing_required_keys() -> None:
    facts = parse_facts(PROGRAM, {"applicant_age": 3}, level="applicant", partial=True)
    assert facts["applicant_age"] == 3
    assert "sponsor_category" not in facts


def test_level_rejects_keys_of_the_other_level() -> None:
    with pytest.raises(FactsError, match="sponsor_category"):
        parse_facts(PROGRAM, {"sponsor_category": "gep"}, level="applicant", partial=True)
