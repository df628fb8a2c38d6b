"""Photographed pages sent together become one PDF; a too-big picture gets a compliant copy."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from tests.validation import samples
from tests.web.uploading import requirement
from tracker.extensions import db
from tracker.models import AuditEvent, Document
from tracker.services import audit
from tracker.services.registry import get_storage

MB = 1024 * 1024


def posted(client: FlaskClient, url: str, field: str, files: list[tuple[bytes, str]]) -> Any:
    """Post the files; the body is built in memory (the test client's spooled one leaks)."""
    parts = MultiDict([(field, FileStorage(io.BytesIO(data), filename=n)) for data, n in files])
    boundary, body = encode_multipart(parts)
    return client.post(
        url,
        data=body,
        headers={"Accept": "application/json"},
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def send_pages(client: FlaskClient, req_id: int, pages: list[tuple[bytes, str]]) -> Any:
    return posted(client, f"/items/{req_id}/pages", "page", pages)


def test_three_page_photos_become_one_checked_pdf(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    pages = [(samples.jpeg(1200, 1600, text=True), f"IMG_{n}.jpg") for n in range(3)]
    answer = send_pages(applicant_client, req.id, pages)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    (doc,) = answer.get_json()["documents"]
    assert (doc["file"], doc["pages"]) == ("IMG_0-3-pages.pdf", 3)
    stored = db.session.get(Document, doc["id"])
    assert stored is not None
    assert stored.kind == "pdf"
    with applicant_client.get(f"/documents/{doc['id']}/file") as response:
        pdf = response.get_data()
    assert pages[0][0] in pdf  # the photo's own bytes: nothing was re-encoded
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "document.pages_assembled" in actions


def test_a_page_that_is_not_a_picture_is_named(applicant_client: FlaskClient) -> None:
    req = requirement("A4", person="Maria Reyes")
    pages = [(samples.jpeg(800, 1000), "1.jpg"), (b"%PDF-1.4 not a photo", "2.jpg")]
    answer = send_pages(applicant_client, req.id, pages)
    assert answer.status_code == 400
    assert "Page 2 (2.jpg)" in answer.get_json()["error"]
    assert db.session.scalars(select(Document)).all() == []


def test_a_picture_only_item_takes_no_pages(applicant_client: FlaskClient) -> None:
    req = requirement("A1", person="Maria Reyes")
    answer = send_pages(applicant_client, req.id, [(samples.jpeg(800, 1000), "1.jpg")])
    assert answer.status_code == 400


def test_pages_without_javascript_redirect_back_to_the_item(applicant_client: FlaskClient) -> None:
    req = requirement("A4", person="Maria Reyes")
    data = {"page": [(io.BytesIO(samples.jpeg(800, 1000)), "1.jpg")]}
    answer = applicant_client.post(f"/items/{req.id}/pages", data=data)
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith(f"#item-{req.id}")
    page = applicant_client.get(f"/cases/{req.case_id}").get_data(as_text=True)
    assert 'data-role="capture"' in page
    assert 'name="page"' in page


def test_too_large_photo_gets_a_compliant_copy_under_the_limit(
    applicant_client: FlaskClient,
) -> None:
    req = requirement("A4", person="Maria Reyes")
    big = samples.noise_jpeg(3600, 3000)
    assert len(big) > 5 * MB
    url = f"/items/{req.id}/documents"
    body = posted(applicant_client, url, "file", [(big, "page.jpg")]).get_json()
    (original,) = body["documents"]
    assert "too_large" in [f["code"] for f in original["findings"]]
    page = applicant_client.get(f"/cases/{req.case_id}").get_data(as_text=True)
    assert 'data-role="fix-photo"' in page
    fixed = applicant_client.post(
        f"/documents/{original['id']}/compliant-copy", headers={"Accept": "application/json"}
    ).get_json()
    (copy,) = fixed["documents"]
    assert copy["file"] == "page-compliant.jpg"
    assert copy["size"] <= 5 * MB
    assert not [f for f in copy["findings"] if f["severity"] == "error"]


def test_a_compliant_copy_of_a_decompression_bomb_is_refused_plainly(
    applicant_client: FlaskClient,
) -> None:
    """A bomb misses no size limit: its copy is refused plainly (400), never a 500."""
    req = requirement("A4", person="Maria Reyes")
    url = f"/items/{req.id}/documents"
    body = posted(applicant_client, url, "file", [(samples.png_claiming(20000, 20000), "b.png")])
    (bomb,) = body.get_json()["documents"]
    answer = applicant_client.post(
        f"/documents/{bomb['id']}/compliant-copy", headers={"Accept": "application/json"}
    )
    assert answer.status_code == 400
    assert "can get a compliant copy" in answer.get_json()["error"]


def test_pages_and_their_audit_event_are_kept_together_or_not_at_all(
    app: Flask, applicant_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash while recording the assembly's event leaves no document and no stored file."""
    real = audit.record

    def failing(action: str, **detail: Any) -> None:
        if action == "document.pages_assembled":
            raise RuntimeError("the server stopped here")
        real(action, **detail)

    monkeypatch.setattr(audit, "record", failing)
    req = requirement("A4", person="Maria Reyes")
    stored_before = set(get_storage().keys())
    pages = [(samples.jpeg(1200, 1600, text=True), f"IMG_{n}.jpg") for n in range(2)]
    with pytest.raises(RuntimeError):
        send_pages(applicant_client, req.id, pages)
    db.session.rollback()
    assert db.session.scalars(select(Document).where(Document.requirement_id == req.id)).all() == []
    assert set(get_storage().keys()) == stored_before
