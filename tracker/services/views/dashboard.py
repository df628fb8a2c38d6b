"""The consultant dashboard: a page of cases with counts and deadlines, in fixed queries.

Counts, readiness and the next deadline are stored on the case (services.status,
services.deadlines), so filtering, sorting and paging are one indexed query on
`cases`, plus one for the total and one for the people's names of the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, func, or_, select

from tracker.extensions import db
from tracker.models import AuditEvent, Case, CaseStatus, Person, PersonRole, Role, User
from tracker.services.access import handled_by

PER_PAGE = 50
MAX_PER_PAGE = 200
UNASSIGNED = -1  # consultant filter: cases nobody handles yet

SORTS: dict[str, Any] = {
    "activity": Case.last_activity_at,
    "readiness": Case.readiness,
    "deadline": Case.next_deadline,
    "reference": Case.reference,
    "missing": Case.count_missing,
    "review": Case.count_in_review,
    "created": Case.created_at,
}
COUNTS = {
    "missing": Case.count_missing,
    "invalid": Case.count_invalid,
    "rejected": Case.count_rejected,
    "needs_translation": Case.count_needs_translation,
    "in_review": Case.count_in_review,
}
COLUMNS = (
    Case.id,
    Case.reference,
    Case.program,
    Case.status,
    Case.readiness,
    Case.next_deadline,
    Case.next_deadline_code,
    Case.last_activity_at,
    User.name,
    User.email,
    *COUNTS.values(),
)


@dataclass(frozen=True)
class DashboardQuery:
    """What the consultant asked to see; every field has a safe default."""

    program: str | None = None
    status: CaseStatus | None = CaseStatus.OPEN  # None: every status
    consultant_id: int | None = None  # admins only; UNASSIGNED for nobody's cases
    blocked_by_translation: bool = False
    ready_only: bool = False
    within_days: int | None = None  # deadline within N days (overdue included)
    search: str = ""
    sort: str = "activity"
    descending: bool = True
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Row:
    case_id: int
    reference: str
    program: str
    status: CaseStatus
    readiness: int
    next_deadline: date | None
    next_deadline_code: str | None
    last_activity_at: datetime
    consultant: str
    counts: dict[str, int]
    people: list[str] = field(default_factory=list)
    ineligible: list[str] = field(default_factory=list)  # applicants the rules turn down
    reset_requested: bool = False  # someone asked for a new password, not settled since

    def days_left(self, today: date) -> int | None:
        return None if self.next_deadline is None else (self.next_deadline - today).days


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    total: int
    query: DashboardQuery

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def dashboard_page(user: User, query: DashboardQuery, *, today: date | None = None) -> Page:
    """One page of the cases this user handles (admins: all), filtered and sorted."""
    conditions = _conditions(user, query, today or date.today())
    total = db.session.execute(
        select(func.count()).select_from(Case).where(*conditions)
    ).scalar_one()
    page = min(max(1, query.page), max(1, -(-total // query.per_page)))
    stmt = _ordered(_rows(conditions), query)
    stmt = stmt.limit(query.per_page).offset((page - 1) * query.per_page)
    rows = [_row(r) for r in db.session.execute(stmt)]
    _add_people(rows)
    _add_reset_requests(rows)
    return Page(rows, total, replace(query, page=page))


def dashboard_csv(user: User, query: DashboardQuery, *, today: date | None = None) -> Iterator[str]:
    """Every matching case as CSV lines (no paging), streamed in batches."""
    stmt = _ordered(_rows(_conditions(user, query, today or date.today())), query)
    yield _csv_line(
        [
            "reference",
            "program",
            "status",
            "readiness",
            *COUNTS,
            "next_deadline",
            "deadline",
            "last_activity",
            "consultant",
            "people",
        ]
    )
    batch: list[Row] = []
    for result in db.session.execute(stmt.execution_options(yield_per=500)):
        batch.append(_row(result))
        if len(batch) == 500:
            yield from _csv_rows(batch)
            batch = []
    yield from _csv_rows(batch)


def consultants() -> list[User]:
    """Staff who can be assigned a case, for the filter and the assign menu."""
    query = select(User).where(User.role.in_((Role.CONSULTANT, Role.ADMIN)), User.active)
    return list(db.session.scalars(query.order_by(User.name, User.email)))


def _rows(conditions: list[ColumnElement[bool]]) -> Select[*tuple[Any, ...]]:
    return select(*COLUMNS).outerjoin(User, Case.consultant_id == User.id).where(*conditions)


def _conditions(user: User, q: DashboardQuery, today: date) -> list[ColumnElement[bool]]:
    conditions = [handled_by(user)]
    if user.role is Role.ADMIN and q.consultant_id == UNASSIGNED:
        conditions.append(Case.consultant_id.is_(None))
    elif user.role is Role.ADMIN and q.consultant_id is not None:
        conditions.append(Case.consultant_id == q.consultant_id)
    if q.program:
        conditions.append(Case.program == q.program)
    if q.status is not None:
        conditions.append(Case.status == q.status)
    if q.blocked_by_translation:
        conditions.append(Case.count_needs_translation > 0)
    if q.ready_only:
        conditions.append(Case.readiness == 100)
    if q.within_days is not None:
        conditions.append(Case.next_deadline <= today + timedelta(days=q.within_days))
    if q.search.strip():
        conditions.append(_matches(q.search))
    return conditions


def _matches(search: str) -> ColumnElement[bool]:
    """Reference or any person's name contains the text (case-insensitive, no wildcards)."""
    text = search.strip().lower()
    for char in ("\\", "%", "_"):
        text = text.replace(char, "\\" + char)
    pattern = f"%{text}%"
    names = select(Person.case_id).where(func.lower(Person.name).like(pattern, escape="\\"))
    return or_(func.lower(Case.reference).like(pattern, escape="\\"), Case.id.in_(names))


def _ordered(stmt: Select[*tuple[Any, ...]], q: DashboardQuery) -> Select[*tuple[Any, ...]]:
    column = SORTS.get(q.sort, Case.last_activity_at)
    key = column.desc() if q.descending else column.asc()
    return stmt.order_by(key.nulls_last(), Case.id.desc() if q.descending else Case.id.asc())


def _row(r: Any) -> Row:
    return Row(
        case_id=r.id,
        reference=r.reference,
        program=r.program,
        status=CaseStatus(r.status),
        readiness=r.readiness,
        next_deadline=r.next_deadline,
        next_deadline_code=r.next_deadline_code,
        last_activity_at=r.last_activity_at,
        consultant=r.name or r.email or "",
        counts={name: getattr(r, column.key) for name, column in COUNTS.items()},
    )


def _add_people(rows: Sequence[Row]) -> None:
    """The names of each row's people, sponsor first, in one query."""
    if not rows:
        return
    by_case = {row.case_id: row for row in rows}
    query = (
        select(Person.case_id, Person.name, Person.role, Person.eligible)
        .where(Person.case_id.in_(by_case))
        .order_by(Person.case_id, Person.position)
    )
    for case_id, name, role, eligible in db.session.execute(query):
        label = _("%(name)s (sponsor)", name=name) if role == PersonRole.SPONSOR else name
        by_case[case_id].people.append(label)
        if not eligible:
            by_case[case_id].ineligible.append(name)


# Asked (the e-mailed link may sit in the outbox) until a new password is set or staff made a link.
RESET_ASKED = ("auth.reset_requested", "auth.reset_link_sent")
RESET_SETTLED = ("auth.reset_link_created", "auth.password_reset")


def _add_reset_requests(rows: list[Row]) -> None:
    """Flag the rows whose latest password-reset request came after any link or new password."""
    if not rows:
        return
    query = (
        select(AuditEvent.case_id, AuditEvent.action, func.max(AuditEvent.id))
        .where(
            AuditEvent.case_id.in_([row.case_id for row in rows]),
            AuditEvent.action.in_((*RESET_ASKED, *RESET_SETTLED)),
        )
        .group_by(AuditEvent.case_id, AuditEvent.action)
    )
    asked: dict[int, int] = {}
    settled: dict[int, int] = {}
    for case_id, action, latest in db.session.execute(query):
        if case_id is None:
            continue
        into = asked if action in RESET_ASKED else settled
        into[case_id] = max(into.get(case_id, 0), latest)
    for i, row in enumerate(rows):
        if asked.get(row.case_id, 0) > settled.get(row.case_id, 0):
            rows[i] = replace(row, reset_requested=True)


def _csv_rows(rows: list[Row]) -> Iterator[str]:
    _add_people(rows)
    for r in rows:
        yield _csv_line(
            [
                r.reference,
                r.program,
                r.status.value,
                str(r.readiness),
                *(str(n) for n in r.counts.values()),
                r.next_deadline.isoformat() if r.next_deadline else "",
                r.next_deadline_code or "",
                r.last_activity_at.isoformat(timespec="minutes"),
                r.consultant,
                "; ".join(r.people),
            ]
        )


def _csv_line(cells: list[str]) -> str:
    """One CSV line; text that a spreadsheet would run as a formula is quoted with a '."""
    out = io.StringIO()
    csv.writer(out).writerow(
        [f"'{c}" if c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in cells]
    )
    return out.getvalue()
