"""Uploads the server must refuse or explain, never accept wrongly or answer with a 500.

Issue 11 findings 8 (closed and archived cases) and 10 (location stripping).
"""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.validation import samples
from tests.web.uploading import pdf_bytes, requirement, settle, upload
from tracker.extensions import db
from tracker.models import Case, CaseStatus, Document
from tracker.validation.pillow_safe import GPS_IFD, open_image, untrusted


def _set_status(reference: str, status: CaseStatus) -> None:
    case = db.session.scalars(select(Case).where(Case.reference == reference)).one()
    case.status = status
    db.session.commit()


@pytest.mark.parametrize("status", [CaseStatus.CLOSED, CaseStatus.ARCHIVED])
def test_upload_to_a_finished_case_is_refused(
    app: Flask, applicant_client: FlaskClient, status: CaseStatus
) -> None:
    """Finding 8: uploads to archived or closed cases were accepted."""
    req_id = requirement("A1", person="Maria Reyes").id
    _set_status("DEMO-0001", status)
    response = upload(applicant_client, f"/items/{req_id}/documents", pdf_bytes("x"), "a.pdf")
    assert response.status_code == 409
    assert f"This case is {status.value}" in response.get_json()["error"]
    assert db.session.scalars(select(Document)).all() == []


def test_translation_to_a_closed_case_is_refused(app: Flask, applicant_client: FlaskClient) -> None:
    """Finding 8: translations are uploads too."""
    req_id = requirement("A1", person="Maria Reyes").id
    upload(applicant_client, f"/items/{req_id}/documents", pdf_bytes("Akta kelahiran. "), "a.pdf")
    settle(app)
    original = db.session.scalars(select(Document)).one()
    _set_status("DEMO-0001", CaseStatus.CLOSED)
    response = applicant_client.post(
        f"/documents/{original.id}/translations",
        data={"file": (io.BytesIO(pdf_bytes("Birth certificate. ")), "t.pdf")},
        headers={"Accept": "application/json", "Accept-Language": "zh-Hant"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 409
    assert "已結束" in response.get_json()["error"]
    assert db.session.scalars(select(Document)).all() == [original]


def test_an_image_that_failed_its_checks_is_kept_not_crashed_on(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """Finding 10: location stripping ran on a decompression bomb and answered 500."""
    req_id = requirement("A1", person="Maria Reyes").id
    bomb = samples.png_claiming(30_000, 30_000)
    response = upload(applicant_client, f"/items/{req_id}/documents", bomb, "scan.png")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    doc = db.session.scalars(select(Document)).one()
    assert [f.code for f in doc.findings] == ["image_too_many_pixels"]


def test_a_jpeg_with_gps_and_a_fill_byte_is_accepted_without_its_position(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """Finding 10: a legal 0xFF fill byte before a marker gave "damaged JPEG header"."""
    req_id = requirement("A1", person="Maria Reyes").id
    photo = samples.jpeg_with_fill_byte(samples.jpeg(800, 1000, exif=samples.phone_exif()))
    response = upload(applicant_client, f"/items/{req_id}/documents", photo, "me.jpg")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    doc = db.session.scalars(select(Document)).one()
    assert not doc.blocked
    storage = app.extensions["storage"]
    with storage.local_path(doc.storage_key) as path, untrusted(), open_image(path) as im:
        assert GPS_IFD not in im.getexif()
