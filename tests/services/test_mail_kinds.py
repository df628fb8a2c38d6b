"""Every kind of message reaches a real SMTP server in the reader's language, text and HTML."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

import pytest
from flask import Flask

from tests.casework import accept_everything, add_document, new_case, pdf_bytes, requirement, staff
from tests.mailing import delivered, has_chinese, html_of, link_in, text_of
from tests.servers import SmtpServer
from tracker.extensions import db
from tracker.models import Case, PersonRole, User
from tracker.services import invitations, notices, review, threads
from tracker.services.digest import send_digests
from tracker.services.mail_kinds import KINDS
from tracker.services.reminders import remind
from tracker.validation.findings import Finding, Severity

LANGS = ["en", "zh-Hant", "zh-Hans"]


def family(case: Case, lang: str, email: str = "ann@example.com") -> User:
    """An applicant account on the case who reads `lang`."""
    link = invitations.invite(
        case, email=email, role=PersonRole.APPLICANT, person_id=None, actor=staff(), lang=lang
    )
    return invitations.accept_invitation(link.token, name="Ann", password="long-password-1")


def rejected(case: Case, app: Flask) -> None:
    doc = add_document(app, requirement(case, "A1"), pdf_bytes(), name="photo.pdf")
    review.reject(doc, "unreadable", "", actor=staff())


def translation_needed(case: Case, app: Flask) -> None:
    doc = add_document(app, requirement(case, "A4"), pdf_bytes(), needs_translation=True)
    notices.checks_finished(doc)
    db.session.commit()


def check_failed(case: Case, app: Flask) -> None:
    finding = Finding.make("pdf_encrypted", Severity.ERROR)
    doc = add_document(app, requirement(case, "A4"), pdf_bytes(), findings=[finding])
    notices.checks_finished(doc)
    db.session.commit()


def reminded(case: Case, app: Flask) -> None:
    assert remind() == 1


def thread(case: Case, app: Flask) -> None:
    threads.post(case, staff(), "Please bring the original marriage certificate.")


def ready(case: Case, app: Flask) -> None:
    consultant = staff()
    consultant.locale = case.lang
    accept_everything(case, app)


def digest(case: Case, app: Flask) -> None:
    consultant = staff()
    consultant.locale = case.lang
    add_document(app, requirement(case, "A4"), pdf_bytes())  # waits for review
    assert send_digests() == 1


TRIGGERS: dict[str, tuple[Callable[[Case, Flask], None], str]] = {
    "document_rejected": (rejected, "ann@example.com"),
    "translation_needed": (translation_needed, "ann@example.com"),
    "check_failed": (check_failed, "ann@example.com"),
    "reminder": (reminded, "ann@example.com"),
    "thread_message": (thread, "ann@example.com"),
    "ready_to_file": (ready, "c@example.com"),
    "digest": (digest, "c@example.com"),
}


def test_every_kind_has_a_trigger_here() -> None:
    assert set(TRIGGERS) | {"invitation", "password_reset"} == set(KINDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(TRIGGERS))
def test_each_message_kind_reaches_the_reader_in_their_language(
    mail_app: Flask, smtp_server: SmtpServer, program: Any, kind: str, lang: str
) -> None:
    case = new_case(program, staff())
    family(case, lang)
    TRIGGERS[kind][0](case, mail_app)
    received = delivered(mail_app, smtp_server, 2)  # the invitation, then this one
    message = next(m for m in received if "/invite/" not in text_of(m))
    assert message["To"] == TRIGGERS[kind][1]
    assert_readable(message, lang)
    assert case.reference in message["Subject"] or kind == "digest"


def assert_readable(message: EmailMessage, lang: str) -> None:
    """Text and HTML both, in the reader's script, no attachment, links to the public host."""
    assert message.is_multipart()
    assert not any(part.get_filename() for part in message.walk())
    text, html = text_of(message), html_of(message)
    assert link_in(message)
    assert f'lang="{lang}"' in html
    assert has_chinese(message["Subject"]) is (lang != "en")
    assert has_chinese(text) is (lang != "en")


@pytest.mark.parametrize("lang", LANGS)
def test_invitation_and_password_reset_in_each_language(
    mail_app: Flask, smtp_server: SmtpServer, program: Any, lang: str
) -> None:
    case = new_case(program, staff())
    user = family(case, lang)
    invitations.request_reset(user.email, lang="en")  # their saved language wins
    received = delivered(mail_app, smtp_server, 2)
    for message in received:
        assert_readable(message, lang)
    assert sorted(link_in(m).split("/")[1] for m in received) == ["invite", "reset"]


def test_a_rejection_reaches_the_applicant_in_traditional_chinese_with_the_reason(
    mail_app: Flask, smtp_server: SmtpServer, program: Any
) -> None:
    case = new_case(program, staff())
    family(case, "zh-Hant")
    doc = add_document(mail_app, requirement(case, "A1"), pdf_bytes(), name="photo.pdf")
    review.reject(doc, "unreadable", "相片太模糊", actor=staff())
    received = delivered(mail_app, smtp_server, 2)
    message = next(m for m in received if "/invite/" not in text_of(m))
    text = text_of(message)
    assert "無法閱讀" in text  # the reason, in Traditional Chinese
    assert "請在光線充足的地方" in text  # and how to fix it
    assert "相片太模糊" in text  # the consultant's own words
    assert "/cases/" in link_in(message)
