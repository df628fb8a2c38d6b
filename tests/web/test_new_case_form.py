"""The new-case form keeps what was typed, says problems beside fields, asks only what matters."""

from __future__ import annotations

import html as html_text
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.casework import case_by_reference
from tracker.extensions import db
from tracker.models import Case

FILIPINO: dict[str, str] = {
    "program": "hk_dependant",
    "applicants": "1",
    "case-application_type": "entry",
    "case-sponsor_category": "gep",
    "sponsor-name": "Daniel Chan",
    "a0-name": "Maria Chan",
    "a0-relationship": "spouse",
    "a0-applicant_age": "34",
    "a0-applicant_nationality": "Philippines",
    "a0-applicant_residence": "overseas",
}
ZH = {"Accept-Language": "zh-HK"}


def opened() -> list[Case]:
    """Cases opened through the form (the demo's cases aside)."""
    return list(db.session.scalars(select(Case).where(Case.reference.like("HD-%"))))


def post(client: FlaskClient, data: dict[str, str], **headers: str) -> tuple[int, str]:
    response = client.post("/consultant/cases/new", data=data, headers=headers)
    return response.status_code, response.get_data(as_text=True)


def error_for(html: str, name: str) -> str:
    found = re.search(rf'data-error-for="{re.escape(name)}">([^<]*)<', html)
    return html_text.unescape(found.group(1)) if found else ""


def question(html: str, name: str) -> str:
    """The opening tag of a question's wrapper (it says whether the question is hidden)."""
    found = re.search(
        rf'<fieldset class="question[^"]*" data-field="{re.escape(name)}"[^>]*>', html
    )
    assert found, name
    return found.group(0)


def test_adding_an_applicant_keeps_everything_typed(consultant_client: FlaskClient) -> None:
    status, html = post(consultant_client, {**FILIPINO, "action": "add_applicant"})
    assert status == 200
    assert 'name="a1-name"' in html
    assert 'value="Daniel Chan"' in html
    assert 'value="Maria Chan"' in html
    assert 'value="Philippines"' in html
    assert '<option value="spouse" selected>' in html
    assert opened() == []


def test_changing_program_and_back_keeps_what_was_typed(consultant_client: FlaskClient) -> None:
    status, us = post(
        consultant_client, {**FILIPINO, "program": "us_b1b2", "action": "change_program"}
    )
    assert status == 200
    assert 'name="a0-purpose"' in us
    assert 'data-role="sponsor"' not in us
    assert 'value="Maria Chan"' in us  # shared questions stay filled
    assert 'type="hidden" name="sponsor-name" value="Daniel Chan"' in us  # the rest is carried
    back = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', us))
    back.update({"program": "hk_dependant", "action": "change_program"})
    _, hk = post(consultant_client, back)
    assert (
        'id="sponsor-name" name="sponsor-name" type="text" maxlength="200" value="Daniel Chan"'
        in hk
    )
    assert '<option value="gep" selected>' in hk


def test_only_the_questions_the_answers_need_are_asked(consultant_client: FlaskClient) -> None:
    _, html = post(consultant_client, {**FILIPINO, "action": "refresh"})
    for name in (
        "a0-macau_former_mainland_resident",
        "a0-macau_id_years",
        "case-sponsor_programme_local_degree",
    ):
        assert "hidden disabled" in question(html, name)
    assert "hidden" not in question(html, "a0-applicant_nationality")
    macau = {
        **FILIPINO,
        "a0-applicant_residence": "macau",
        "a0-macau_former_mainland_resident": "yes",
    }
    _, html = post(consultant_client, {**macau, "action": "refresh"})
    assert "hidden" not in question(html, "a0-macau_former_mainland_resident")
    assert "hidden" not in question(html, "a0-macau_id_years")
    answer = consultant_client.post("/consultant/cases/new/questions", data=FILIPINO).get_json()
    assert "a0-macau_id_years" in answer["hidden"]
    assert "a0-applicant_age" not in answer["hidden"]


def test_a_macau_answer_left_behind_is_not_used(consultant_client: FlaskClient) -> None:
    stale = {**FILIPINO, "a0-macau_former_mainland_resident": "yes"}  # residence is overseas
    status, _ = post(consultant_client, stale)
    assert status == 302
    (case,) = opened()
    assert "macau_former_mainland_resident" not in case.applicants[0].facts
    assert case.applicants[0].facts["applicant_nationality"] == "PH"


@pytest.mark.parametrize(
    ("headers", "missing", "years", "country"),
    [
        (
            {},
            "Relationship to the sponsor: answer this question.",
            "Years holding a Macau identity card: answer this question.",
            "Atlantis is not a country",
        ),
        (
            ZH,
            "與保證人的關係：請回答此問題。",
            "持有澳門身份證年數：請回答此問題。",
            "Atlantis 不是國家或地區",
        ),
    ],
)
def test_problems_are_said_beside_their_fields_in_the_users_language(
    consultant_client: FlaskClient, headers: dict[str, str], missing: str, years: str, country: str
) -> None:
    bad = {
        **FILIPINO,
        "applicants": "2",
        "a0-relationship": "",
        "a1-name": "Macau Lee",
        "a1-relationship": "child",
        "a1-applicant_age": "10",
        "a1-applicant_nationality": "Atlantis",
        "a1-applicant_residence": "macau",
        "a1-macau_former_mainland_resident": "yes",
    }
    status, html = post(consultant_client, bad, **headers)
    assert status == 400
    assert error_for(html, "a0-relationship") == missing
    assert "missing fact" not in html
    assert error_for(html, "a1-applicant_nationality").startswith(
        "Applicant's nationality" if not headers else "申請人國籍"
    )
    assert country in error_for(html, "a1-applicant_nationality")
    assert 'value="Macau Lee"' in html
    assert 'data-role="form-errors"' in html
    assert opened() == []
    del bad["a1-applicant_nationality"]
    bad["a0-relationship"] = "spouse"
    bad["a1-applicant_nationality"] = "CN"
    status, html = post(consultant_client, bad, **headers)
    assert status == 400
    assert error_for(html, "a1-macau_id_years") == years


def test_nationality_is_a_searchable_list_of_country_names(consultant_client: FlaskClient) -> None:
    html = consultant_client.get("/consultant/cases/new").get_data(as_text=True)
    assert 'list="countries"' in html
    assert '<option value="Philippines" label="PH">' in html
    chinese = consultant_client.get("/consultant/cases/new", headers=ZH).get_data(as_text=True)
    assert '<option value="菲律賓" label="PH">' in chinese


def test_a_us_visitor_is_asked_nothing_of_a_sponsor(consultant_client: FlaskClient) -> None:
    html = consultant_client.get("/consultant/cases/new?program=us_b1b2").get_data(as_text=True)
    assert "sponsor" not in html.lower()


@pytest.mark.parametrize(
    ("headers", "said"),
    [
        ({}, ": Relationship to the sponsor: answer this question."),
        (ZH, ": 與保證人的關係：請回答此問題。"),
    ],
)
def test_editing_facts_says_a_missing_answer_in_the_users_language(
    consultant_client: FlaskClient, headers: dict[str, str], said: str
) -> None:
    case = case_by_reference("DEMO-0001")
    form = {"case-application_type": "entry", "case-sponsor_category": "gep"}
    for person in case.applicants:
        form.update({f"p{person.id}-{k}": str(v) for k, v in person.facts.items()})
    maria = case.applicants[0]
    form[f"p{maria.id}-relationship"] = ""
    response = consultant_client.post(
        f"/consultant/cases/{case.id}/facts", data=form, headers=headers
    )
    page = html_text.unescape(response.get_data(as_text=True))
    assert f"{maria.name}{said}" in page
    assert "missing fact" not in page


@pytest.mark.parametrize(
    ("typed", "headers", "code"),
    [("Hong Kong", {}, "HK"), ("hk", {}, "HK"), ("菲律賓", ZH, "PH"), ("Philippines", ZH, "PH")],
)
def test_a_country_is_found_by_its_name_or_code(
    consultant_client: FlaskClient, typed: str, headers: dict[str, str], code: str
) -> None:
    visitor = {
        "program": "us_b1b2",
        "a0-name": "Ho Ka Yan",
        "a0-purpose": "tourism",
        "a0-employment_status": "employed",
        "a0-applicant_age": "40",
        "a0-applicant_nationality": typed,
    }
    status, _ = post(consultant_client, visitor, **headers)
    assert status == 302
    (case,) = db.session.scalars(select(Case).where(Case.program == "us_b1b2")).all()
    assert case.applicants[0].facts["applicant_nationality"] == code
