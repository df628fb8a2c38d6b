"""The outbox: every e-mail is rendered and stored in the transaction of the action causing it.

`queue_message` adds the row to the caller's session; the caller's commit makes
the message and the action permanent together (or neither). After that commit a
delivery job is queued (services.mail_delivery); a queue that is down only
delays the message, which `tracker mail send` or the next delivery picks up.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import force_locale
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from tracker.extensions import db
from tracker.i18n import LANGS
from tracker.jobs import QueueUnavailable
from tracker.models import Case, OutboxMessage, User
from tracker.services.access import can_see_case
from tracker.services.mail_kinds import KINDS
from tracker.services.registry import get_jobs

log = logging.getLogger(__name__)
BABEL_LOCALE = {"en": "en", "zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}
_QUEUED = "outbox_queued"  # session.info flag: deliver after this transaction commits


def queue_message(
    kind: str,
    *,
    to: str,
    lang: str,
    context: Mapping[str, Any],
    case: Case | None = None,
    user: User | None = None,
    link: str | None = None,
) -> OutboxMessage:
    """Render a message of `kind` in `lang` and add it to the caller's transaction."""
    lang = lang if lang in LANGS else "en"
    values = {**context, "lang": lang, "link": link, "case": case, "recipient": user}
    with force_locale(BABEL_LOCALE[lang]):
        subject = KINDS[kind].subject(values)
        text = _render(f"mail/{kind}.txt", values)
        html = _render(f"mail/{kind}.html", {**values, "subject": subject})
    message = OutboxMessage(
        kind=kind,
        recipient=to,
        lang=lang,
        subject=subject[:300],
        text_body=text,
        html_body=html,
        link=link,
        message_id=f"<{uuid.uuid4().hex}@{_domain()}>",
        case_id=case.id if case is not None else None,
        user_id=user.id if user is not None else None,
    )
    db.session.add(message)
    db.session.info[_QUEUED] = True
    return message


def reader_lang(user: User | None, case: Case | None = None) -> str:
    """The recipient's saved language, else the case's, else English."""
    for lang in (user.locale if user else None, case.lang if case else None):
        if lang in LANGS:
            return str(lang)
    return "en"


def external_url(endpoint: str, *, anchor: str = "", **values: Any) -> str:
    """An absolute link for a message: TRACKER_BASE_URL, else the request's own host."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    path += f"#{anchor}" if anchor else ""
    base = current_app.config.get("BASE_URL")
    if not base:
        base = request.host_url if has_request_context() else "http://localhost:5000/"
    return str(base).rstrip("/") + path


def _render(name: str, values: Mapping[str, Any]) -> str:
    """Render without the request's context processors: jobs and commands send mail too."""
    return current_app.jinja_env.get_template(name).render(values)


def _domain() -> str:
    sender = str(current_app.config.get("MAIL_FROM") or "tracker@localhost")
    return sender.rpartition("@")[2].strip("> ") or "localhost"


@event.listens_for(Session, "after_commit")
def _deliver_after_commit(session: Session) -> None:
    if not session.info.pop(_QUEUED, False):
        return
    try:
        get_jobs().enqueue("deliver_mail")
    except (QueueUnavailable, RuntimeError) as exc:  # kept in the outbox; sent later
        log.warning("mail delivery not queued now: %s", exc)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(session: Session) -> None:
    session.info.pop(_QUEUED, None)


def case_mail(case: Case, reader: User, limit: int = 30) -> list[OutboxMessage]:
    """The latest e-mail about a case, for the staff who handle it (newest first)."""
    if not (reader.is_staff and can_see_case(reader, case)):
        return []
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.case_id == case.id)
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
