"""A case's thread: the family and the consultant write to each other.

A message is part of the case's history (audit log) and tells the other side by
e-mail, all in one transaction. Only people who see the case read or write it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Case, CaseMessage, User
from tracker.services import audit
from tracker.services.access import can_see_case
from tracker.services.case_lifecycle import touch
from tracker.services.errors import InvalidInputError, NotFoundError
from tracker.services.outbox import external_url, queue_message, reader_lang

MAX_BODY = 4000


def messages(case: Case, reader: User) -> list[CaseMessage]:
    """The case's messages, oldest first, for someone who may see the case."""
    _check(case, reader)
    query = select(CaseMessage).where(CaseMessage.case_id == case.id).order_by(CaseMessage.id)
    return list(db.session.scalars(query))


def post(case: Case, author: User, body: str) -> CaseMessage:
    """Add a message to the case's thread and e-mail the other side."""
    _check(case, author)
    body = body.strip()
    if not body:
        raise InvalidInputError(_("Write a message first."))
    if len(body) > MAX_BODY:
        raise InvalidInputError(_("A message holds at most %(n)s characters.", n=MAX_BODY))
    message = CaseMessage(case_id=case.id, author_id=author.id, body=body)
    db.session.add(message)
    db.session.flush()
    for reader in other_side(case, author):
        _notify(case, author, reader, body)
    touch(case)
    audit.record("thread.message", case=case, user=author, message=message.id, text=body[:200])
    db.session.commit()
    return message


def other_side(case: Case, author: User) -> list[User]:
    """Staff write to the family; the family writes to the consultant."""
    if author.is_staff:
        return [m.user for m in case.members if m.user.active]
    consultant = case.consultant
    return [consultant] if consultant is not None and consultant.active else []


def _notify(case: Case, author: User, reader: User, body: str) -> None:
    endpoint = "consultant.case" if reader.is_staff else "applicant.case"
    queue_message(
        "thread_message",
        to=reader.email,
        lang=reader_lang(reader, None if reader.is_staff else case),
        context={"author": author.name or author.email, "body": body},
        case=case,
        user=reader,
        link=external_url(endpoint, anchor="thread", case_id=case.id),
    )


def _check(case: Case, user: User) -> None:
    if not can_see_case(user, case):
        raise NotFoundError(_("No such case."))
