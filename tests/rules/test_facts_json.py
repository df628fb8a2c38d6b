"""Facts documents from outside: hostile JSON is one clear FactsError, never a traceback."""

from __future__ import annotations

import json

import pytest

from tracker.rules.facts import FactsError
from tracker.rules.facts_json import read_facts_json


def test_a_key_given_twice_is_refused_not_resolved_last_wins() -> None:
    with pytest.raises(FactsError, match="'relationship' is given twice"):
        read_facts_json(b'{"relationship": "spouse", "relationship": "fiance"}')


def test_a_key_twice_in_a_nested_object_is_refused_too() -> None:
    with pytest.raises(FactsError, match="given twice"):
        read_facts_json(b'{"a": {"b": 1, "b": 2}}')


@pytest.mark.parametrize("number", ["9" * 5000, "-" + "9" * 5000, "1." + "0" * 5000])
def test_a_huge_number_is_refused_before_it_is_converted(number: str) -> None:
    with pytest.raises(FactsError, match="is not a fact"):
        read_facts_json(f'{{"applicant_age": {number}}}'.encode())


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(FactsError, match="nested too deeply"):
        read_facts_json(b"[" * 200_000 + b"]" * 200_000)


def test_a_byte_order_mark_is_accepted() -> None:
    assert read_facts_json("\ufeff".encode() + b'{"a": 1}') == {"a": 1}


def test_not_utf8_and_too_big_and_not_json() -> None:
    with pytest.raises(FactsError, match="not UTF-8"):
        read_facts_json(b'{"a": "\xff"}')
    with pytest.raises(FactsError, match="larger than"):
        read_facts_json(json.dumps({"a": "x" * 2_000_000}).encode())
    with pytest.raises(FactsError, match="not valid JSON"):
        read_facts_json(b"{")
