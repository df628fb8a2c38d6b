"""Mail through the pages: self-service reset, the link page, the case thread, the opt-out link."""

from __future__ import annotations

import re
from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from tests.apps import login
from tests.casework import case_by_reference, forget_current_user, staff
from tests.mailing import delivered, link_in, text_of
from tests.queues import run_worker
from tests.servers import SmtpServer
from tests.web.uploading import INDONESIAN, pdf_bytes, requirement, settle, upload
from tracker.extensions import db
from tracker.models import AuditEvent, CaseMessage, OutboxMessage, PersonRole
from tracker.models.base import utcnow
from tracker.services import invitations
from tracker.services.reminders import remind


def test_the_family_resets_its_own_password_from_the_email(
    mail_app: Flask, smtp_server: SmtpServer, client: FlaskClient, demo: None
) -> None:
    asked = client.post("/reset", data={"email": "Applicant@Example.com"}, follow_redirects=True)
    nobody = client.post("/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert asked.get_data(as_text=True) == nobody.get_data(as_text=True)
    (message,) = delivered(mail_app, smtp_server, 1)
    assert message["To"] == "applicant@example.com"
    link = link_in(message)
    form = client.get(link)
    assert form.status_code == 200
    done = client.post(link, data={"password": "brand-new-pass-1", "confirm": "brand-new-pass-1"})
    assert done.status_code == 302
    assert client.get(link).status_code == 404  # single use
    forget_current_user()
    login(client, "applicant@example.com", "brand-new-pass-1")
    history = db.session.scalars(select(AuditEvent.action)).all()
    assert "auth.reset_link_sent" in history
    assert "auth.password_reset" in history


def test_without_a_mail_server_staff_see_not_sent_and_the_link(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    page = consultant_client.post(
        f"/consultant/cases/{case.id}/invitations",
        data={
            "email": "new@example.com",
            "who": f"applicant:{case.applicants[0].id}",
            "lang": "zh-Hant",
        },
    ).get_data(as_text=True)
    assert 'data-mail-state="not-sent"' in page
    assert "Not sent: no mail server configured." in page
    link = re.search(r'value="(http://localhost/invite/[^"]+)"', page)
    assert link, page
    stored = db.session.scalars(select(OutboxMessage)).one()
    assert stored.link == link.group(1)
    assert stored.lang == "zh-Hant"


def test_with_a_mail_server_staff_see_it_is_on_its_way(
    mail_app: Flask, smtp_server: SmtpServer, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    page = consultant_client.post(
        f"/consultant/cases/{case.id}/invitations",
        data={"email": "new@example.com", "who": f"applicant:{case.applicants[0].id}"},
    ).get_data(as_text=True)
    assert 'data-mail-state="queued"' in page
    (message,) = delivered(mail_app, smtp_server, 1)
    assert link_in(message).startswith("/invite/")
    assert "https://tracker.example.org/invite/" in page  # TRACKER_BASE_URL, not the request


def test_the_thread_belongs_to_its_case_and_tells_the_other_side(
    mail_app: Flask, smtp_server: SmtpServer, client: FlaskClient, demo: None
) -> None:
    mine, theirs = case_by_reference("DEMO-0001"), case_by_reference("DEMO-0002")
    login(client, "applicant@example.com", "applicant-demo-1")
    sent = client.post(f"/cases/{mine.id}/messages", data={"body": "Is a photocopy enough?"})
    assert sent.status_code == 302
    assert client.post(f"/cases/{theirs.id}/messages", data={"body": "x"}).status_code == 404
    assert "Is a photocopy enough?" in client.get(f"/cases/{mine.id}").get_data(as_text=True)
    (message,) = delivered(mail_app, smtp_server, 1)
    assert message["To"] == "consultant@example.com"
    assert "Is a photocopy enough?" in text_of(message)
    history = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "thread.message")
    ).all()
    assert [(e.case_id, e.detail["text"]) for e in history] == [(mine.id, "Is a photocopy enough?")]

    forget_current_user()
    other = mail_app.test_client()
    login(other, "other@example.com", "other-demo-1")
    assert "Is a photocopy enough?" not in other.get(f"/cases/{theirs.id}").get_data(as_text=True)
    assert other.get(f"/cases/{mine.id}").status_code == 404
    assert db.session.scalars(select(CaseMessage.case_id)).all() == [mine.id]


def test_an_empty_message_is_refused_with_a_reason(applicant_client: FlaskClient) -> None:
    case = case_by_reference("DEMO-0001")
    page = applicant_client.post(
        f"/cases/{case.id}/messages", data={"body": "   "}, follow_redirects=True
    ).get_data(as_text=True)
    assert "Write a message first." in page
    assert db.session.scalars(select(CaseMessage)).all() == []


def test_a_reminder_is_not_repeated_and_can_be_stopped(
    mail_app: Flask, smtp_server: SmtpServer, client: FlaskClient, demo: None
) -> None:
    assert remind() == 2  # both demo families have missing documents
    assert remind() == 0  # the same day: nothing again
    first = delivered(mail_app, smtp_server, 2)
    maria = next(m for m in first if m["To"] == "applicant@example.com")
    assert "These documents are still needed:" in text_of(maria)
    stop = re.search(r"https://tracker\.example\.org(/reminders/stop/\S+)", text_of(maria))
    assert stop
    assert client.get(stop.group(1)).status_code == 200  # asks; a mail scanner stops nothing
    assert client.post(stop.group(1)).status_code == 200
    assert client.get("/reminders/stop/forged-token").status_code == 404

    db.session.execute(update(OutboxMessage).values(created_at=utcnow() - timedelta(days=4)))
    db.session.commit()
    assert remind() == 1  # days later: only the family that did not stop them
    (again,) = [m for m in delivered(mail_app, smtp_server, 3)[2:]]
    assert again["To"] == "other@example.com"


def test_the_case_page_lists_its_mail_and_the_link_when_nothing_could_be_sent(
    app: Flask, consultant_client: FlaskClient, client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0002")
    consultant_client.post(
        f"/consultant/cases/{case.id}/invitations",
        data={"email": "new@example.com", "who": f"applicant:{case.applicants[0].id}"},
    )
    app.extensions["jobs"].wait()
    page = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert 'data-role="case-mail"' in page
    assert 'data-mail-state="pending"' in page
    assert "Not sent: no mail server configured." in page
    stored = db.session.scalars(select(OutboxMessage)).one()
    assert f'value="{stored.link}"' in page
    forget_current_user()
    login(client, "other@example.com", "other-demo-1")
    assert stored.link
    assert stored.link not in client.get(f"/cases/{case.id}").get_data(as_text=True)


def test_a_background_check_finding_a_foreign_document_tells_the_family(
    mail_app: Flask, smtp_server: SmtpServer, applicant_client: FlaskClient
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "akta.pdf")
    settle(mail_app)
    (message,) = delivered(mail_app, smtp_server, 1)
    assert message["To"] == "applicant@example.com"
    assert "needs a translation" in message["Subject"]
    assert "is in neither Chinese nor English" in text_of(message)


def test_with_redis_the_worker_delivers_the_mail(
    app: Flask,
    redis_app: Flask,
    smtp_server: SmtpServer,
    demo: None,
) -> None:
    redis_app.config.update(SMTP_URL=smtp_server.url, BASE_URL="https://tracker.example.org")
    with redis_app.app_context():
        case = case_by_reference("DEMO-0002")
        link = invitations.invite(
            case,
            email="ann@example.com",
            role=PersonRole.APPLICANT,
            person_id=None,
            actor=staff(),
            lang="en",
        )
        assert redis_app.extensions["jobs"].queue.count == 1  # deliver_mail, after the commit
        db.session.remove()
    run_worker(redis_app)
    (message,) = smtp_server.wait_for(1)
    assert link_in(message) == f"/invite/{link.token}"
