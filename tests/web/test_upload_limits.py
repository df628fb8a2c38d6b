"""Issue 11 finding 9 (the part about requests): file parts per request are capped, and a
413 names the limit that was actually hit."""

from __future__ import annotations

import io

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.web.uploading import requirement
from tracker.extensions import db
from tracker.models import Document


def _post_parts(client: FlaskClient, url: str, count: int, lang: str = "en") -> object:
    return client.post(
        url,
        data={"file": [(io.BytesIO(b"x%d" % n), f"f{n}.txt") for n in range(count)]},
        headers={"Accept": "application/json", "Accept-Language": lang},
        content_type="multipart/form-data",
    )


def test_more_files_than_the_cap_are_refused_whole(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """Finding 9: a request with 999 file parts made 999 documents."""
    cap = app.config["MAX_FILES_PER_UPLOAD"]
    url = f"/items/{requirement('A1', person='Maria Reyes').id}/documents"
    response = _post_parts(applicant_client, url, cap + 1)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert f"at most {cap} files" in response.get_json()["error"]  # type: ignore[attr-defined]
    assert db.session.scalars(select(Document)).all() == []


def test_a_flood_of_parts_gets_a_413_naming_the_file_cap(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """Finding 9: the 413 for too many parts said "larger than 25 MB" for a 20 kB request."""
    cap = app.config["MAX_FILES_PER_UPLOAD"]
    url = f"/items/{requirement('A1', person='Maria Reyes').id}/documents"
    response = _post_parts(applicant_client, url, 1001, lang="zh-Hans")
    assert response.status_code == 413  # type: ignore[attr-defined]
    message = response.get_json()["error"]  # type: ignore[attr-defined]
    assert f"{cap} 个文件" in message
    assert "MB" not in message
    assert db.session.scalars(select(Document)).all() == []


def test_just_over_the_form_part_limit_is_a_413_too(
    app: Flask, applicant_client: FlaskClient
) -> None:
    url = f"/items/{requirement('A1', person='Maria Reyes').id}/documents"
    response = _post_parts(applicant_client, url, app.config["MAX_FORM_PARTS"] + 1)
    assert response.status_code == 413  # type: ignore[attr-defined]


def test_a_body_over_the_size_limit_still_names_megabytes(
    app: Flask, applicant_client: FlaskClient
) -> None:
    url = f"/items/{requirement('A1', person='Maria Reyes').id}/documents"
    head = b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n'
    body = head + bytes(app.config["MAX_CONTENT_LENGTH"]) + b"\r\n--B--\r\n"
    response = applicant_client.post(
        url,
        data=body,
        headers={"Accept": "application/json"},
        content_type="multipart/form-data; boundary=B",
    )
    assert response.status_code == 413
    assert "25 MB" in response.get_json()["error"]
