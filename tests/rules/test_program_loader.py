"""Program files are schema-checked: a broken one names the file and the entry."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tracker.rules.engine import derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.loader import PROGRAMS_DIR, load_program, load_programs
from tracker.rules.program import ProgramError

SOURCE = (PROGRAMS_DIR / "hk_dependant.toml").read_text(encoding="utf-8")

TINY = """
[program]
code = "tiny"
version = "1"
source = "The tiny rulebook"
title = { en = "Tiny", zh-Hant = "小", zh-Hans = "小" }

[facts.age]
level = "applicant"
type = "int"
min = 0
max = 130
title = { en = "Age", zh-Hant = "年齡", zh-Hans = "年龄" }

[[eligibility]]
code = "too_young"
when = "age < 18"
source = "rule 1"
message = { en = "Adults only.", zh-Hant = "只限成人。", zh-Hans = "只限成人。" }

[[sections]]
code = "A"
scope = "applicant"
source = "part 1"
title = { en = "Documents", zh-Hant = "文件", zh-Hans = "文件" }

[[items]]
code = "P1"
section = "A"
source = "rule 2"
title = { en = "Passport", zh-Hant = "護照", zh-Hans = "护照" }

[[notes]]
code = "always"
source = "rule 3"
message = { en = "Hello.", zh-Hant = "你好。", zh-Hans = "你好。" }
"""


def write(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_programs_load() -> None:
    programs = load_programs()
    assert "hk_dependant" in programs


def test_a_second_program_needs_no_code(tmp_path: Path) -> None:
    program = load_program(write(tmp_path, TINY, "tiny.toml"))
    adult = derive_checklist(program, parse_facts(program, {"age": 30})).to_dict("zh-Hant")
    child = derive_checklist(program, parse_facts(program, {"age": 3})).to_dict("en")
    assert [i["code"] for i in adult["items"]] == ["P1"]
    assert adult["items"][0]["title"] == "護照"
    assert [r["code"] for r in child["reasons"]] == ["too_young"]


BREAKAGES = [
    ('when = "age < 18"', 'when = "age <"', "eligibility"),
    ('when = "age < 18"', "when = \"__import__('os')\"", "eligibility"),
    ('when = "age < 18"', 'when = "height < 18"', "height"),
    ('section = "A"', 'section = "Z"', "P1"),
    (
        'title = { en = "Passport", zh-Hant = "護照", zh-Hans = "护照" }',
        'title = { en = "Passport", zh-Hant = "護照" }',
        "zh-Hans",
    ),
    ('code = "P1"', 'code = "P1"\nfrobnicate = 1', "frobnicate"),
    ('type = "int"', 'type = "float"', "age"),
]


@pytest.mark.parametrize(("old", "new", "named"), BREAKAGES)
def test_broken_program_is_a_clear_error(tmp_path: Path, old: str, new: str, named: str) -> None:
    path = write(tmp_path, TINY.replace(old, new, 1))
    with pytest.raises(ProgramError) as caught:
        load_program(path)
    message = str(caught.value)
    assert str(path) in message
    assert named in message


def test_not_toml_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "[program\ncode=")
    with pytest.raises(ProgramError, match="not valid TOML"):
        load_program(path)


def test_unknown_enum_literal_in_real_program_is_caught(tmp_path: Path) -> None:
    broken = SOURCE.replace('relationship == "parent"', 'relationship == "parnet"', 1)
    assert broken != SOURCE
    with pytest.raises(ProgramError, match="parnet"):
        load_program(write(tmp_path, broken))


def test_duplicate_item_code_is_caught(tmp_path: Path) -> None:
    data: dict[str, Any] = tomllib.loads(SOURCE)
    codes = [i["code"] for i in data["items"]]
    broken = SOURCE.replace(f'code = "{codes[1]}"', f'code = "{codes[0]}"', 1)
    with pytest.raises(ProgramError, match=codes[0]):
        load_program(write(tmp_path, broken))


def test_duplicate_program_code_in_a_directory(tmp_path: Path) -> None:
    write(tmp_path, TINY, "a.toml")
    write(tmp_path, TINY, "b.toml")
    with pytest.raises(ProgramError, match="defined twice"):
        load_programs(tmp_path)


@pytest.mark.parametrize(
    ("program", "codes"), [("hk_dependant", {"A2", "B2", "C2"}), ("us_b1b2", {"U4"})]
)
def test_program_data_names_the_travel_document_items(program: str, codes: set[str]) -> None:
    items = load_programs()[program].items
    assert {i.code for i in items if i.travel_document} == codes


def test_travel_document_flag_must_be_a_bool(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('code = "P1"', 'code = "P1"\ntravel_document = "yes"'))
    with pytest.raises(ProgramError, match=r"P1\).travel_document"):
        load_program(path)
    assert load_program(write(tmp_path, TINY, "tiny.toml")).items[0].travel_document is False


DATE = """
[date_inputs]
first_entry_on = { en = "Arrived", zh-Hant = "抵達", zh-Hans = "抵达" }

[[dates]]
code = "d1"
from = "first_entry_on"
source = "rule 4"
title = { en = "D", zh-Hant = "日", zh-Hans = "日" }
"""


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ('from = "first_entry_on"', 'from = "birthday"', "d1).from"),
        ('from = "first_entry_on"', 'from = "stay_expires_on"', "'stay_expires_on', which is not"),
        ("first_entry_on = {", "landed_on = {", "date_inputs.landed_on"),
        ('source = "rule 4"', 'advice = true\nsource = "rule 4"', "`advice = true`"),
        ('source = "rule 4"', "advice = true\ndeadline = true", "never makes a deadline"),
        ('source = "rule 4"', 'source = "rule 4"\nmust_outlast = ["d9"]', "'d9'"),
        ('source = "rule 4"', 'source = "rule 4"\noffset = { weeks = "nope" }', "offset.weeks"),
        ('source = "rule 4"', 'source = "rule 4"\noffset = { fortnights = 1 }', "fortnights"),
    ],
)
def test_date_rules_are_schema_checked(tmp_path: Path, old: str, new: str, named: str) -> None:
    with pytest.raises(ProgramError, match=re.escape(named)):
        load_program(write(tmp_path, TINY + DATE.replace(old, new)))


def test_note_audience_and_conditional_facts_are_schema_checked(tmp_path: Path) -> None:
    bad_audience = TINY.replace('code = "always"', 'code = "always"\napplies_to = "nobody"')
    with pytest.raises(ProgramError, match="applies_to"):
        load_program(write(tmp_path, bad_audience))
    bad_condition = TINY.replace("max = 130\n", 'max = 130\nrequired_when = "nope"\n')
    with pytest.raises(ProgramError, match="unknown name 'nope'"):
        load_program(write(tmp_path, bad_condition))
    bad_sponsor = TINY.replace('version = "1"', 'version = "1"\nsponsor = "yes"')
    with pytest.raises(ProgramError, match="program.sponsor"):
        load_program(write(tmp_path, bad_sponsor))
