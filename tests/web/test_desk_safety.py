"""Nothing silent, nothing irreversible by accident: confirmations, flags, history, added items."""

from __future__ import annotations

import io
from datetime import date, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.casework import add_document, case_by_reference, pdf_bytes, requirement
from tracker.extensions import db
from tracker.models import CaseStatus, Requirement
from tracker.services.documents import submit_uploads
from tracker.services.invitations import request_reset, reset_link
from tracker.services.registry import get_programs
from tracker.services.users import find_user


def row_of(html: str, case_id: int) -> str:
    start = html.index(f'data-case-id="{case_id}"')
    return html[start : html.index("</tr>", start)]


def history_of(html: str) -> str:
    return html[html.index('id="audit"') :]


def test_closing_and_archiving_ask_first_and_change_nothing_until_confirmed(
    consultant_client: FlaskClient,
) -> None:
    case = case_by_reference("DEMO-0001")
    for status in ("closed", "archived"):
        asked = consultant_client.post(
            f"/consultant/cases/{case.id}/status", data={"status": status}
        )
        html = asked.get_data(as_text=True)
        assert asked.status_code == 200
        assert f'data-role="confirm-status" data-status="{status}"' in html
        assert 'name="confirm" value="1"' in html
        db.session.refresh(case)
        assert case.status is CaseStatus.OPEN
    done = consultant_client.post(
        f"/consultant/cases/{case.id}/status", data={"status": "archived", "confirm": "1"}
    )
    assert done.status_code == 302
    db.session.refresh(case)
    assert case.status is CaseStatus.ARCHIVED
    reopened = consultant_client.post(
        f"/consultant/cases/{case.id}/status", data={"status": "open"}
    )
    assert reopened.status_code == 302  # reopening loses nothing: no question asked


def test_the_dashboard_flags_ineligible_cases_reset_requests_and_near_deadlines(
    consultant_client: FlaskClient,
) -> None:
    one, two = case_by_reference("DEMO-0001"), case_by_reference("DEMO-0002")
    one.applicants[0].eligible = False
    two.next_deadline = date.today() + timedelta(days=10)
    db.session.commit()
    request_reset("other@example.com")
    html = consultant_client.get("/dashboard").get_data(as_text=True)
    first, second = row_of(html, one.id), row_of(html, two.id)
    assert 'data-flag="ineligible"' in first
    assert "Maria Reyes" in first
    assert 'data-flag="deadline"' in second
    assert "in 10 days" in second
    assert 'data-flag="reset"' in second
    assert 'data-flag="reset"' not in first
    user = find_user("other@example.com")
    assert user is not None
    reset_link(two, user.id, actor=find_user("consultant@example.com"))  # type: ignore[arg-type]
    settled = consultant_client.get("/dashboard").get_data(as_text=True)
    assert 'data-flag="reset"' not in row_of(settled, two.id)


def test_history_reads_as_sentences_in_the_readers_language(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    doc = add_document(app, requirement(case, "A4", "Maria Reyes"), pdf_bytes(), name="cert.pdf")
    doc.pages = 2
    db.session.commit()
    consultant_client.post(f"/consultant/documents/{doc.id}/accept")
    english = history_of(consultant_client.get(f"/consultant/cases/{case.id}").get_data(True))
    assert "Chan Tai Man (consultant) accepted cert.pdf (2 pages) for “" in english
    assert "” of Maria Reyes." in english
    assert "opened the case." in english
    assert "document.accepted</td>" not in english  # the code is a hook, not the text
    consultant_client.post("/lang", data={"lang": "zh-Hant"})
    chinese = history_of(consultant_client.get(f"/consultant/cases/{case.id}").get_data(True))
    assert "Chan Tai Man (consultant)接納了Maria Reyes的「" in chinese
    assert "cert.pdf（2 頁）" in chinese


def test_an_added_item_takes_any_language_says_which_and_the_programs_limits(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    maria = next(p for p in case.applicants if p.name == "Maria Reyes")
    nothing = consultant_client.post(
        f"/consultant/cases/{case.id}/items",
        data={"person_id": str(maria.id)},
        follow_redirects=True,
    )
    assert "Give the document&#39;s title in at least one language." in nothing.get_data(True)
    consultant_client.post(
        f"/consultant/cases/{case.id}/items",
        data={"person_id": str(maria.id), "title-zh-Hant": "僱主證明信"},
    )
    html = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert "X1 · 僱主證明信" in html
    assert "(title given in Traditional Chinese only)" in html
    assert "at most 10 files" in html
    assert "up to 5.0 MB a file" in html  # hk_dependant's [defaults], not the app's 10 MB
    req = db.session.scalars(
        select(Requirement).where(Requirement.case_id == case.id, Requirement.code == "X1")
    ).one()
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 100)
    applicant = find_user("applicant@example.com")
    assert applicant is not None
    with app.test_request_context():  # the service as the upload view calls it (no 500 kB body)
        (doc,) = submit_uploads(
            applicant, req, [(io.BytesIO(big), "letter.pdf")], program=get_programs()[case.program]
        )
        findings = [f.to_dict("en") for f in doc.findings]
    assert [f["code"] for f in findings] == ["too_large"]
    assert "5,242,880 B" in findings[0]["message"]  # the program's 5 MB, not the app's 10 MB
