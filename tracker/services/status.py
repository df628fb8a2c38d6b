"""Keep stored item statuses and case readiness in step with the documents.

Writers of one case take turns (a row lock on the case), and each reads what
the others committed before it counts: several processes never drift. An
upload refreshes its own item; the case's figures come from one grouped query
over its items, so the cost does not grow with the documents a case holds.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Case, CheckState, Document, ItemStatus, Requirement, Review
from tracker.rules.status import DocState, item_status, readiness
from tracker.services.staff_notices import case_ready


def lock_case(case: Case) -> None:
    """Wait for the case's other writers; what follows reads what they committed."""
    db.session.flush()
    # A no-op write: PostgreSQL locks the row, SQLite takes its single write lock.
    db.session.execute(update(Case).where(Case.id == case.id).values(readiness=Case.readiness))
    db.session.expire(case, ["requirements"])


def refresh_item(req: Requirement) -> None:
    """After one item's documents changed: its status, then the case's figures."""
    lock_case(req.case)
    _set_status(req, _originals(Document.requirement_id == req.id).get(req.id, []))
    _refresh_figures(req.case)


def item_originals(req: Requirement) -> list[Document]:
    """An item's original documents, oldest first, their translations loaded in one query."""
    return _originals(Document.requirement_id == req.id).get(req.id, [])


def _originals(where: ColumnElement[bool]) -> dict[int, list[Document]]:
    """Fresh from the database: the original documents by item, oldest first, with translations."""
    docs = db.session.scalars(
        select(Document)
        .where(where, Document.translation_of_id.is_(None))
        .order_by(Document.id)
        .options(selectinload(Document.translations))
        .execution_options(populate_existing=True)
    )
    by_item: dict[int, list[Document]] = {}
    for doc in docs:
        by_item.setdefault(doc.requirement_id, []).append(doc)
    return by_item


def _set_status(req: Requirement, originals: list[Document]) -> None:
    if req.status is not ItemStatus.NOT_REQUIRED:
        req.status = ItemStatus(item_status([doc_state(d) for d in originals]))


# The per-status counts the dashboard shows, stored on the case (one table to read).
COUNTED = {
    ItemStatus.MISSING: "count_missing",
    ItemStatus.INVALID: "count_invalid",
    ItemStatus.REJECTED: "count_rejected",
    ItemStatus.NEEDS_TRANSLATION: "count_needs_translation",
    ItemStatus.IN_REVIEW: "count_in_review",
}


def refresh_case(case: Case) -> None:
    """Recompute every item of a case (its facts or items changed), then its figures."""
    lock_case(case)
    originals = _originals(Document.case_id == case.id)
    for req in case.requirements:
        _set_status(req, originals.get(req.id, []))
    _refresh_figures(case)


def _refresh_figures(case: Case) -> None:
    """Readiness, the per-status counts and the day the case became complete."""
    db.session.flush()
    rows = db.session.execute(
        select(Requirement.status, func.count())
        .where(Requirement.case_id == case.id)
        .group_by(Requirement.status)
    )
    statuses: Counter[ItemStatus] = Counter({status: count for status, count in rows})
    case.readiness = readiness([status.value for status in statuses.elements()])
    for status, column in COUNTED.items():
        setattr(case, column, statuses[status])
    if case.readiness < 100:
        case.complete_since = None
    elif case.complete_since is None:
        case.complete_since = date.today()
        case_ready(case)


def doc_state(doc: Document) -> DocState:
    return DocState(
        # A translation still being checked keeps the item `checking` too.
        checking=any(
            d.check_state is CheckState.CHECKING and d.current for d in (doc, *doc.translations)
        ),
        has_errors=doc.blocked,
        needs_translation=effective_needs_translation(doc),
        translated=any(is_good_translation(t) for t in doc.translations),
        review=doc.review.value,
        removed=not doc.current,
    )


def effective_needs_translation(doc: Document) -> bool:
    """The detected verdict unless a consultant overrode it."""
    if doc.language_override == "not_needed":
        return False
    if doc.language_override == "needed":
        return True
    return doc.needs_translation


def is_good_translation(doc: Document) -> bool:
    """A translation counts when its checks finished clean and it is itself Chinese or English."""
    return (
        doc.check_state is CheckState.DONE
        and doc.current
        and not doc.blocked
        and not effective_needs_translation(doc)
        and doc.review is not Review.REJECTED
    )
