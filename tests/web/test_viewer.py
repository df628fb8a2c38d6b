"""The consultant's document viewer: stored page images, a translation beside its original."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from tests.apps import login
from tests.casework import image_bytes
from tests.web.uploading import ENGLISH, INDONESIAN, pdf_bytes, requirement, settle, upload
from tracker import isolation
from tracker.extensions import db
from tracker.models import Document
from tracker.services.storage_check import check_storage
from tracker.validation.thumbnail import PAGE_SIZE


def newest() -> Document:
    return db.session.scalars(select(Document).order_by(Document.id.desc())).first()  # type: ignore[return-value]


def as_consultant(client: FlaskClient) -> FlaskClient:
    login(client, "consultant@example.com", "consultant-demo-1")
    return client


def test_each_pdf_page_is_drawn_once_and_served_as_a_bounded_picture(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(ENGLISH, pages=3), "bank.pdf")
    settle(app)
    doc = newest()
    assert doc.page_keys is not None
    assert len(doc.page_keys) == 3
    isolation.stop()
    for number in (1, 2, 3):
        response = applicant_client.get(f"/documents/{doc.id}/pages/{number}")
        assert (response.status_code, response.mimetype) == (200, "image/jpeg")
        width, height = Image.open(io.BytesIO(response.get_data())).size
        assert width <= PAGE_SIZE[0]
        assert height <= PAGE_SIZE[1]
        assert width >= 1000  # readable: far larger than the 240-pixel preview
    assert applicant_client.get(f"/documents/{doc.id}/pages/4").status_code == 404
    assert isolation.child_pid() is None  # serving never draws
    report = check_storage()
    assert (report["orphan_files"], report["missing_files"]) == ([], [])


def test_a_heic_photo_is_shown_in_the_page_not_only_downloaded(
    app: Flask, applicant_client: FlaskClient, client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(
        applicant_client,
        f"/items/{req.id}/documents",
        image_bytes("HEIF", (1600, 1200)),
        "statement.heic",
    )
    settle(app)
    doc = newest()
    assert doc.kind == "image"
    consultant = as_consultant(client)
    html = consultant.get(f"/consultant/documents/{doc.id}").get_data(as_text=True)
    assert f'src="/documents/{doc.id}/pages/1"' in html
    picture = Image.open(io.BytesIO(consultant.get(f"/documents/{doc.id}/pages/1").get_data()))
    assert picture.format == "JPEG"
    assert picture.size == (1240, 930)


def test_the_translation_is_shown_beside_its_original_with_the_findings(
    app: Flask, applicant_client: FlaskClient, client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "akta.pdf")
    settle(app)
    original = newest()
    upload(
        applicant_client,
        f"/documents/{original.id}/translations",
        pdf_bytes(ENGLISH),
        "translation.pdf",
    )
    settle(app)
    translation = newest()
    html = as_consultant(client).get(f"/consultant/documents/{original.id}").get_data(as_text=True)
    assert 'class="viewer-grid has-beside"' in html
    assert re.search(rf'data-role="beside" data-document-id="{translation.id}"', html)
    assert 'data-finding="needs_translation"' in html
    assert 'form class="inline-form" method="post"' in html
    assert f'action="/consultant/documents/{original.id}/accept" data-action="accept"' in html


def test_the_viewer_is_for_the_staff_of_the_case_only(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(ENGLISH), "bank.pdf")
    settle(app)
    assert applicant_client.get(f"/consultant/documents/{newest().id}").status_code == 403


def test_documents_stored_before_the_viewer_get_their_pages_from_the_command(
    app: Flask, applicant_client: FlaskClient
) -> None:
    from tracker.cli import cli

    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(ENGLISH, pages=2), "b.pdf")
    settle(app)
    doc = newest()
    for key in doc.page_keys or []:
        app.extensions["storage"].delete(key)
    doc.page_keys = None  # as a row migrated from before the viewer
    db.session.commit()
    assert applicant_client.get(f"/documents/{doc.id}/pages/1").status_code == 404
    result = app.test_cli_runner().invoke(cli, ["checks", "previews"])
    assert "queued 1 document(s)" in result.output
    settle(app)
    assert applicant_client.get(f"/documents/{doc.id}/pages/2").status_code == 200
