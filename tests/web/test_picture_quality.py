"""A blurry or dark page photo gets its warning beside the document after the background check."""

from __future__ import annotations

import io

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image

from tests.validation.quality_samples import blurred, darkened, sharp_scan
from tests.web.uploading import requirement, upload
from tracker.extensions import db


def jpeg(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def uploaded_findings(app: Flask, client: FlaskClient, data: bytes) -> list[str]:
    req = requirement("A4", person="Maria Reyes")
    assert upload(client, f"/items/{req.id}/documents", data, "scan.jpg").status_code == 200
    app.extensions["jobs"].wait()
    db.session.expire_all()
    (doc,) = client.get(f"/items/{req.id}").get_json()["documents"]
    return [f["code"] for f in doc["findings"]]


def test_blurry_sideways_scan_is_told_to_retake_it(
    app: Flask, applicant_client: FlaskClient
) -> None:
    page = blurred(sharp_scan, 3)().rotate(90, expand=True)
    assert "image_blurry" in uploaded_findings(app, applicant_client, jpeg(page))
    html = applicant_client.get(f"/cases/{requirement('A4').case_id}").get_data(as_text=True)
    assert 'data-finding="image_blurry"' in html
    assert "hold the phone steady" in html


def test_dark_scan_is_too_dark(app: Flask, applicant_client: FlaskClient) -> None:
    page = darkened(sharp_scan, 0.25)()
    assert "image_too_dark" in uploaded_findings(app, applicant_client, jpeg(page))


def test_clean_scan_gets_no_quality_warning(app: Flask, applicant_client: FlaskClient) -> None:
    found = uploaded_findings(app, applicant_client, jpeg(sharp_scan()))
    assert not {"image_blurry", "image_too_dark"} & set(found)
