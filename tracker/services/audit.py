"""Record every action in the audit log (added to the caller's transaction)."""

from __future__ import annotations

from typing import Any

from tracker.extensions import db
from tracker.models import AuditEvent, Case, User


def record(
    action: str, *, case: Case | None = None, user: User | None = None, **detail: Any
) -> None:
    """Add an audit event; the caller's commit makes it permanent with the change."""
    db.session.add(
        AuditEvent(
            case_id=case.id if case is not None else None,
            user_id=user.id if user is not None and user.is_authenticated else None,
            action=action,
            detail=detail,
        )
    )
