"""Case management pages: the generated new-case form, facts, dates, assignment, status, links."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tests.casework import case_by_reference, forget_current_user, staff
from tracker.extensions import db
from tracker.models import AuditEvent, Case, CaseStatus, Invitation

NEW_CASE = {
    "program": "hk_dependant",
    "applicants": "2",
    "case-application_type": "extension",
    "case-sponsor_category": "gep",
    "sponsor-name": "Daniel Chan",
    "a0-name": "Maria Chan",
    "a0-relationship": "spouse",
    "a0-applicant_age": "34",
    "a0-applicant_nationality": "ph",
    "a0-applicant_residence": "hong_kong",
    "a0-applicant_in_hong_kong": "yes",
    "a0-stay_expires_on": "2031-06-30",
    "a1-name": "",
}


def test_new_case_form_is_generated_from_the_fact_specs(
    consultant_client: FlaskClient, program: Any
) -> None:
    html = consultant_client.get("/consultant/cases/new?applicants=2").get_data(as_text=True)
    for spec in program.facts_at("case"):
        assert f'name="case-{spec.key}"' in html
    for n in (0, 1):
        for spec in program.facts_at("applicant"):
            assert f'name="a{n}-{spec.key}"' in html
        assert f'name="a{n}-stay_expires_on"' in html
    assert "Quality Migrant Admission Scheme" in html
    chinese = consultant_client.get(
        "/consultant/cases/new", headers={"Accept-Language": "zh-HK"}
    ).get_data(as_text=True)
    assert "優秀人才入境計劃" in chinese
    assert "與保證人的關係" in chinese


def test_consultant_creates_a_case_from_the_form(
    consultant_client: FlaskClient, program: Any
) -> None:
    response = consultant_client.post("/consultant/cases/new", data=NEW_CASE)
    assert response.status_code == 302
    case = db.session.scalars(select(Case).where(Case.reference.like("HD-%"))).one()
    assert case.facts == {"application_type": "extension", "sponsor_category": "gep"}
    (maria,) = case.applicants
    assert maria.facts["applicant_nationality"] == "PH"
    assert maria.facts["applicant_in_hong_kong"] is True
    assert maria.stay_expires_on is not None
    assert case.next_deadline_code == "extension_latest"
    assert case.consultant is not None
    assert case.consultant.email == "consultant@example.com"
    page = consultant_client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-date="extension_latest"' in page
    assert "para 10–11, footnote 5" in page
    assert 'data-item-code="C2"' in page


def test_bad_form_is_shown_again_with_the_problem_and_values(
    consultant_client: FlaskClient,
) -> None:
    response = consultant_client.post(
        "/consultant/cases/new", data={**NEW_CASE, "a0-applicant_age": "thirty"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "give a whole number" in html
    assert 'value="Daniel Chan"' in html
    response = consultant_client.post(
        "/consultant/cases/new", data={**NEW_CASE, "a0-relationship": ""}
    )
    assert response.status_code == 400
    assert "relationship" in response.get_data(as_text=True)
    assert db.session.scalars(select(Case).where(Case.reference.like("HD-%"))).all() == []


def test_editing_facts_shows_what_was_added_and_dropped(consultant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    form = {"case-application_type": "entry", "case-sponsor_category": "permanent_resident"}
    for person in case.applicants:
        for key, value in person.facts.items():
            form[f"p{person.id}-{key}"] = str(value)
    maria = case.applicants[0]
    form[f"p{maria.id}-applicant_residence"] = "macau"
    page = consultant_client.get(f"/consultant/cases/{case.id}/facts").get_data(as_text=True)
    assert f'name="p{maria.id}-relationship"' in page
    response = consultant_client.post(
        f"/consultant/cases/{case.id}/facts", data=form, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    assert "Now required for Maria Reyes: A5 Macao Resident Travel Permit" in html
    assert "No longer required for Daniel Reyes: B2 Sponsor&#39;s valid travel document" in html
    assert 'data-item-code="B2" data-person="' in html
    assert 'data-status="not_required"' in html


def test_dates_assign_and_status(app: Flask, consultant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    maria = case.applicants[0]
    response = consultant_client.post(
        f"/consultant/cases/{case.id}/dates",
        data={f"p{maria.id}-travel_document_expires_on": "2020-01-01"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert 'data-date="travel_document_expires"' in html
    assert "data-warning" in html
    assert case.next_deadline_code == "travel_document_expires"
    bad = consultant_client.post(
        f"/consultant/cases/{case.id}/dates",
        data={f"p{maria.id}-first_entry_on": "31/12/2020"},
        follow_redirects=True,
    )
    assert "is not a date" in bad.get_data(as_text=True)

    closed = consultant_client.post(
        f"/consultant/cases/{case.id}/status",
        data={"status": "closed", "confirm": "1"},
        follow_redirects=True,
    )
    assert 'data-case-status="closed"' in closed.get_data(as_text=True)
    assert case.status is CaseStatus.CLOSED

    other = staff("second@example.com", name="Second Consultant")
    response = consultant_client.post(
        f"/consultant/cases/{case.id}/assign", data={"consultant_id": str(other.id)}
    )
    assert response.headers["Location"].endswith("/dashboard")
    assert consultant_client.get(f"/consultant/cases/{case.id}").status_code == 404


def invitation_url(html: str) -> str:
    match = re.search(r'value="(http://localhost/(?:invite|reset)/[^"]+)"', html)
    assert match, html
    return match.group(1).replace("http://localhost", "")


def test_invite_the_family_and_reset_a_password(
    app: Flask, consultant_client: FlaskClient, client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    siti = case.applicants[0]
    response = consultant_client.post(
        f"/consultant/cases/{case.id}/invitations",
        data={"email": "siti.new@example.com", "who": f"applicant:{siti.id}"},
    )
    link = invitation_url(response.get_data(as_text=True))
    token = link.rsplit("/", 1)[1]
    logged = " ".join(str(e.detail) for e in db.session.scalars(select(AuditEvent)))
    assert token not in logged
    assert "invitation.created" in [e.action for e in db.session.scalars(select(AuditEvent))]

    app_client = app.test_client()
    page = app_client.get(link).get_data(as_text=True)
    assert "siti.new@example.com" in page
    differ = app_client.post(link, data={"password": "pass-word-123", "confirm": "other-123456"})
    assert "differ" in differ.get_data(as_text=True)
    joined = app_client.post(
        link, data={"name": "Siti", "password": "pass-word-123", "confirm": "pass-word-123"}
    )
    assert joined.status_code == 302
    assert app_client.get(f"/cases/{case.id}").status_code == 200
    assert app_client.get(link).status_code == 404  # used

    forget_current_user()
    html = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert 'data-member="siti.new@example.com"' in html
    member = next(m for m in case.members if m.user.email == "siti.new@example.com")
    reset = consultant_client.post(f"/consultant/cases/{case.id}/members/{member.user_id}/reset")
    reset_link = invitation_url(reset.get_data(as_text=True))
    fresh = app.test_client()
    done = fresh.post(reset_link, data={"password": "new-password-1", "confirm": "new-password-1"})
    assert done.status_code == 302
    forget_current_user()
    login(fresh, "siti.new@example.com", "new-password-1")
    assert db.session.scalars(select(Invitation).where(Invitation.used_at.is_(None))).all() == []


def test_reset_request_page_answers_the_same_for_everyone(client: FlaskClient, demo: None) -> None:
    assert 'name="email"' in client.get("/reset").get_data(as_text=True)
    known = client.post("/reset", data={"email": "applicant@example.com"}, follow_redirects=True)
    unknown = client.post("/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert "If this address has an account" in known.get_data(as_text=True)
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert client.get("/reset/not-a-token").status_code == 404
