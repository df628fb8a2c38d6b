"""A travel document's MRZ is read in the background check, never its language."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.validation.passports import MAKERS, PEOPLE, Person, expected, letter_page, png
from tests.web.uploading import requirement, settle, upload
from tracker.extensions import db
from tracker.models import Case, Document

REYES = PEOPLE[0]  # a made-up passport in the demo applicant's name (born 1990: not 34)
TODAY = date.today()
# The demo applicant as the case has her: Maria Reyes, 34, Philippine.
HER = replace(REYES, birth=date(TODAY.year - 34, 1, 1), expiry=date(TODAY.year + 5, 6, 30))


def passport(person: Person) -> bytes:
    return MAKERS["clean_300dpi"](person, 0)


def uploaded(app: Flask, client: FlaskClient, code: str, data: bytes) -> Document:
    req = requirement(code, person="Maria Reyes")
    upload(client, f"/items/{req.id}/documents", data, "passport.png")
    settle(app)
    return db.session.scalars(select(Document).where(Document.requirement_id == req.id)).one()


def test_a_passport_page_is_read_and_never_needs_translation(
    app: Flask, applicant_client: FlaskClient
) -> None:
    doc = uploaded(app, applicant_client, "A2", passport(HER))
    assert doc.mrz == expected(HER)
    assert doc.needs_translation is False
    assert doc.findings == ()
    assert requirement("A2", person="Maria Reyes").status.value == "in_review"
    assert doc.requirement.person.travel_document_expires_on == HER.expiry  # now a case date


def test_another_persons_passport_names_both_people(
    app: Flask, applicant_client: FlaskClient
) -> None:
    doc = uploaded(app, applicant_client, "A2", passport(PEOPLE[1]))
    found = {f.code: dict(f.params) for f in doc.findings}
    assert found["mrz_name_mismatch"] == {"mrz_name": "CHAN, TAI MAN", "case_name": "Maria Reyes"}
    assert found["mrz_nationality_mismatch"] == {"mrz_nationality": "CHN", "case_nationality": "PH"}
    applicant_client.post("/lang", data={"lang": "zh-Hans"})
    page = applicant_client.get(f"/cases/{doc.case_id}").get_data(as_text=True)
    assert "旅行证件上的姓名（CHAN, TAI MAN）与案件所载姓名（Maria Reyes）不符" in page


def test_a_wrong_birth_date_is_a_warning(app: Flask, applicant_client: FlaskClient) -> None:
    doc = uploaded(app, applicant_client, "A2", passport(REYES))
    assert [f.code for f in doc.findings] == ["mrz_age_mismatch"]


def test_an_expired_passport_is_invalid_and_the_cases_next_deadline(
    app: Flask, applicant_client: FlaskClient
) -> None:
    lapsed = replace(HER, expiry=TODAY - timedelta(days=3))
    doc = uploaded(app, applicant_client, "A2", passport(lapsed))
    assert [f.code for f in doc.findings] == ["mrz_expired"]
    assert requirement("A2", person="Maria Reyes").status.value == "invalid"
    case = db.session.get(Case, doc.case_id)
    assert case is not None
    assert (case.next_deadline, case.next_deadline_code) == (
        lapsed.expiry,
        "travel_document_expires",
    )


def test_a_tampered_page_is_invalid_and_says_why_in_chinese(
    app: Flask, applicant_client: FlaskClient
) -> None:
    doc = uploaded(app, applicant_client, "A2", MAKERS["tampered"](HER, 0))
    assert [f.code for f in doc.findings] == ["mrz_checksum"]
    assert doc.mrz is not None
    assert doc.mrz["checksums_ok"] is False
    assert requirement("A2", person="Maria Reyes").status.value == "invalid"
    applicant_client.post("/lang", data={"lang": "zh-Hant"})
    page = applicant_client.get(f"/cases/{doc.case_id}").get_data(as_text=True)
    assert "校驗數字不符（出生日期、總校驗數字）" in page


def test_a_page_without_a_zone_is_a_warning_for_a_person(
    app: Flask, applicant_client: FlaskClient
) -> None:
    doc = uploaded(app, applicant_client, "A2", png(letter_page()))
    assert doc.mrz is None
    assert [(f.code, str(f.severity)) for f in doc.findings] == [("mrz_unreadable", "warning")]


def test_validate_prints_the_mrz_for_travel_document_items_only(app: Flask, tmp_path: Path) -> None:
    from tracker.cli import cli

    page = tmp_path / "passport.png"
    page.write_bytes(MAKERS["phone_photo"](HER, 0))
    runner = app.test_cli_runner()
    read = json.loads(runner.invoke(cli, ["validate", str(page), "--item", "A2"]).output)
    assert read["mrz"] == expected(HER)
    assert read["needs_translation"] is False
    us = ["validate", str(page), "--item", "U4", "--program", "us_b1b2"]
    assert json.loads(runner.invoke(cli, us).output)["mrz"] == expected(HER)
    other = json.loads(runner.invoke(cli, ["validate", str(page), "--item", "A4"]).output)
    assert other["mrz"] is None


def test_the_api_reads_the_zone_too(applicant_client: FlaskClient) -> None:
    data = MAKERS["rotated_90"](REYES, 1)
    body = applicant_client.post(
        "/api/v1/validate",
        data={"file": (io.BytesIO(data), "passport.png"), "item": "A2"},
        content_type="multipart/form-data",
    ).get_json()
    assert body["mrz"] == expected(REYES)


def test_the_consultant_sees_the_zone_and_corrects_a_misread_field(
    app: Flask, applicant_client: FlaskClient
) -> None:
    from tests.apps import login
    from tracker.models import AuditEvent

    doc = uploaded(app, applicant_client, "A2", passport(REYES))
    assert [f.code for f in doc.findings] == ["mrz_age_mismatch"]
    client = applicant_client
    client.post("/logout")
    login(client, "consultant@example.com", "consultant-demo-1")
    page = client.get(f"/consultant/cases/{doc.case_id}").get_data(as_text=True)
    assert 'data-role="mrz"' in page
    assert '<dd data-mrz-field="birth_date">1990-05-17</dd>' in page
    url = f"/consultant/documents/{doc.id}/mrz"
    client.post(url, data={"field": "birth_date", "value": str(HER.birth)})
    db.session.expire_all()
    fixed = db.session.get(Document, doc.id)
    assert fixed is not None
    assert fixed.mrz is not None
    assert fixed.mrz["birth_date"] == str(HER.birth)
    assert fixed.findings == ()  # the age fits now
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "document.mrz_corrected")
    ).one()
    assert event.detail["previous"] == "1990-05-17"
    client.post(url, data={"field": "birth_date", "value": "1990-13-45"})
    db.session.expire_all()
    assert db.session.get(Document, doc.id).mrz["birth_date"] == str(HER.birth)  # type: ignore[union-attr,index]


def test_the_us_new_case_form_asks_the_intended_stay(consultant_client: FlaskClient) -> None:
    url = "/consultant/cases/new?program=us_b1b2"
    html = consultant_client.get(url).get_data(as_text=True)
    for fact in ("intended_arrival", "intended_departure"):
        assert f'<input id="a0-{fact}" name="a0-{fact}" type="date"' in html
    assert "Intended date of departure from the US" in html
    chinese = consultant_client.get(url, headers={"Accept-Language": "zh-HK"})
    assert "預計離開美國日期" in chinese.get_data(as_text=True)


def us_case_with_a_stay(app: Flask, departure: date) -> Case:
    from tracker.models import PersonRole, Role
    from tracker.services.cases import NewApplicant, add_member, create_case
    from tracker.services.users import create_user

    us = app.extensions["programs"]["us_b1b2"]
    facts = {"purpose": "tourism", "employment_status": "employed", "applicant_age": 34}
    facts |= {"applicant_nationality": "PH", "intended_arrival": str(departure - timedelta(9))}
    facts["intended_departure"] = str(departure)
    case = create_case(
        us, case_facts={}, sponsor_name="", applicants=[NewApplicant("Maria Reyes", facts)]
    )
    user = create_user("visitor@example.com", "visitor-pass-1", Role.APPLICANT)
    add_member(case, user, PersonRole.APPLICANT)
    db.session.commit()
    return case


def test_a_us_passport_expiring_during_the_intended_stay_is_invalid_and_a_deadline(
    app: Flask, client: FlaskClient
) -> None:
    from tests.apps import login

    case = us_case_with_a_stay(app, departure=HER.expiry + timedelta(days=5))
    login(client, "visitor@example.com", "visitor-pass-1")
    req = requirement("U4", reference=case.reference)
    upload(client, f"/items/{req.id}/documents", passport(HER), "passport.png")
    settle(app)
    doc = db.session.scalars(select(Document).where(Document.requirement_id == req.id)).one()
    assert [(f.code, dict(f.params)["needed_date"]) for f in doc.findings] == [
        ("mrz_expires_too_soon", str(HER.expiry + timedelta(days=5)))
    ]
    assert requirement("U4", reference=case.reference).status.value == "invalid"
    found = db.session.get(Case, case.id)
    assert found is not None
    assert (found.next_deadline, found.next_deadline_code) == (
        HER.expiry,
        "travel_document_expires",
    )
    client.post("/lang", data={"lang": "zh-Hans"})
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f"此旅行证件于 {HER.expiry} 届满，早于预计离开美国" in page


def test_a_us_passport_valid_for_the_whole_stay_has_nothing_to_say(
    app: Flask, client: FlaskClient
) -> None:
    from tests.apps import login

    case = us_case_with_a_stay(app, departure=HER.expiry)
    login(client, "visitor@example.com", "visitor-pass-1")
    req = requirement("U4", reference=case.reference)
    upload(client, f"/items/{req.id}/documents", passport(HER), "passport.png")
    settle(app)
    doc = db.session.scalars(select(Document).where(Document.requirement_id == req.id)).one()
    assert doc.findings == ()
