"""Programs without a sponsor: no sponsor person is stored, offered or invited (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import stamp, upgrade
from sqlalchemy import select

from tests.casework import add_document, new_case, pdf_bytes, staff
from tracker.extensions import db
from tracker.models import Case, Person, PersonRole, Requirement
from tracker.services.cases import NewApplicant, create_case
from tracker.services.errors import InvalidInputError
from tracker.services.invitations import invite

VISITOR: dict[str, Any] = {
    "purpose": "tourism",
    "employment_status": "employed",
    "applicant_nationality": "HK",
    "applicant_age": 40,
}
REVISION, BEFORE = "5e1f0a7c2b93", "3b9e2c71d0a4"


def us_case(app: Flask) -> Case:
    program = app.extensions["programs"]["us_b1b2"]
    return create_case(
        program, case_facts={}, sponsor_name="", applicants=[NewApplicant("Ho Ka Yan", VISITOR)]
    )


def test_a_us_case_has_no_sponsor_person(app: Flask) -> None:
    case = us_case(app)
    assert case.sponsor is None
    assert [p.role for p in case.people] == [PersonRole.APPLICANT]


def test_nobody_is_invited_as_the_sponsor_of_a_us_case(app: Flask) -> None:
    case = us_case(app)
    with pytest.raises(InvalidInputError, match="no sponsor"):
        invite(case, email="x@example.com", role=PersonRole.SPONSOR, person_id=None, actor=staff())


def test_the_us_case_page_offers_no_sponsor(app: Flask, consultant_client: FlaskClient) -> None:
    case = us_case(app)
    html = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert 'value="sponsor:' not in html
    assert "Sponsor" not in html
    assert "sponsor" not in html.lower().replace("data-role", "")


def _placeholder(case: Case) -> Person:
    """A sponsor as the old code stored it for every case."""
    person = Person(case=case, role=PersonRole.SPONSOR, name="Sponsor", position=0)
    db.session.add(person)
    db.session.commit()
    return person


def test_migration_removes_empty_placeholder_sponsors_only(app: Flask, program: Any) -> None:
    empty, holding = us_case(app), us_case(app)
    _placeholder(empty)
    kept = _placeholder(holding)
    extra = Requirement(case=holding, person=kept, code="X1", section="C", ad_hoc=True)
    db.session.add(extra)
    db.session.commit()
    add_document(app, extra, pdf_bytes())
    ids = (empty.id, holding.id, new_case(program, staff()).id)
    db.session.remove()
    stamp(revision=BEFORE)  # run this data-only revision again, on today's schema
    upgrade(revision=REVISION)
    stamp(revision="heads")
    roles = {case.id: [p.role for p in case.people] for case in db.session.scalars(select(Case))}
    assert [roles[i] for i in ids] == [
        [PersonRole.APPLICANT],
        [PersonRole.SPONSOR, PersonRole.APPLICANT],  # the placeholder holds a document
        [PersonRole.SPONSOR, PersonRole.APPLICANT],  # a real sponsor
    ]
