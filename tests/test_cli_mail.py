"""`tracker mail pending`, `tracker mail send` and `tracker remind` for operators."""

from __future__ import annotations

from typing import Any

from flask import Flask

from tests.casework import new_case, staff
from tests.servers import SmtpServer
from tracker.cli import cli
from tracker.models import PersonRole
from tracker.services import invitations


def run(app: Flask, *args: str) -> Any:
    result = app.test_cli_runner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def invite(program: Any) -> None:
    invitations.invite(
        new_case(program, staff()),
        email="ann@example.com",
        role=PersonRole.APPLICANT,
        person_id=None,
        actor=staff(),
    )


def test_without_a_server_pending_lists_the_message_and_send_says_why(
    app: Flask, program: Any
) -> None:
    invite(program)
    app.extensions["jobs"].wait()
    pending = run(app, "mail", "pending")
    assert "invitation\tann@example.com" in pending.stdout
    assert "no mail server configured" in pending.stdout
    assert "not sent: no mail server configured" in run(app, "mail", "send").stdout


def test_send_delivers_what_waited_through_an_outage(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    smtp_server.stop()
    invite(program)
    mail_app.extensions["jobs"].wait()
    assert "attempts=1" in run(mail_app, "mail", "pending").stdout
    smtp_server.start()
    assert "sent 1 message(s)" in run(mail_app, "mail", "send").stdout
    assert run(mail_app, "mail", "pending").stdout == ""
    assert len(smtp_server.wait_for(1)) == 1


def test_remind_sends_the_reminders_once_a_day(
    mail_app: Flask, smtp_server: SmtpServer, demo: None
) -> None:
    # Nothing waits for the demo consultant's review and no deadline is near: no digest.
    assert "queued 2 reminder(s) and 0 digest(s)" in run(mail_app, "remind").stdout
    assert "queued 0 reminder(s) and 0 digest(s)" in run(mail_app, "remind").stdout
    assert len(smtp_server.wait_for(2)) == 2
