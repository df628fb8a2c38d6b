"""Delivery over a real SMTP server: exactly once through an outage, and nothing lost."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select, update

from tests import servers, tls
from tests.casework import new_case, staff
from tests.mailing import delivered, html_of, link_in, text_of
from tests.servers import SmtpServer
from tracker.extensions import db
from tracker.models import MailState, OutboxMessage, PersonRole
from tracker.models.base import utcnow
from tracker.services import invitations
from tracker.services.mail_delivery import MAX_ATTEMPTS, NO_SERVER, deliver_due, retry_failed


def invite(program: Any, email: str, lang: str = "en") -> invitations.IssuedLink:
    case = new_case(program, staff(name="Chan Tai Man"))
    return invitations.invite(
        case, email=email, role=PersonRole.APPLICANT, person_id=None, actor=staff(), lang=lang
    )


def outbox() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def invited_while_down(app: Flask, server: SmtpServer, program: Any, emails: list[str]) -> None:
    """Invitations made while the SMTP server is down: they wait for a later delivery run."""
    server.stop()
    for email in emails:
        invite(program, email)
    app.extensions["jobs"].wait()


def test_invitation_arrives_with_its_link_and_expiry_in_hong_kong_time(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    link = invite(program, "ann@example.com")
    (message,) = delivered(mail_app, smtp_server, 1)
    assert message["To"] == "ann@example.com"
    assert message["From"] == "tracker@localhost"
    assert message["Message-ID"] == link.message.message_id if link.message else False
    assert link_in(message) == f"/invite/{link.token}"
    assert "(Hong Kong time)" in text_of(message)
    assert link.url in html_of(message)
    assert not any(part.get_filename() for part in message.walk())  # no attachment, ever
    assert [m.state for m in outbox()] == [MailState.SENT]


def test_an_outage_loses_nothing_and_recovery_sends_each_message_once(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    invited_while_down(mail_app, smtp_server, program, [f"family{n}@example.com" for n in range(4)])
    deliver_due(everything=True)  # one more attempt: the first refused connection ends the run
    waiting = outbox()
    assert {m.state for m in waiting} == {MailState.PENDING}
    failed = [m for m in waiting if m.attempts]
    assert failed
    assert all(m.last_error and "ConnectionRefusedError" in m.last_error for m in failed)

    smtp_server.start()
    assert deliver_due(everything=True) == 4
    deliver_due(everything=True)
    received = smtp_server.wait_for(4)
    assert len(received) == 4
    assert sorted(m["Message-ID"] for m in received) == sorted(m.message_id for m in waiting)
    assert {m.state for m in outbox()} == {MailState.SENT}


def test_a_sender_that_died_mid_send_is_taken_over_with_the_same_message_id(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    """The at-least-once edge: accepted by the server, crashed before `sent` was stored."""
    invited_while_down(mail_app, smtp_server, program, ["ann@example.com"])
    message = outbox()[0]
    db.session.execute(
        update(OutboxMessage).values(
            state=MailState.SENDING, claimed_at=utcnow() - timedelta(minutes=5)
        )
    )
    db.session.commit()
    smtp_server.start()
    assert deliver_due(everything=True) == 0  # a fresh claim belongs to its sender
    db.session.execute(update(OutboxMessage).values(claimed_at=utcnow() - timedelta(minutes=11)))
    db.session.commit()
    assert deliver_due() == 1
    (received,) = smtp_server.wait_for(1)
    assert received["Message-ID"] == message.message_id


def test_without_a_mail_server_messages_wait_and_are_written_as_eml_files(
    app: Flask, program: Any
) -> None:
    link = invite(program, "ann@example.com")
    app.extensions["jobs"].wait()
    deliver_due()
    (message,) = outbox()
    assert message.state is MailState.PENDING
    assert message.last_error == NO_SERVER
    (eml,) = Path(app.config["MAIL_DIR"]).glob("*.eml")
    assert link.url in eml.read_text()
    assert link.url.startswith("http://localhost:5000/invite/")  # no TRACKER_BASE_URL, no request


def test_the_message_is_rolled_back_with_the_action(app: Flask, program: Any) -> None:
    case = new_case(program, staff())
    try:
        invitations.invite(
            case, email="staffer@", role=PersonRole.APPLICANT, person_id=None, actor=staff()
        )
    except Exception:  # noqa: BLE001,S110 - the bad address refuses the whole action
        db.session.rollback()
    assert outbox() == []


def test_concurrent_senders_send_each_message_once(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    invited_while_down(
        mail_app, smtp_server, program, [f"family{n}@example.com" for n in range(12)]
    )
    smtp_server.start()

    def sender() -> None:
        with mail_app.app_context():
            deliver_due(everything=True)
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    received = smtp_server.wait_for(12)
    time.sleep(0.5)  # a duplicate would arrive now
    ids = [m["Message-ID"] for m in smtp_server.wait_for(12)]
    assert len(ids) == len(set(ids)) == 12
    assert {m.state for m in outbox()} == {MailState.SENT}
    assert len(received) == 12


def test_a_refused_recipient_holds_up_no_one_and_ends_failed_after_the_last_attempt(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    invite(program, "refused@example.com")
    invite(program, "ann@example.com")
    (arrived,) = delivered(mail_app, smtp_server, 1)
    assert arrived["To"] == "ann@example.com"
    refused = next(m for m in outbox() if m.recipient == "refused@example.com")
    assert (refused.state, "550" in (refused.last_error or "")) == (MailState.PENDING, True)
    db.session.execute(update(OutboxMessage).values(attempts=MAX_ATTEMPTS - 1))
    db.session.commit()
    deliver_due(everything=True)
    db.session.refresh(refused)
    assert refused.state.value == "failed"
    assert retry_failed() == 1
    db.session.refresh(refused)
    assert (refused.state, refused.attempts) == (MailState.PENDING, 0)


def test_a_run_sends_its_messages_over_one_conversation_a_refusal_included(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    emails = ["ann@example.com", "refused@example.com", "ben@example.com", "cat@x.example"]
    invited_while_down(mail_app, smtp_server, program, emails)
    smtp_server.start()
    assert deliver_due(everything=True) == 3
    received = smtp_server.wait_for(3)
    assert sorted(m["To"] for m in received) == [
        "ann@example.com",
        "ben@example.com",
        "cat@x.example",
    ]
    assert len(set(smtp_server.peers)) == 1  # one connection, not one per message


def test_a_server_that_hangs_up_between_messages_is_called_again(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    invited_while_down(mail_app, smtp_server, program, [f"family{n}@example.com" for n in range(3)])
    smtp_server.hang_up_after_each = True
    smtp_server.start()
    time.sleep(0.2)
    assert deliver_due(everything=True) == 3
    ids = [m["Message-ID"] for m in smtp_server.wait_for(3)]
    time.sleep(0.5)  # a duplicate would arrive now
    assert len(smtp_server.received) == len(set(ids)) == 3
    assert len(set(smtp_server.peers)) == 3
    assert {m.state for m in outbox()} == {MailState.SENT}


@pytest.mark.parametrize("scheme", ["smtp+starttls", "smtps"])
def test_mail_goes_over_tls_with_a_login_and_not_to_an_untrusted_server(
    app: Flask, program: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    certificate = tls.self_signed(tmp_path)
    kind = "smtps" if scheme == "smtps" else "starttls"
    with servers.smtp(tls=kind, certificate=certificate, login=("mailer", "p@ss word")) as server:
        base = f"{scheme}://mailer:p%40ss%20word@127.0.0.1:{server.port}"
        app.config.update(SMTP_URL=base, BASE_URL="https://tracker.example.org")
        invite(program, "ann@example.com")
        app.extensions["jobs"].wait()
        assert [m.state for m in outbox()] == [MailState.PENDING]  # its certificate is unknown
        assert "CERTIFICATE_VERIFY_FAILED" in (outbox()[0].last_error or "")

        monkeypatch.setenv("SSL_CERT_FILE", str(certificate.cert))  # now trusted
        app.config.update(SMTP_URL=base.replace("p%40ss%20word", "wrong"))
        assert deliver_due(everything=True) == 0
        assert "535" in (outbox()[0].last_error or "")  # the login was refused

        app.config.update(SMTP_URL=base)
        assert deliver_due(everything=True) == 1
    (message,) = server.received
    assert message["To"] == "ann@example.com"
    assert server.logins == ["mailer"]
    assert [m.state for m in outbox()] == [MailState.SENT]
