"""Uploading through the web: checks at once, language in the background, translations."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from tests.web.uploading import (
    ENGLISH,
    INDONESIAN,
    pdf_bytes,
    png_bytes,
    requirement,
    settle,
    upload,
)
from tracker.extensions import db
from tracker.models import AuditEvent, Document

BOTH_STORES = pytest.mark.parametrize("storage_kind", ["local", "s3"])


@BOTH_STORES
def test_photo_upload_is_checked_then_waits_for_review(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A1", person="Maria Reyes")
    response = upload(applicant_client, f"/items/{req.id}/documents", png_bytes(), "me.png")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["code"] == "A1"
    assert body["documents"][0]["file"] == "me.png"
    settle(app)
    assert requirement("A1", person="Maria Reyes").status.value == "in_review"
    doc = db.session.scalars(select(Document)).one()
    assert doc.width == 800
    assert app.extensions["storage"].exists(doc.storage_key)


def test_portrait_photo_skips_the_language_check(app: Flask, applicant_client: FlaskClient) -> None:
    req = requirement("A1", person="Maria Reyes")
    body = upload(applicant_client, f"/items/{req.id}/documents", png_bytes(), "me.png").get_json()
    assert body["status"] == "in_review"
    assert body["documents"][0]["findings"] == []


@BOTH_STORES
def test_scan_goes_through_the_language_check(app: Flask, applicant_client: FlaskClient) -> None:
    req = requirement("A4", person="Maria Reyes")  # not a travel document: no MRZ reading
    body = upload(
        applicant_client, f"/items/{req.id}/documents", png_bytes(), "page.png"
    ).get_json()
    assert body["status"] == "checking"
    settle(app)
    doc = db.session.scalars(select(Document)).one()
    assert [f.code for f in doc.findings] == ["language_undetermined"]
    assert requirement("A4", person="Maria Reyes").status.value == "in_review"


@BOTH_STORES
def test_invalid_file_is_explained_and_keeps_earlier_version(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """A failed file beside a good one is explained on its own; the good one decides the item."""
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", png_bytes(), "good.png")
    settle(app)
    response = upload(applicant_client, f"/items/{req.id}/documents", b"<html>hi</html>", "x.png")
    body = response.get_json()
    assert body["status"] == "in_review"
    codes = [f["code"] for f in body["documents"][0]["findings"]]
    assert "type_not_allowed" in codes
    assert [d["file"] for d in body["documents"]] == ["x.png"]  # only what was just uploaded
    assert db.session.scalars(select(Document).where(Document.original_name == "good.png")).one()


def test_foreign_document_needs_translation_until_one_is_attached(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "akta.pdf")
    settle(app)
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"
    original = db.session.scalars(select(Document)).one()
    assert original.languages[0] == "id"
    page = applicant_client.get(f"/cases/{req.case_id}").get_data(as_text=True)
    assert 'data-role="translation"' in page
    assert "Indonesian" in page
    # needs_translation is an error that does not block: the file itself is sound
    assert 'class="thumb"' in page
    assert applicant_client.get(f"/documents/{original.id}/preview").status_code == 200

    response = upload(
        applicant_client, f"/documents/{original.id}/translations", pdf_bytes(ENGLISH), "en.pdf"
    )
    assert response.status_code == 200
    settle(app)
    assert requirement("A4", person="Maria Reyes").status.value == "in_review"


def test_translation_in_another_foreign_language_does_not_count(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "akta.pdf")
    settle(app)
    original = db.session.scalars(select(Document)).one()
    upload(
        applicant_client, f"/documents/{original.id}/translations", pdf_bytes(INDONESIAN), "t.pdf"
    )
    settle(app)
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"


def test_same_bytes_twice_in_a_case_warns(app: Flask, applicant_client: FlaskClient) -> None:
    data = png_bytes()
    upload(
        applicant_client,
        f"/items/{requirement('A1', person='Maria Reyes').id}/documents",
        data,
        "a.png",
    )
    body = upload(
        applicant_client,
        f"/items/{requirement('A1', person='Sofia Reyes').id}/documents",
        data,
        "b.png",
    ).get_json()
    settle(app)
    assert "duplicate_file" in [f["code"] for f in body["documents"][0]["findings"]]


def test_another_applicant_cannot_upload_or_download(
    app: Flask, client: FlaskClient, demo: None
) -> None:
    from tests.apps import login

    login(client, "applicant@example.com", "applicant-demo-1")
    req = requirement("A1", person="Maria Reyes")
    upload(client, f"/items/{req.id}/documents", png_bytes(), "me.png")
    settle(app)
    doc = db.session.scalars(select(Document)).one()
    client.post("/logout")
    login(client, "other@example.com", "other-demo-1")
    assert upload(client, f"/items/{req.id}/documents", png_bytes(), "x.png").status_code == 404
    assert client.get(f"/documents/{doc.id}/file").status_code == 404
    assert client.get(f"/documents/{doc.id}/preview").status_code == 404
    assert client.get(f"/items/{req.id}").status_code == 404


@BOTH_STORES
def test_download_is_an_audited_attachment(app: Flask, applicant_client: FlaskClient) -> None:
    req = requirement("A1", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", png_bytes(), "me.png")
    settle(app)
    doc = db.session.scalars(select(Document)).one()
    response = applicant_client.get(f"/documents/{doc.id}/file")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.get_data() == png_bytes()
    response.close()
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert {"document.uploaded", "document.downloaded"} <= set(actions)


def test_plain_form_without_javascript_redirects_back(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("B3")
    response = applicant_client.post(
        f"/items/{req.id}/documents",
        data={
            "file": [
                (io.BytesIO(pdf_bytes(ENGLISH)), "bank.pdf"),
                (io.BytesIO(png_bytes()), "p.png"),
            ]
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert f"#item-{req.id}" in response.headers["Location"]
    settle(app)
    assert len(db.session.scalars(select(Document)).all()) == 2


def test_empty_choice_is_a_clear_error(applicant_client: FlaskClient) -> None:
    req = requirement("B3")
    response = applicant_client.post(
        f"/items/{req.id}/documents", data={}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert "Choose a file" in response.get_json()["error"]


@BOTH_STORES
def test_us_visa_photo_gets_a_compliant_copy_on_request(
    app: Flask, client: FlaskClient, program: Any
) -> None:
    from tests.apps import login
    from tracker.models import PersonRole, Role
    from tracker.services.cases import NewApplicant, add_member, create_case
    from tracker.services.users import create_user

    us = app.extensions["programs"]["us_b1b2"]
    user = create_user("visitor@example.com", "visitor-pass-1", Role.APPLICANT)
    facts = {k: v.default for k, v in us.facts.items() if not v.required}
    required = {k: v for k, v in us.facts.items() if v.required}
    for key, spec in required.items():
        facts[key] = (
            next(iter(spec.values)) if spec.type == "enum" else 30 if spec.type == "int" else "HK"
        )
    case = create_case(
        us, case_facts={}, sponsor_name="", applicants=[NewApplicant("Ho Ka Yan", facts)]
    )
    add_member(case, user, PersonRole.APPLICANT)
    db.session.commit()
    login(client, "visitor@example.com", "visitor-pass-1")
    req = requirement("U5", reference=case.reference)
    out = io.BytesIO()
    Image.new("RGB", (900, 1400), (210, 170, 140)).save(out, "PNG")
    body = upload(client, f"/items/{req.id}/documents", out.getvalue(), "me.png").get_json()
    assert "photo_spec" in [f["code"] for f in body["documents"][0]["findings"]]
    original = body["documents"][0]["id"]
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-role="fix-photo"' in page

    fixed = client.post(
        f"/documents/{original}/compliant-copy", headers={"Accept": "application/json"}
    ).get_json()
    newest = fixed["documents"][0]
    assert newest["file"] == "me-compliant.jpg"
    assert newest["findings"] == []
    assert newest["width"] == newest["height"]
    assert 600 <= newest["width"] <= 1200
    assert newest["size"] <= 240 * 1024
    assert [d["file"] for d in fixed["documents"]] == ["me-compliant.jpg"]


def test_a_compliant_copy_is_refused_for_a_file_that_needs_none(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """A copy is made only of a current original that misses a specification or a limit:
    anything else would spend the isolated child's time and push out a good file."""
    req = requirement("A4", person="Maria Reyes")
    body = upload(
        applicant_client, f"/items/{req.id}/documents", pdf_bytes(ENGLISH), "ok.pdf"
    ).get_json()
    good = body["documents"][0]["id"]
    asked = applicant_client.post(
        f"/documents/{good}/compliant-copy",
        headers={"Accept": "application/json", "Accept-Language": "zh-HK"},
    )
    assert asked.status_code == 400
    assert "才可另製合規副本" in asked.get_json()["error"]
    db.session.expire_all()
    assert [d.id for d in requirement("A4", person="Maria Reyes").documents] == [good]
