"""Issue 15 items 3, 5 and 7 on the server's side: limits that agree, the translation
warning that clears, Hong Kong time, log-out beside the language switch, error pages."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.casework import add_document, case_by_reference, pdf_bytes, requirement
from tracker.models import Review
from tracker.validation.findings import Finding, Severity


def test_a_413_names_the_items_limit_shown_on_the_page(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """Finding 3: the 413 said 25 MB while every item said 5 MB."""
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    page = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    shown = re.search(rf'id="item-{req.id}".*?up to (\d+(?:\.\d)?) MB', page, re.S)
    assert shown
    head = b'--B\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n'
    body = head + bytes(app.config["MAX_CONTENT_LENGTH"]) + b"\r\n--B--\r\n"
    response = applicant_client.post(
        f"/items/{req.id}/documents",
        data=body,
        headers={"Accept": "application/json"},
        content_type="multipart/form-data; boundary=B",
    )
    assert response.status_code == 413
    message = response.get_json()["error"]
    assert f"at most {shown.group(1)} MB" in message
    assert f'data-max-bytes="{5 * 1024 * 1024}"' in page  # what the page's script checks


def test_the_translation_warning_clears_once_a_translation_is_attached(
    app: Flask, applicant_client: FlaskClient
) -> None:
    """Finding 5: the warning never cleared."""
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    foreign = [Finding.make("needs_translation", Severity.ERROR, language="Indonesian")]
    original = add_document(app, req, pdf_bytes(), findings=foreign, needs_translation=True)
    before = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-finding="needs_translation"' in before
    add_document(
        app, req, pdf_bytes("translation"), translation_of=original, review=Review.ACCEPTED
    )
    after = applicant_client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert 'data-finding="needs_translation"' not in after
    assert 'data-role="translated"' in after
    assert 'data-role="translation"' not in after


def test_upload_times_are_in_hong_kong_time(app: Flask, applicant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    doc = add_document(app, requirement(case, "A4", "Maria Reyes"), pdf_bytes())
    page = applicant_client.get(f"/cases/{case.id}", headers={"Accept-Language": "zh-HK"})
    shown = re.search(r"<time [^>]*>(.*?)</time>", page.get_data(as_text=True))
    assert shown
    utc = doc.created_at
    hour = (utc.hour + 8) % 24
    assert f"{hour:02d}:{utc.minute:02d}（香港時間）" in shown.group(1)


def test_log_out_sits_next_to_the_language_switch(applicant_client: FlaskClient) -> None:
    page = applicant_client.get("/cases", follow_redirects=True).get_data(as_text=True)
    account = re.search(r'data-role="account">(.*?)</div>', page, re.S)
    assert account
    assert re.search(
        r'class="lang-switch">.*?</form>\s*<form[^>]*data-action="logout"', account[1], re.S
    )


def test_an_error_page_explains_and_offers_the_way_back(applicant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    came_from = f"http://localhost/cases/{case.id}"
    response = applicant_client.get(
        "/documents/999999/file", headers={"Referer": came_from, "Accept-Language": "zh-HK"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<h1>找不到此頁</h1>" in page
    assert f'href="/cases/{case.id}" data-role="back"' in page
    assert 'data-role="home"' in page
