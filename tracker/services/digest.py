"""The consultants' daily digest: what waits for them across their open cases.

Sent by `tracker remind` with the families' reminders, once a day per consultant.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import AuditEvent, Case, CaseStatus, OutboxMessage, Role, User
from tracker.models.base import aware, utcnow
from tracker.services.outbox import BABEL_LOCALE, external_url, queue_message, reader_lang
from tracker.services.registry import get_programs
from tracker.services.reminders import remind

DAY = timedelta(hours=20)  # a second run the same day sends no second digest
SOON = timedelta(days=14)
Entry = tuple[str, str]  # text, link


def daily_messages() -> tuple[int, int]:
    """The daily run: the families' reminders, then the consultants' digests; how many each."""
    return remind(), send_digests()


def send_digests(today: date | None = None) -> int:
    """Queue one digest for each consultant with something to read; return how many."""
    today = today or date.today()
    count = 0
    for consultant in _consultants():
        cases = _open_cases(consultant)
        lang = reader_lang(consultant)
        with force_locale(BABEL_LOCALE[lang]):
            sections = [(title, rows) for title, rows in _sections(cases, today, lang) if rows]
        if sections:
            queue_message(
                "digest",
                to=consultant.email,
                lang=lang,
                context={"sections": sections},
                user=consultant,
                link=external_url("consultant.dashboard"),
            )
            count += 1
    db.session.commit()
    return count


def _consultants() -> list[User]:
    already = select(OutboxMessage.user_id).where(
        OutboxMessage.kind == "digest",
        OutboxMessage.created_at > utcnow() - DAY,
        OutboxMessage.user_id.is_not(None),
    )
    query = select(User).where(
        User.role.in_([Role.CONSULTANT, Role.ADMIN]), User.active, User.id.not_in(already)
    )
    return list(db.session.scalars(query.order_by(User.id)))


def _open_cases(consultant: User) -> list[Case]:
    query = select(Case).where(Case.consultant_id == consultant.id, Case.status == CaseStatus.OPEN)
    return list(db.session.scalars(query.order_by(Case.reference)))


def _sections(cases: list[Case], today: date, lang: str) -> list[tuple[str, list[Entry]]]:
    since = utcnow() - timedelta(days=1)
    return [
        (_("Documents waiting for your review"), _in_review(cases)),
        (_("Password reset requests"), _resets(cases, since)),
        (_("Ready to file"), [(c.reference, _link(c)) for c in cases if _became_ready(c, today)]),
        (
            _("Blocked: a document failed its checks or needs a translation"),
            [(c.reference, _link(c)) for c in cases if _blocked_lately(c, since)],
        ),
        (_("Deadlines within 14 days"), _deadlines(cases, today, lang)),
    ]


def _in_review(cases: list[Case]) -> list[Entry]:
    return [
        (_("%(ref)s: %(n)s document(s)", ref=c.reference, n=c.count_in_review), _link(c))
        for c in cases
        if c.count_in_review
    ]


def _resets(cases: list[Case], since: datetime) -> list[Entry]:
    by_id = {c.id: c for c in cases}
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "auth.reset_link_sent",
            AuditEvent.case_id.in_(by_id),
            AuditEvent.created_at > since,
        )
    )
    return [
        (f"{by_id[e.case_id].reference}: {e.user.email if e.user else ''}", _link(by_id[e.case_id]))
        for e in events
        if e.case_id is not None
    ]


def _became_ready(case: Case, today: date) -> bool:
    return case.complete_since is not None and case.complete_since >= today - timedelta(days=1)


def _blocked_lately(case: Case, since: datetime) -> bool:
    """Blocked now, with activity in the last day (a new failed check or foreign file)."""
    blocked = case.count_invalid or case.count_needs_translation
    return bool(blocked) and aware(case.last_activity_at) > since


def _deadlines(cases: list[Case], today: date, lang: str) -> list[Entry]:
    programs = get_programs()
    rows = []
    for case in cases:
        if case.next_deadline is None or case.next_deadline > today + SOON:
            continue
        title = programs[case.program].date_title(case.next_deadline_code or "")
        label = title(lang) if title else (case.next_deadline_code or "")
        rows.append((f"{case.reference}: {label} {case.next_deadline.isoformat()}", _link(case)))
    return rows


def _link(case: Case) -> str:
    return external_url("consultant.case", case_id=case.id)
