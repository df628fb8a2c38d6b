"""The bundle page: index language, missing items, files over the Department's limits with
a one-click compliant copy, and the download in the chosen language."""

from __future__ import annotations

import io
import zipfile

import pypdf
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.casework import (
    add_document,
    case_by_reference,
    noise_png,
    requirement,
)
from tracker.extensions import db
from tracker.models import AuditEvent, Document, Review


def index_text(client: FlaskClient, case_id: int, lang: str) -> str:
    with client.get(f"/consultant/cases/{case_id}/bundle.zip?lang={lang}&confirm=1") as response:
        assert response.status_code == 200
        index = zipfile.ZipFile(io.BytesIO(response.data)).read("00 Index.pdf")
    return " ".join(pypdf.PdfReader(io.BytesIO(index)).pages[0].extract_text().split())


def test_the_index_language_defaults_to_the_page_and_can_be_chosen(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    consultant_client.post("/lang", data={"lang": "zh-Hant"})
    page = consultant_client.get(f"/consultant/cases/{case.id}/bundle").get_data(as_text=True)
    assert '<option value="zh-Hant" selected>' in page
    assert "入境處的檔案限制" in page
    assert "申請人的近照 — 欠缺" in page
    assert "遞交文件包" in index_text(consultant_client, case.id, "zh-Hant")
    english = index_text(consultant_client, case.id, "en")
    assert "Submission bundle" in english
    assert "Missing" in english
    chosen = consultant_client.get(f"/consultant/cases/{case.id}/bundle?lang=en")
    assert '<option value="en" selected>' in chosen.get_data(as_text=True)


def test_a_too_big_image_gets_a_one_click_compliant_copy(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    big = add_document(
        app, requirement(case, "A1"), noise_png((1500, 1300)), name="scan.png",
        mime="image/png", kind="image", review=Review.ACCEPTED,
    )  # fmt: skip
    page = consultant_client.get(f"/consultant/cases/{case.id}/bundle").get_data(as_text=True)
    assert f'<li data-document-id="{big.id}">' in page
    assert 'data-action="filing-copy"' in page

    made = consultant_client.post(
        f"/consultant/documents/{big.id}/filing-copy", data={"lang": "en"}
    )
    assert made.status_code == 302
    assert made.headers["Location"].endswith(f"/consultant/cases/{case.id}/bundle?lang=en")
    copy = db.session.scalars(select(Document).where(Document.copy_of_id == big.id)).one()
    assert copy.review is Review.PENDING
    assert copy.size <= 5 * 1024 * 1024
    after = consultant_client.get(made.headers["Location"]).get_data(as_text=True)
    assert "A smaller copy was made" in after
    assert 'data-action="filing-copy"' not in after
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id))
    assert "document.made_smaller" in set(actions)
    history = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert "made a copy of scan.png within the Department&#39;s 5 MB." in history


def test_an_item_titled_only_in_chinese_keeps_its_title_in_an_english_index(
    app: Flask, consultant_client: FlaskClient
) -> None:
    from tracker.services.review import add_item
    from tracker.services.users import find_user

    case = case_by_reference("DEMO-0001")
    maria = next(p for p in case.people if p.name == "Maria Reyes")
    consultant = find_user("consultant@example.com")
    assert consultant is not None
    add_item(case, maria.id, {"zh-Hant": "出生證明書副本"}, actor=consultant)
    db.session.commit()
    page = consultant_client.get(f"/consultant/cases/{case.id}/bundle?lang=en")
    assert "出生證明書副本" in page.get_data(as_text=True)
