"""Case management: open, change facts and dates, assign, close, archive, reopen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.casework import SPOUSE, new_case, sponsor_of, staff
from tracker.extensions import db
from tracker.models import AuditEvent, Case, CaseStatus, Role
from tracker.services import case_lifecycle
from tracker.services.cases import NewApplicant
from tracker.services.deadlines import Dates, dates_of, update_dates
from tracker.services.errors import ConflictError, InvalidInputError


def test_open_case_makes_the_consultant_its_handler(app: Flask, program: Any) -> None:
    me = staff()
    new = case_lifecycle.NewCase(
        case_facts={"application_type": "entry", "sponsor_category": "qmas"},
        sponsor_name="Budi",
        applicants=[NewApplicant("Siti", SPOUSE)],
        sponsor_dates=Dates(first_entry_on=date(2020, 5, 1)),
    )
    case = case_lifecycle.open_case(program, new, actor=me)
    assert case.consultant_id == me.id
    assert sponsor_of(case).first_entry_on == date(2020, 5, 1)


def test_bad_facts_open_nothing(app: Flask, program: Any) -> None:
    me = staff()
    new = case_lifecycle.NewCase(
        case_facts={"application_type": "entry", "sponsor_category": "qmas"},
        sponsor_name="Budi",
        applicants=[NewApplicant("Siti", {"relationship": "spouse"})],  # age missing
    )
    with pytest.raises(InvalidInputError, match="applicant_age"):
        case_lifecycle.open_case(program, new, actor=me)
    assert db.session.scalars(select(Case)).all() == []


def test_change_facts_reports_added_and_dropped(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    ann = case.applicants[0]
    changes = case_lifecycle.change_facts(
        case,
        program,
        case_facts=dict(case.facts),
        person_facts={ann.id: {**ann.facts, "applicant_residence": "macau"}},
        actor=me,
    )
    assert changes.added == {"Ann Reyes": ["A5"]}
    changes = case_lifecycle.change_facts(
        case,
        program,
        case_facts={**case.facts, "sponsor_category": "permanent_resident"},
        person_facts={},
        actor=me,
    )
    assert changes.dropped == {"Sam Reyes": ["B2"]}


def test_assign_to_staff_only(app: Flask, program: Any) -> None:
    me, other = staff(), staff("o@example.com")
    applicant = staff("x@example.com", Role.APPLICANT)
    case = new_case(program, me)
    with pytest.raises(InvalidInputError):
        case_lifecycle.assign_consultant(case, applicant.id, actor=me)
    case_lifecycle.assign_consultant(case, other.id, actor=me)
    assert case.consultant_id == other.id
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.assigned")).one()
    assert event.detail == {"previous": me.id, "consultant": other.id}


def test_closing_clears_the_deadline_and_reopening_restores_it(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me, application_type="extension")
    expiry = date.today() + timedelta(days=100)
    update_dates(case, program, {case.applicants[0].id: Dates(stay_expires_on=expiry)}, actor=me)
    assert case.next_deadline == expiry - timedelta(weeks=6)
    case_lifecycle.set_case_status(case, "closed", program=program, actor=me)
    assert (case.status, case.next_deadline) == (CaseStatus.CLOSED, None)  # type: ignore[comparison-overlap]  # the call above changed it
    case_lifecycle.set_case_status(case, "archived", program=program, actor=me)
    with pytest.raises(ConflictError):
        case_lifecycle.set_case_status(case, "archived", program=program, actor=me)
    with pytest.raises(InvalidInputError):
        case_lifecycle.set_case_status(case, "deleted", program=program, actor=me)
    case_lifecycle.set_case_status(case, "open", program=program, actor=me)
    assert case.next_deadline == expiry - timedelta(weeks=6)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id))
    assert {"case.closed", "case.archived", "case.reopened", "case.dates_changed"} <= set(actions)


def test_dates_of_a_case_cite_the_guidebook(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    ann = case.applicants[0]
    update_dates(
        case,
        program,
        {
            ann.id: Dates(
                travel_document_expires_on=date.today() + timedelta(days=30),
                first_entry_on=date(2021, 1, 4),
            )
        },
        actor=me,
    )
    entries = {e.code: e for e in dates_of(case, program).people[ann.id]}
    assert entries["travel_document_expires"].warning
    assert entries["right_of_abode"].on == date(2028, 1, 4)
    assert entries["right_of_abode"].source == "para 19"
    # expiring before the earliest possible decision (6 weeks after completion): a deadline
    assert case.next_deadline == entries["travel_document_expires"].on
    assert not entries["travel_document_renew_by"].deadline
    with pytest.raises(InvalidInputError):
        update_dates(case, program, {10**6: Dates()}, actor=me)
