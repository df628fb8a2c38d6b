"""The condition grammar: a safe subset, never eval'd."""

from __future__ import annotations

import pytest

from tracker.rules.conditions import Condition, ConditionError


@pytest.mark.parametrize(
    ("text", "scope", "expected"),
    [
        ("age < 18", {"age": 17}, True),
        ("age < 18", {"age": 18}, False),
        ('kind == "a" and not flag', {"kind": "a", "flag": False}, True),
        ('kind in ["a", "b"]', {"kind": "c"}, False),
        ('kind not in ["a", "b"]', {"kind": "c"}, True),
        ("cat.group == 'x' or age >= 60", {"cat.group": "y", "age": 60}, True),
        ("1 < age < 5", {"age": 5}, False),
        ("age < limit", {"age": 3, "limit": 4}, True),
    ],
)
def test_evaluates(text: str, scope: dict[str, object], expected: bool) -> None:
    assert Condition(text).evaluate(scope) is expected


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "open('/etc/passwd')",
        "a.b.c == 1",
        "x[0] == 1",
        "lambda: 1",
        "[y for y in z]",
        "a + 1 > 2",
        "age <",
        "[a] == [1]",
    ],
)
def test_rejects_anything_else(text: str) -> None:
    with pytest.raises(ConditionError):
        Condition(text)


def test_references_are_reported() -> None:
    names = {(r.name, r.attribute) for r in Condition("a.b == 1 and c").references}
    assert names == {("a", "b"), ("c", None)}
