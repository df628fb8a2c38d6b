"""Reminders name what is missing and the dates coming up, in the reader's language."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select

from tests.casework import new_case, staff
from tracker.extensions import db
from tracker.models import CaseStatus, OutboxMessage, PersonRole
from tracker.services import invitations
from tracker.services.reminders import remind


def family_of_case(program: Any, lang: str = "en", **facts: Any) -> Any:
    case = new_case(program, staff(), **facts)
    link = invitations.invite(
        case,
        email="ann@example.com",
        role=PersonRole.APPLICANT,
        person_id=None,
        actor=staff(),
        lang=lang,
    )
    invitations.accept_invitation(link.token, name="Ann", password="long-password-1")
    return case


def reminders() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder")))


def test_a_limit_of_stay_three_weeks_away_is_in_the_reminder(app: Flask, program: Any) -> None:
    case = family_of_case(program, "zh-Hant")
    case.applicants[0].stay_expires_on = date.today() + timedelta(days=21)
    db.session.commit()
    assert remind() == 1
    (message,) = reminders()
    assert "逗留期限屆滿" in message.text_body
    assert (date.today() + timedelta(days=21)).isoformat() in message.text_body


def test_no_reminder_about_a_closed_case_or_after_opting_out(app: Flask, program: Any) -> None:
    case = family_of_case(program)
    case.status = CaseStatus.CLOSED
    db.session.commit()
    assert remind() == 0
    case.status = CaseStatus.OPEN
    case.members[0].user.reminders = False
    db.session.commit()
    assert remind() == 0
    assert reminders() == []
