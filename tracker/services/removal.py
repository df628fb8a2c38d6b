"""The family takes back an upload: a wrong or failed file, until a consultant decided on it.

Nothing is deleted: the document is marked removed, stays in the consultant's
history and the audit log, and the item's status is computed again without it.
"""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import CaseStatus, Document, Review, User
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.errors import ConflictError
from tracker.services.status import refresh_item


def can_remove(user: User, doc: Document) -> bool:
    """The family may remove a current upload of an open case that nobody has decided on."""
    return (
        not user.is_staff
        and doc.current
        and doc.review is Review.PENDING
        and doc.case.status is CaseStatus.OPEN
    )


def mark_removed(user: User, doc: Document, *, replaced_by: Document | None = None) -> None:
    """Take the document (and its translations) out of the item, in the caller's transaction."""
    if not can_remove(user, doc):
        raise ConflictError(
            _("Your consultant has already decided on this file, so it can no longer be removed.")
        )
    now = utcnow()
    for version in (doc, *doc.translations):
        if version.current:
            version.removed_at = now
    audit.record(
        "document.removed",
        case=doc.case,
        user=user,
        document=doc.id,
        item=doc.requirement.code,
        person=doc.requirement.person_id,
        replaced_by=replaced_by.id if replaced_by else None,
    )


def remove_document(user: User, doc: Document) -> None:
    """Remove one upload the family no longer wants counted; audited."""
    mark_removed(user, doc)
    req = doc.requirement
    refresh_item(req)
    req.case.last_activity_at = utcnow()
    db.session.commit()
