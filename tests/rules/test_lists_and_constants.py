"""Named lists (e.g. countries) and constants in program data: checked at load, used everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tracker.rules.conditions import Condition, Named, Reference
from tracker.rules.engine import derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.loader import load_program
from tracker.rules.program import ProgramError

PROGRAM = """
[program]
code = "trip"
version = "1"
source = "The trip rulebook"
title = { en = "Trip", zh-Hant = "旅程", zh-Hans = "旅程" }

[constants]
fee = 185
adult_age = 18

[lists]
waiver = ["JP", "GB"]
kinds = ["tourism"]

[facts.nationality]
type = "country"
title = { en = "Nationality", zh-Hant = "國籍", zh-Hans = "国籍" }

[facts.purpose]
type = "enum"
title = { en = "Purpose", zh-Hant = "目的", zh-Hans = "目的" }
[facts.purpose.values.tourism]
title = { en = "Tourism", zh-Hant = "旅遊", zh-Hans = "旅游" }
[facts.purpose.values.business]
title = { en = "Business", zh-Hant = "商務", zh-Hans = "商务" }

[facts.age]
type = "int"
title = { en = "Age", zh-Hant = "年齡", zh-Hans = "年龄" }

[[eligibility]]
code = "child"
when = "age < adult_age"
source = "rule 1"
message.en = "Adults ({adult_age}+) only."
message.zh-Hant = "只限 {adult_age} 歲或以上。"
message.zh-Hans = "只限 {adult_age} 岁或以上。"

[[sections]]
code = "A"
scope = "applicant"
source = "part 1"
title = { en = "Documents", zh-Hant = "文件", zh-Hans = "文件" }

[[items]]
code = "F1"
section = "A"
when = "purpose in kinds and nationality not in waiver"
title = { en = "Fee receipt: US${fee}", zh-Hant = "收據：US${fee}", zh-Hans = "收据：US${fee}" }
hint = { en = "Pay US${fee}.", zh-Hant = "繳付 US${fee}。", zh-Hans = "缴付 US${fee}。" }
[[items.hints]]
when = 'nationality == "JP"'
text = { en = "Fee {fee}.", zh-Hant = "費用 {fee}。", zh-Hans = "费用 {fee}。" }

[[notes]]
code = "esta"
when = "nationality in waiver"
source = "rule 2"
message = { en = "ESTA.", zh-Hant = "ESTA。", zh-Hans = "ESTA。" }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "trip.toml"
    path.write_text(text, encoding="utf-8")
    return path


def checklist(tmp_path: Path, **facts: object) -> dict[str, Any]:
    program = load_program(write(tmp_path, PROGRAM))
    return derive_checklist(program, parse_facts(program, facts)).to_dict("en")


def test_condition_reports_names_it_compares_with() -> None:
    condition = Condition("nationality in waiver and age >= adult_age")
    assert condition.named == [
        Named(Reference("nationality"), "waiver"),
        Named(Reference("age"), "adult_age"),
    ]


def test_membership_in_a_named_list(tmp_path: Path) -> None:
    japanese = checklist(tmp_path, nationality="jp", purpose="tourism", age=30)
    chinese = checklist(tmp_path, nationality="CN", purpose="tourism", age=30)
    assert [n["code"] for n in japanese["notes"]] == ["esta"]
    assert japanese["items"] == []
    assert chinese["notes"] == []
    assert [i["code"] for i in chinese["items"]] == ["F1"]


def test_constants_fill_titles_hints_and_reasons(tmp_path: Path) -> None:
    program = load_program(write(tmp_path, PROGRAM))
    item = program.item("F1")
    assert item is not None
    assert item.title("zh-Hant") == "收據：US$185"
    assert item.hint is not None
    assert item.hint("en") == "Pay US$185."
    assert item.hints[0].text("zh-Hans") == "费用 185。"
    assert program.eligibility[0].message("en") == "Adults (18+) only."


BREAKAGES = [
    ('waiver = ["JP", "GB"]', 'waiver = ["JP", "gb"]', "'gb'"),
    ('waiver = ["JP", "GB"]', 'waiver = ["JP", "GBR"]', "'GBR'"),
    ('waiver = ["JP", "GB"]', 'waiver = "JP"', "lists.waiver"),
    ('waiver = ["JP", "GB"]', "waiver = [{ a = 1 }]", "lists.waiver"),
    ('kinds = ["tourism"]', 'kinds = ["tourism", "study"]', "'study'"),
    ("when = 'nationality == \"JP\"'", "when = 'nationality == \"jp\"'", "'jp'"),
    ("when = 'nationality == \"JP\"'", 'when = \'nationality in ["JP", "Japan"]\'', "Japan"),
    ("Pay US${fee}.", "Pay US${fees}.", "F1"),
    ("Fee {fee}.", "Fee {price}.", "hints"),
    ("Adults ({adult_age}+) only.", "Adults ({adult}+) only.", "eligibility"),
    ("Fee receipt: US${fee}", "Fee receipt: US${cost}", "title"),
]


@pytest.mark.parametrize(("old", "new", "named"), BREAKAGES)
def test_values_that_can_never_match_are_load_errors(
    tmp_path: Path, old: str, new: str, named: str
) -> None:
    assert old in PROGRAM
    path = write(tmp_path, PROGRAM.replace(old, new, 1))
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    assert str(path) in str(caught.value)
    assert named in str(caught.value)
