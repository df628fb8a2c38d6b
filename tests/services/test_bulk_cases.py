"""Cases inserted in bulk are the cases `create_case` makes, row for row."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.casework import CHILD, SPOUSE, staff
from tracker.cli import cli
from tracker.extensions import db
from tracker.models import AuditEvent, Case, Person, Requirement
from tracker.services import bulk_cases
from tracker.services.bulk_cases import NewCase, insert_cases
from tracker.services.cases import NewApplicant, create_case
from tracker.services.deadlines import Dates
from tracker.services.demo import random_case

VISITOR: dict[str, Any] = {
    "purpose": "tourism",
    "employment_status": "employed",
    "applicant_nationality": "HK",
    "applicant_age": 40,
}
SOON = Dates(stay_expires_on=date.today() + timedelta(days=40))


def varied_cases() -> list[NewCase]:
    rng = random.Random(3)
    cases = [random_case(rng, n) for n in range(40)]
    return [
        *cases,
        NewCase(  # dates (a deadline), a lower-case country, an ineligible grown-up "child"
            {"application_type": "extension", "sponsor_category": "gep"},
            "  ",
            [
                NewApplicant("Ann", {**SPOUSE, "applicant_nationality": "ph"}, SOON),
                NewApplicant("Bo", {**CHILD, "applicant_age": 19}),
            ],
            sponsor_dates=Dates(travel_document_expires_on=date.today() + timedelta(days=90)),
        ),
    ]


def snapshot(case: Case) -> dict[str, Any]:
    """Everything stored about a new case except ids, its random reference and times."""
    skip = {"id", "case_id", "reference", "created_at", "last_activity_at", "updated_at"}

    def columns(row: Any) -> dict[str, Any]:
        return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}

    people = db.session.scalars(select(Person).where(Person.case_id == case.id)).all()
    position = {p.id: p.position for p in people}
    requirements = db.session.scalars(select(Requirement).where(Requirement.case_id == case.id))
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id))
    return {
        "case": columns(case),
        "people": sorted((columns(p) for p in people), key=lambda p: p["position"]),
        "requirements": sorted(
            ({**columns(r), "person_id": position[r.person_id]} for r in requirements),
            key=lambda r: (r["person_id"], r["code"]),
        ),
        "audit": [(e.action, e.user_id, e.detail) for e in events],
    }


def made_both_ways(program: Any, planned: list[NewCase]) -> list[tuple[Case, Case]]:
    """Each planned case made by create_case, then all of them by insert_cases, paired."""
    consultant = staff()
    one_by_one = [
        create_case(
            program,
            case_facts=p.facts,
            sponsor_name=p.sponsor_name,
            applicants=p.applicants,
            consultant=consultant,
            sponsor_dates=p.sponsor_dates,
        )
        for p in planned
    ]
    assert insert_cases(program, planned, consultant_id=consultant.id) == len(planned)
    bulk = db.session.scalars(
        select(Case).where(Case.id > one_by_one[-1].id).order_by(Case.id)
    ).all()
    return list(zip(one_by_one, bulk, strict=True))


def test_a_bulk_case_equals_the_case_create_case_makes(app: Flask, program: Any) -> None:
    pairs = made_both_ways(program, varied_cases())
    for made, inserted in pairs:
        assert snapshot(inserted) == snapshot(made)
    last = pairs[-1][0]
    assert last.next_deadline is not None  # the comparison covered a deadline
    assert not last.people[2].eligible  # … and an ineligible applicant


def test_a_bulk_case_of_a_program_without_sponsor_has_none(app: Flask) -> None:
    program = app.extensions["programs"]["us_b1b2"]
    passport = Dates(travel_document_expires_on=date.today() + timedelta(days=100))
    family = [NewApplicant("Ho Ka Yan", VISITOR, passport), NewApplicant("Ho Siu", VISITOR)]
    [(made, inserted)] = made_both_ways(program, [NewCase({}, "", family)])
    assert snapshot(inserted) == snapshot(made)
    assert [p.role.value for p in inserted.people] == ["applicant", "applicant"]


FACTS = {"application_type": "entry", "sponsor_category": "gep"}


def test_references_taken_or_drawn_twice_are_drawn_again(
    app: Flask, program: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = [NewApplicant("A", SPOUSE)]
    taken = create_case(program, case_facts=FACTS, sponsor_name="S", applicants=family).reference
    draws = iter([taken, "HD-1", "HD-1", taken, "HD-2", "HD-3"])
    monkeypatch.setattr(bulk_cases, "new_reference", lambda _program: next(draws))
    insert_cases(program, [NewCase(FACTS, "S", family)] * 3)
    references = sorted(db.session.scalars(select(Case.reference)))
    assert references == sorted([taken, "HD-1", "HD-2", "HD-3"])


def test_seed_demo_builds_many_cases_in_bulk(app: Flask) -> None:
    result = app.test_cli_runner().invoke(cli, ["seed-demo", "--cases", "120"])
    assert "built 120 more cases" in result.output, result.output
    references = db.session.scalars(select(Case.reference)).all()
    assert len(references) == len(set(references)) == 122
