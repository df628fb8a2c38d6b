"""Previews are drawn once, in the background through the isolated child, and stored.

A preview request only reads the stored picture: it never draws and never starts
the child.
"""

from __future__ import annotations

import io

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from tests.web.uploading import ENGLISH, pdf_bytes, png_bytes, requirement, settle, upload
from tracker import isolation
from tracker.extensions import db
from tracker.models import Document
from tracker.services.storage_check import check_storage


def only_document() -> Document:
    return db.session.scalars(select(Document)).one()


def picture(response: object) -> Image.Image:
    return Image.open(io.BytesIO(response.get_data()))  # type: ignore[attr-defined]


def test_a_pdf_preview_is_drawn_once_stored_and_served_without_drawing(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(ENGLISH), "letter.pdf")
    settle(app)
    doc = only_document()
    assert doc.preview_key is not None
    with app.extensions["storage"].open(doc.preview_key) as stream:
        stored = stream.read()
    isolation.stop()
    for _ in range(3):
        response = applicant_client.get(f"/documents/{doc.id}/preview")
        assert (response.status_code, response.mimetype) == (200, "image/png")
        assert response.get_data() == stored
    assert isolation.child_pid() is None  # serving never started the child
    width, height = picture(response).size
    assert width <= 240
    assert height <= 320


def test_a_photo_gets_its_preview_without_a_language_check(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A1", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", png_bytes((800, 1000)), "me.png")
    settle(app)
    doc = only_document()
    response = applicant_client.get(f"/documents/{doc.id}/preview")
    assert response.status_code == 200
    assert picture(response).size == (240, 300)


def test_a_file_that_failed_its_checks_has_no_preview(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(ENGLISH)[:900], "cut.pdf")
    settle(app)
    doc = only_document()
    assert doc.preview_key is None
    assert applicant_client.get(f"/documents/{doc.id}/preview").status_code == 404


def test_stored_previews_are_not_orphans_for_the_storage_check(
    app: Flask, applicant_client: FlaskClient
) -> None:
    req = requirement("A1", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", png_bytes(), "me.png")
    settle(app)
    assert only_document().preview_key is not None
    report = check_storage()
    assert (report["orphan_files"], report["missing_files"]) == ([], [])


def test_documents_stored_before_previews_get_theirs_from_the_command(
    app: Flask, applicant_client: FlaskClient
) -> None:
    from tracker.cli import cli

    req = requirement("A1", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", png_bytes(), "me.png")
    settle(app)
    doc = only_document()
    app.extensions["storage"].delete(doc.preview_key)
    doc.preview_key = None  # as a row migrated from before previews were stored
    db.session.commit()
    result = app.test_cli_runner().invoke(cli, ["checks", "previews"])
    assert "queued 1 document(s) for a preview" in result.output
    settle(app)
    assert applicant_client.get(f"/documents/{doc.id}/preview").status_code == 200
