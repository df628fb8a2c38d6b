"""Reminders to families (`tracker remind`, daily): what is still missing and dates coming up.

At most one reminder per case every REMINDER_GAP (the outbox is the record of
what went out), never to someone who stopped them, never about a closed case.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import or_, select

from tracker.extensions import db
from tracker.models import Case, CaseStatus, ItemStatus, OutboxMessage, User
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.access import can_see_person
from tracker.services.deadlines import dates_of
from tracker.services.errors import NotFoundError
from tracker.services.outbox import external_url, queue_message, reader_lang
from tracker.services.registry import get_programs
from tracker.services.views.checklist import item_title

REMINDER_GAP = timedelta(days=3)
DATE_HORIZON = timedelta(days=30)  # dates this close are worth a reminder
TODO = (ItemStatus.MISSING, ItemStatus.INVALID, ItemStatus.NEEDS_TRANSLATION, ItemStatus.REJECTED)
_SALT = "reminders-stop"


def remind(today: date | None = None) -> int:
    """Queue reminders for every open case that needs the family; return how many."""
    today = today or date.today()
    count = sum(_remind_case(case, today) for case in _candidates(today))
    db.session.commit()
    return count


def _candidates(today: date) -> list[Case]:
    waiting = (
        Case.count_missing + Case.count_invalid + Case.count_needs_translation + Case.count_rejected
    )
    recent = select(OutboxMessage.case_id).where(
        OutboxMessage.kind == "reminder",
        OutboxMessage.created_at > utcnow() - REMINDER_GAP,
        OutboxMessage.case_id.is_not(None),
    )
    query = select(Case).where(
        Case.status == CaseStatus.OPEN,
        or_(waiting > 0, Case.next_deadline >= today),  # _dates picks the dates worth a word
        Case.id.not_in(recent),
    )
    return list(db.session.scalars(query.order_by(Case.id)))


def _remind_case(case: Case, today: date) -> int:
    sent = 0
    for member in case.members:
        user = member.user
        if not (user.active and user.reminders):
            continue
        lang = reader_lang(user, case)
        todo, dates = _todo(case, user, lang), _dates(case, user, lang, today)
        if todo or dates:
            _queue(case, user, lang, todo, dates)
            sent += 1
    return sent


def _todo(case: Case, user: User, lang: str) -> list[str]:
    program = get_programs()[case.program]
    return [
        f"{item_title(program, req)(lang)} ({req.person.name})"
        for req in sorted(case.requirements, key=lambda r: (r.person.position, r.position))
        if req.status in TODO and can_see_person(user, case, req.person)
    ]


def _dates(case: Case, user: User, lang: str, today: date) -> list[str]:
    entries = dates_of(case, get_programs()[case.program], today=today)
    seen = {p.id for p in case.people if can_see_person(user, case, p)}
    mine = [*entries.case, *(e for pid, es in entries.people.items() if pid in seen for e in es)]
    return [
        f"{e.title(lang)}: {e.on.isoformat()}"
        for e in sorted(mine, key=lambda e: e.on)
        if e.urgent(today) or 0 <= e.days_from(today) <= DATE_HORIZON.days
    ]


def _queue(case: Case, user: User, lang: str, todo: list[str], dates: list[str]) -> None:
    queue_message(
        "reminder",
        to=user.email,
        lang=lang,
        context={
            "todo": todo,
            "dates": dates,
            "stop_link": external_url("messages.stop_reminders", token=stop_token(user)),
        },
        case=case,
        user=user,
        link=external_url("applicant.case", case_id=case.id),
    )


def stop_token(user: User) -> str:
    """The opt-out token in every reminder: signed, so nobody stops someone else's."""
    return str(_serializer().dumps(user.id))


def check_stop_token(token: str) -> User:
    """The account an opt-out link names; NotFoundError for a forged or mangled one."""
    try:
        user_id = int(_serializer().loads(token))
    except (BadSignature, ValueError, TypeError):
        raise NotFoundError(_("This link is not valid.")) from None
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFoundError(_("This link is not valid."))
    return user


def stop_reminders(token: str) -> User:
    """The person asked for no more reminders."""
    user = check_stop_token(token)
    if user.reminders:
        user.reminders = False
        audit.record("reminders.stopped", user=user)
    db.session.commit()
    return user


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)
