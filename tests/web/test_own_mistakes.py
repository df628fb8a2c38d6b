"""Issue 15 item 2: the family removes or replaces its own uploads until a consultant decided;
one status rule from the current documents; the program's per-item file count."""

from __future__ import annotations

import io
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tests.casework import add_document, case_by_reference, image_bytes, pdf_bytes, requirement
from tests.web.uploading import png_bytes, upload
from tracker.extensions import db
from tracker.models import AuditEvent, Document, ItemStatus, Review
from tracker.services.bundle import review_bundle
from tracker.validation.findings import Finding, Severity


def _item_html(html: str, req_id: int) -> str:
    match = re.search(rf'<li class="item[^"]*" id="item-{req_id}".*?\n    </li>', html, re.S)
    assert match, f"no item {req_id} on the page"
    return match.group(0)


def test_a_pending_upload_can_be_removed_and_stays_in_the_history(
    app: Flask, applicant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    doc = add_document(app, req, pdf_bytes("wrong"), name="wrong.pdf")
    page = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert re.search(
        rf'data-document-id="{doc.id}".*?<form[^>]*data-action="remove-document"',
        _item_html(page, req.id),
        re.S,
    )

    answer = applicant_client.post(f"/documents/{doc.id}/remove", follow_redirects=True)

    assert answer.status_code == 200
    db.session.expire_all()
    assert req.status is ItemStatus.MISSING
    assert db.session.get(Document, doc.id).removed_at is not None  # type: ignore[union-attr]
    assert f'data-document-id="{doc.id}"' not in _item_html(answer.get_data(as_text=True), req.id)
    removed = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "document.removed")
    ).one()
    assert removed.detail["document"] == doc.id
    applicant_client.post("/logout")
    login(applicant_client, "consultant@example.com", "consultant-demo-1")
    history = applicant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert f'data-document-id="{doc.id}"' in history
    assert "data-removed" in history


def test_a_decided_upload_cannot_be_removed(app: Flask, applicant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    doc = add_document(app, req, pdf_bytes(), review=Review.ACCEPTED)
    page = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-action="remove-document"' not in _item_html(page, req.id)
    answer = applicant_client.post(
        f"/documents/{doc.id}/remove", headers={"Accept": "application/json"}
    )
    assert answer.status_code == 409
    assert db.session.get(Document, doc.id).removed_at is None  # type: ignore[union-attr]


def test_a_failed_upload_beside_a_good_one_does_not_decide_the_item(
    app: Flask, applicant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    add_document(app, req, pdf_bytes("good"), review=Review.ACCEPTED)
    broken = add_document(
        app, req, b"broken", findings=[Finding.make("empty_file", Severity.ERROR)]
    )
    assert req.status is ItemStatus.ACCEPTED
    page = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    todo = re.search(r'data-role="todo".*?</section>', page, re.S)
    assert todo
    assert f'data-item-code="A4" data-person="{req.person_id}" data-action-needed="fix"' in (
        todo.group(0)
    )
    applicant_client.post(f"/documents/{broken.id}/remove")
    page = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'data-todo-item data-item-code="A4" data-person="{req.person_id}"' not in page


def test_one_wrong_file_rejected_among_three(
    app: Flask, consultant_client: FlaskClient, program: Any
) -> None:
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    docs = [add_document(app, req, pdf_bytes(f"page {n}")) for n in range(3)]
    for doc in docs[:2]:
        consultant_client.post(f"/consultant/documents/{doc.id}/accept")
    consultant_client.post(
        f"/consultant/documents/{docs[2].id}/reject", data={"reason": "wrong_document"}
    )
    db.session.expire_all()
    assert req.status is ItemStatus.ACCEPTED
    assert case.count_rejected == 0  # the dashboard's counts
    lines = review_bundle(case, program, "en").missing  # the bundle page agrees
    assert not [line for line in lines if line.code == "A4" and "Maria" in line.person]


def test_replacing_a_file_removes_the_old_one_only_when_the_new_one_passes(
    app: Flask, applicant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    old = add_document(app, req, pdf_bytes("old"), name="old.pdf")
    url = f"/items/{req.id}/documents"

    broken = applicant_client.post(
        url,
        data={"file": (io.BytesIO(b"%PDF-1.4 broken"), "new.pdf"), "replaces": old.id},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )
    assert broken.status_code == 200
    db.session.expire_all()
    assert db.session.get(Document, old.id).removed_at is None  # type: ignore[union-attr]

    fine = applicant_client.post(
        url,
        data={"file": (io.BytesIO(pdf_bytes("new")), "new.pdf"), "replaces": old.id},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )
    assert fine.status_code == 200
    db.session.expire_all()
    assert db.session.get(Document, old.id).removed_at is not None  # type: ignore[union-attr]


def test_a_one_file_item_takes_one_file(app: Flask, applicant_client: FlaskClient) -> None:
    """Finding 2: a photo item that allows one file took three."""
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A1", "Maria Reyes")
    url = f"/items/{req.id}/documents"
    assert upload(applicant_client, url, png_bytes(), "one.png").status_code == 200
    second = upload(applicant_client, url, image_bytes(), "two.jpg")
    assert second.status_code == 409
    assert "at most 1 file" in second.get_json()["error"]
    hant = applicant_client.post(
        url,
        data={"file": (io.BytesIO(image_bytes()), "two.jpg")},
        headers={"Accept": "application/json", "Accept-Language": "zh-HK"},
        content_type="multipart/form-data",
    )
    assert "最多只可上載 1 個檔案" in hant.get_json()["error"]
    assert len([d for d in req.documents if d.current]) == 1


def test_a_new_upload_after_a_rejected_one_clears_the_to_do_entry(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """A decided file cannot be removed: the new upload after it is the fix."""
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    rejected = add_document(app, req, pdf_bytes("old"), review=Review.REJECTED)
    rejected.review_reason = "unreadable"
    db.session.commit()
    entry = f'data-todo-item data-item-code="A4" data-person="{req.person_id}"'
    assert entry in applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    add_document(app, req, pdf_bytes("new"))
    assert entry not in applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
