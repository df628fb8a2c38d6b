"""Rule changes on stored cases: the preview names exactly the affected open cases; applying
re-derives them and never loses an upload."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.casework import variant
from tests.us_changes import TRAVELLER, U14
from tracker.extensions import db
from tracker.models import AuditEvent, Case, CaseStatus, Document, ItemStatus, Requirement
from tracker.rules.program import Program
from tracker.services.cases import NewApplicant, create_case
from tracker.services.errors import InvalidInputError
from tracker.services.program_changes import apply_change, preview_change

TOURIST: dict[str, Any] = {**TRAVELLER, "purpose": "tourism"}


@pytest.fixture
def us(app: Flask) -> Program:
    programs: dict[str, Program] = app.extensions["programs"]
    return programs["us_b1b2"]


def open_case(
    program: Program, name: str, facts: dict[str, Any], status: CaseStatus = CaseStatus.OPEN
) -> Case:
    case = create_case(
        program, case_facts={}, sponsor_name="", applicants=[NewApplicant(name, facts)]
    )
    case.status = status
    db.session.commit()
    return case


def upload(case: Case, code: str) -> Document:
    requirement = next(r for r in case.requirements if r.code == code)
    document = Document(
        requirement=requirement,
        case=case,
        storage_key=secrets.token_hex(8),
        original_name=f"{code}.pdf",
        mime="application/pdf",
        kind="pdf",
        size=10,
        sha256=secrets.token_hex(32),
    )
    db.session.add(document)
    db.session.commit()
    return document


def required(case: Case) -> list[str]:
    db.session.refresh(case)
    return sorted(r.code for r in case.requirements if r.status is not ItemStatus.NOT_REQUIRED)


def documents() -> dict[int, int]:
    """Every stored document, by id, with the requirement it is attached to."""
    return {d.id: d.requirement_id for d in db.session.scalars(select(Document))}


def test_preview_lists_exactly_the_affected_open_cases(
    us: Program, program: Program, tmp_path: Path
) -> None:
    ann = open_case(us, "Ann", TRAVELLER)
    open_case(us, "Ben", TOURIST)
    open_case(us, "Cat", TRAVELLER, CaseStatus.CLOSED)
    open_case(us, "Dan", TRAVELLER, CaseStatus.ARCHIVED)
    before = required(ann)

    change = preview_change(us, variant(us, tmp_path, ("\n[[notes]]\n", U14)))

    assert (change.program, change.old_version, change.new_version) == (
        "us_b1b2",
        us.version,
        "next",
    )
    assert change.open_cases == 2
    assert [c.reference for c in change.cases] == [ann.reference]
    people = change.cases[0].people
    assert [(p.name, p.role, p.added, p.dropped) for p in people] == [
        ("Ann", "applicant", ("U14",), ())
    ]
    assert change.cases[0].derived_from == us.version
    assert not change.applied
    assert required(ann) == before
    assert ann.program_version == us.version


def test_apply_rederives_and_keeps_every_upload(us: Program, tmp_path: Path) -> None:
    ann = open_case(us, "Ann", TRAVELLER)
    ben = open_case(us, "Ben", TOURIST)
    cat = open_case(us, "Cat", TRAVELLER, CaseStatus.CLOSED)
    for case, code in [(ann, "U1"), (ann, "U5"), (ben, "U9"), (cat, "U10")]:
        upload(case, code)
    stored = documents()

    change = apply_change(us, variant(us, tmp_path, ("\n[[notes]]\n", U14)))

    assert change.applied
    assert change.rederived == 2
    assert [c.reference for c in change.cases] == [ann.reference]
    assert "U14" in required(ann)
    assert "U14" not in required(ben) + required(cat)
    assert (ann.program_version, ben.program_version, cat.program_version) == (
        "next",
        "next",
        us.version,
    )
    assert documents() == stored
    u14 = db.session.scalars(select(Requirement).where(Requirement.code == "U14")).one()
    assert u14.status is ItemStatus.MISSING
    event = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "case.program_changed", AuditEvent.case_id == ann.id
        )
    ).one()
    assert event.detail["added"] == {"Ann": ["U14"]}
    assert event.detail["new_version"] == "next"


def test_a_dropped_item_turns_not_required_and_keeps_its_documents(
    us: Program, tmp_path: Path
) -> None:
    briton = open_case(us, "Eve", {**TOURIST, "applicant_nationality": "GB"})
    local = open_case(us, "Fay", TOURIST)
    hkid = upload(briton, "U6")
    stored = documents()
    new = variant(
        us,
        tmp_path,
        (
            'code = "U6"\nsection = "B"\n',
            'code = "U6"\nsection = "B"\nwhen = \'applicant_nationality == "HK"\'\n',
        ),
    )

    preview = preview_change(us, new)
    assert [(c.reference, c.people[0].dropped) for c in preview.cases] == [
        (briton.reference, ("U6",))
    ]

    apply_change(us, new)
    assert "U6" not in required(briton)
    assert "U6" in required(local)
    assert documents() == stored
    db.session.refresh(hkid)
    assert hkid.requirement.status is ItemStatus.NOT_REQUIRED


def test_sponsor_items_are_reported_once_for_a_family(program: Program, tmp_path: Path) -> None:
    spouse = {
        "relationship": "spouse",
        "applicant_age": 34,
        "applicant_nationality": "PH",
        "applicant_residence": "overseas",
    }
    child = {**spouse, "relationship": "child", "applicant_age": 9}
    family = create_case(
        program,
        case_facts={"application_type": "entry", "sponsor_category": "gep"},
        sponsor_name="Sam",
        applicants=[NewApplicant("Ann", spouse), NewApplicant("Bo", child)],
    )
    new = variant(
        program,
        tmp_path,
        (
            '[[items]]\ncode = "B4"',
            '[[items]]\ncode = "B5"\nsection = "B"\nwhen = \'relationship == "child"\'\n'
            'title = { en = "Custody", zh-Hant = "監護", zh-Hans = "监护" }\n\n'
            '[[items]]\ncode = "B4"',
        ),
    )

    change = apply_change(program, new)

    [case] = change.cases
    assert [(p.name, p.role, p.added) for p in case.people] == [("Sam", "sponsor", ("B5",))]
    b5 = [r for r in family.requirements if r.code == "B5"]
    assert [r.person.name for r in b5] == ["Sam"]


def test_facts_that_no_longer_fit_are_reported_and_left_alone(us: Program, tmp_path: Path) -> None:
    ann = open_case(us, "Ann", TRAVELLER)
    new = variant(
        us,
        tmp_path,
        (
            "[facts.has_previous_us_visa]",
            '[facts.stay_days]\nlevel = "applicant"\ntype = "int"\n'
            'title = { en = "Days", zh-Hant = "日數", zh-Hans = "日数" }\n\n'
            "[facts.has_previous_us_visa]",
        ),
    )

    change = apply_change(us, new)

    assert [c.reference for c in change.problems] == [ann.reference]
    assert "stay_days" in str(change.problems[0].problem)
    assert change.rederived == 0
    db.session.refresh(ann)
    assert ann.program_version == us.version


def test_two_different_programs_are_refused(us: Program, program: Program) -> None:
    with pytest.raises(InvalidInputError, match="different programs"):
        preview_change(program, us)


def test_the_json_document_names_cases_people_and_codes(us: Program, tmp_path: Path) -> None:
    ann = open_case(us, "Ann", TRAVELLER)
    document = preview_change(us, variant(us, tmp_path, ("\n[[notes]]\n", U14))).to_dict()
    assert document["program"] == "us_b1b2"
    assert document["applied"] is False
    [case] = document["cases"]
    assert case["reference"] == ann.reference
    assert case["problem"] is None
    assert case["people"][0]["added"] == ["U14"]
    assert case["people"][0]["dropped"] == []
