"""The consultant dashboard: one row per case with its counts, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func

from tracker.extensions import db
from tracker.models import Case, ItemStatus, Requirement, Role, User


@dataclass(frozen=True)
class Row:
    case: Case
    counts: dict[str, int]


def dashboard_rows(user: User) -> list[Row]:
    """Cases this consultant handles (admins: all) with item counts by status."""
    query = db.select(Case).order_by(Case.last_activity_at.desc())
    if user.role is not Role.ADMIN:
        query = query.filter(Case.consultant_id == user.id)
    cases = list(db.session.execute(query).scalars())
    counts: dict[int, dict[str, int]] = {c.id: {} for c in cases}
    if cases:
        rows = db.session.execute(
            db.select(Requirement.case_id, Requirement.status, func.count())
            .filter(Requirement.case_id.in_(counts))
            .group_by(Requirement.case_id, Requirement.status)
        )
        for case_id, status, n in rows:
            counts[case_id][ItemStatus(status).value] = n
    return [Row(c, counts[c.id]) for c in cases]
