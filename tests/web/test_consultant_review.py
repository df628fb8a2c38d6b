"""Reviewing on the consultant's case page, the audit log, and the bundle download."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tests.casework import (
    add_document,
    case_by_reference,
    forget_current_user,
    pdf_bytes,
    requirement,
)
from tracker.extensions import db
from tracker.models import AuditEvent, Case, ItemStatus, Review


def readiness_on_dashboard(client: FlaskClient, case: Case) -> str:
    html = client.get("/dashboard").get_data(as_text=True)
    match = re.search(rf'data-case-id="{case.id}" data-readiness="(\d+)"', html)
    assert match
    return match.group(1)


def test_case_page_lists_items_documents_and_history(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    maria = case.applicants[0]
    doc = add_document(app, requirement(case, "A4", "Maria Reyes"), pdf_bytes(), name="m.pdf")
    html = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert f'data-item-code="A4" data-person="{maria.id}" data-status="in_review"' in html
    assert f'href="/documents/{doc.id}/file"' in html
    assert f'action="/consultant/documents/{doc.id}/accept"' in html
    assert 'value="needs_certified_translation"' in html
    assert 'data-action="case.created"' in html


def test_accept_and_reject_from_the_page(app: Flask, consultant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0002")
    req = requirement(case, "A4")
    doc = add_document(app, req, pdf_bytes())
    response = consultant_client.post(
        f"/consultant/documents/{doc.id}/reject",
        data={"reason": "wrong_person", "comment": "This is your sister's certificate"},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert 'data-status="rejected"' in html
    assert 'data-reason="wrong_person"' in html
    assert 'data-action="document.rejected"' in html
    missing_comment = consultant_client.post(
        f"/consultant/documents/{doc.id}/reject", data={"reason": "other"}, follow_redirects=True
    )
    assert "Say what is wrong" in missing_comment.get_data(as_text=True)
    consultant_client.post(f"/consultant/documents/{doc.id}/accept")
    assert req.status is ItemStatus.ACCEPTED


def test_language_override_and_ad_hoc_item(app: Flask, consultant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0002")
    siti = case.applicants[0]
    req = requirement(case, "A4")
    doc = add_document(app, req, pdf_bytes(), needs_translation=True)
    assert req.status is ItemStatus.NEEDS_TRANSLATION
    consultant_client.post(
        f"/consultant/documents/{doc.id}/language",
        data={"verdict": "not_needed", "reason": "English and Indonesian side by side"},
    )
    assert req.status is ItemStatus.IN_REVIEW  # type: ignore[comparison-overlap]  # the call above changed it
    response = consultant_client.post(
        f"/consultant/cases/{case.id}/items",
        data={"person_id": str(siti.id), "title-en": "Household register", "title-zh-Hant": ""},
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert f'data-item-code="X1" data-person="{siti.id}" data-status="missing"' in html
    assert "Household register" in html


def test_bundle_asks_for_confirmation_until_the_case_is_ready(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    page = consultant_client.get(f"/consultant/cases/{case.id}/bundle").get_data(as_text=True)
    assert 'data-missing="A1"' in page
    assert '<input type="hidden" name="confirm" value="1">' in page
    refused = consultant_client.get(f"/consultant/cases/{case.id}/bundle.zip")
    assert refused.status_code == 409
    assert 'data-missing="A1"' in refused.get_data(as_text=True)
    with consultant_client.get(f"/consultant/cases/{case.id}/bundle.zip?confirm=1") as forced:
        assert forced.status_code == 200
        assert forced.mimetype == "application/zip"
        assert "no-store" in forced.headers["Cache-Control"]
        assert zipfile.ZipFile(io.BytesIO(forced.data)).namelist() == ["00 Index.pdf"]


def test_from_zero_to_a_complete_bundle(
    app: Flask, client: FlaskClient, consultant_client: FlaskClient
) -> None:
    """Uploads arrive, the consultant reviews them, the dashboard goes 0 → 100 %."""
    case = case_by_reference("DEMO-0002")
    assert readiness_on_dashboard(consultant_client, case) == "0"
    docs = [
        add_document(app, r, pdf_bytes(r.code), name=f"{r.code}.pdf")
        for r in case.requirements
        if r.required
    ]
    for doc in docs[:-1]:
        consultant_client.post(f"/consultant/documents/{doc.id}/accept")
    assert readiness_on_dashboard(consultant_client, case) == str(
        100 * (len(docs) - 1) // len(docs)
    )
    consultant_client.post(f"/consultant/documents/{docs[-1].id}/accept")
    assert readiness_on_dashboard(consultant_client, case) == "100"
    with consultant_client.get(f"/consultant/cases/{case.id}/bundle.zip") as response:
        assert response.status_code == 200
        names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert len(names) == len(docs) + 1
    assert names[1].startswith("01 Siti Rahayu - A1 ")
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id))
    assert "case.exported" in set(actions)
    assert all(d.review is Review.ACCEPTED for d in docs)


def test_applicant_sees_the_rejection_reason(
    app: Flask, consultant_client: FlaskClient, client: FlaskClient, program: Any
) -> None:
    case = case_by_reference("DEMO-0001")
    doc = add_document(app, requirement(case, "A4", "Maria Reyes"), pdf_bytes())
    consultant_client.post(
        f"/consultant/documents/{doc.id}/reject",
        data={"reason": "incomplete_pages", "comment": "Page 2"},
    )
    forget_current_user()
    applicant = app.test_client()
    login(applicant, "applicant@example.com", "applicant-demo-1")
    html = applicant.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-status="rejected"' in html
    assert "Page 2" in html
