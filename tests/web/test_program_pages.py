"""Issue 14 through the pages: a US case shows nothing of Hong Kong; sources name their guide."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.casework import case_by_reference
from tracker.extensions import db
from tracker.models import Case

HONG_KONG = (
    "Hong Kong limit",
    "Limit of stay",
    "First entry to Hong Kong",
    "Immigration Department",
    "about 6 weeks",
    "Guidebook",
    "para ",
    "指南",
)
US_CASE = {
    "program": "us_b1b2",
    "a0-name": "Ho Ka Yan",
    "a0-purpose": "business",
    "a0-employment_status": "employed",
    "a0-applicant_nationality": "hk",
    "a0-applicant_age": "40",
}


def hong_kong_in(html: str) -> list[str]:
    return [word for word in HONG_KONG if word in html]


def test_us_new_case_form_has_no_sponsor_and_no_hong_kong_dates(
    consultant_client: FlaskClient,
) -> None:
    html = consultant_client.get("/consultant/cases/new?program=us_b1b2").get_data(as_text=True)
    assert 'name="a0-purpose"' in html
    assert 'data-role="sponsor"' not in html
    assert "stay_expires_on" not in html
    assert hong_kong_in(html) == []
    hk = consultant_client.get("/consultant/cases/new?program=hk_dependant").get_data(as_text=True)
    assert 'data-role="sponsor"' in hk
    assert 'name="a0-stay_expires_on"' in hk


def test_us_case_pages_show_nothing_of_hong_kong(consultant_client: FlaskClient) -> None:
    response = consultant_client.post("/consultant/cases/new", data=US_CASE)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    case = db.session.scalars(select(Case).where(Case.program == "us_b1b2")).one()
    page = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert 'data-item-code="U9"' in page
    assert hong_kong_in(page) == []


def test_an_infant_employed_is_refused_in_the_users_language(
    consultant_client: FlaskClient,
) -> None:
    infant = {**US_CASE, "a0-applicant_age": "0"}
    html = consultant_client.post("/consultant/cases/new", data=infant).get_data(as_text=True)
    assert 'data-error-for="a0">An applicant under 15 cannot be employed' in html
    chinese = consultant_client.post(
        "/consultant/cases/new", data=infant, headers={"Accept-Language": "zh-HK"}
    ).get_data(as_text=True)
    assert 'data-error-for="a0">未滿 15 歲的申請人不可能受僱' in chinese
    assert db.session.scalars(select(Case).where(Case.program == "us_b1b2")).all() == []


def test_hk_sources_name_and_link_the_guidebook(app: Flask, consultant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    page = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert "Guidebook for Entry for Residence as Dependants in Hong Kong</a> VII(A)" in page
    assert 'href="https://www.gov.hk/en/nonresidents/visarequire/' in page
    chinese = consultant_client.get(
        f"/consultant/cases/{case.id}", headers={"Accept-Language": "zh-CN"}
    ).get_data(as_text=True)
    assert "受养人来港居留入境指南" in chinese
    assert 'href="https://www.gov.hk/sc/' in chinese


def test_dates_show_advice_as_advice(consultant_client: FlaskClient, program: Any) -> None:
    case = case_by_reference("DEMO-0001")
    maria = case.applicants[0]
    html = consultant_client.post(
        f"/consultant/cases/{case.id}/dates",
        data={f"p{maria.id}-travel_document_expires_on": "2040-01-01"},
        follow_redirects=True,
    ).get_data(as_text=True)
    row = html[html.index('data-date="travel_document_renew_by"') :]
    row = row[: row.index("</tr>")]
    assert "data-advice" in row
    assert "The tracker's advice" in row
    assert "data-warning" not in row
    assert "too soon" not in html


@pytest.mark.parametrize(
    ("accept", "limit", "guide"),
    [
        ("en", "(GovHK&#39;s limit for online applications)", "Guidebook for Entry"),
        ("zh-HK", "(香港政府一站通網上申請的上限)", "《受養人來港居留入境指南》"),
        ("zh-CN", "(香港政府一站通网上申请的上限)", "《受养人来港居留入境指南》"),
    ],
)
def test_applicant_page_labels_govhk_limits_and_names_the_guidebook(
    applicant_client: FlaskClient, accept: str, limit: str, guide: str
) -> None:
    case = case_by_reference("DEMO-0001")
    html = applicant_client.get(f"/cases/{case.id}", headers={"Accept-Language": accept}).get_data(
        as_text=True
    )
    assert limit in html
    assert guide in html
    assert 'data-role="intro"' in html
    assert "6 weeks" not in html.split('data-role="intro"')[1][:300]
