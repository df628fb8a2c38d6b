"""A third, invented program needs no code change, and nothing of Hong Kong reaches it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.rules.atlantis import ATLANTIS, HONG_KONG
from tracker.rules.dates import PersonDates, case_dates
from tracker.rules.engine import derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.loader import load_programs
from tracker.rules.program import ProgramError


def test_an_invented_program_runs_on_the_same_engine(tmp_path: Path) -> None:
    (tmp_path / "atlantis.toml").write_text(ATLANTIS, encoding="utf-8")
    program = load_programs(tmp_path)["atlantis_work"]
    assert program.has_sponsor is False
    assert [t("en") for t in program.date_inputs.values()] == ["Diving licence expires on"]
    said = []
    for lang in ("en", "zh-Hant", "zh-Hans"):
        document = derive_checklist(program, parse_facts(program, {"job": "diver"})).to_dict(lang)
        assert [i["code"] for i in document["items"]] == ["W1"]
        assert document["guide"]["url"].startswith("https://example.org/")
        said.append(json.dumps(document, ensure_ascii=False))
    person = PersonDates(1, applicant=True, travel_document_expires_on=date(2026, 1, 5))
    found = case_dates(
        program, [person], case_facts={}, complete_since=date(2026, 1, 1), today=date(2026, 1, 1)
    )
    assert found.next_deadline is not None
    assert found.next_deadline.code == "licence_expires"  # before the review: a real deadline
    said += [f"{e.code} {e.source} {e.title('en')} {e.title('zh-Hant')}" for e in found.entries]
    assert not [word for word in HONG_KONG for text in said if word in text]


def test_a_program_without_a_sponsor_cannot_ask_a_sponsor_for_documents(tmp_path: Path) -> None:
    sponsor_section = '\n[[sections]]\ncode = "S"\nscope = "sponsor"\nsource = "ch. 4"\n'
    sponsor_section += 'title = { en = "Sponsor", zh-Hant = "保證人", zh-Hans = "保证人" }\n'
    (tmp_path / "atlantis.toml").write_text(ATLANTIS + sponsor_section, encoding="utf-8")
    with pytest.raises(ProgramError, match="sponsor scope in a program without a sponsor"):
        load_programs(tmp_path)
