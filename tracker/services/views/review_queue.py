"""The consultant's review queue: every document awaiting a decision across their open cases."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from tracker.extensions import db
from tracker.i18n import Text
from tracker.models import Case, CaseStatus, Document, ItemStatus, Requirement, Review, Role, User
from tracker.services.registry import get_programs
from tracker.services.review import can_accept
from tracker.services.views.checklist import item_title


@dataclass(frozen=True)
class QueueLine:
    doc: Document
    title: Text  # the checklist item's


def queue_lines(user: User) -> list[QueueLine]:
    """The queue as the queue page lists it: each document with its item's title."""
    programs = get_programs()
    return [
        QueueLine(doc, item_title(programs[doc.case.program], doc.requirement))
        for doc in review_queue(user)
    ]


def review_queue(user: User) -> list[Document]:
    """Originals awaiting a decision that may be accepted, by case, then checklist order."""
    query = (
        select(Document)
        .join(Requirement, Document.requirement_id == Requirement.id)
        .join(Case, Document.case_id == Case.id)
        .where(
            Case.status == CaseStatus.OPEN,
            Requirement.status == ItemStatus.IN_REVIEW,
            Document.review == Review.PENDING,
            Document.translation_of_id.is_(None),
            Document.removed_at.is_(None),  # the family took it back
        )
        .order_by(Case.id, Requirement.person_id, Requirement.position, Document.id)
        .options(  # what the queue page shows of each, in this query or one more each
            contains_eager(Document.case),
            contains_eager(Document.requirement).selectinload(Requirement.person),
            selectinload(Document.translations),
        )
    )
    if user.role is not Role.ADMIN:
        query = query.where(Case.consultant_id == user.id)
    return [doc for doc in db.session.scalars(query) if can_accept(doc)]


def next_in_queue(
    user: User, current: Document | None = None, queue: list[Document] | None = None
) -> Document | None:
    """The document after `current`: the next in the queue, else one of its case, else the first.

    `queue`: the user's review queue when the caller has it already.
    """
    queue = review_queue(user) if queue is None else queue
    if current in queue:
        position = queue.index(current)
        rest = queue[position + 1 :] + queue[:position]
        return rest[0] if rest else None
    same_case = [doc for doc in queue if current is not None and doc.case_id == current.case_id]
    candidates = same_case or queue
    return candidates[0] if candidates else None
