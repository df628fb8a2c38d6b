"""Keep stored item statuses and case readiness in step with the documents."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tracker.models import Case, CheckState, Document, ItemStatus, Requirement, Review
from tracker.rules.status import DocState, item_status, readiness


def refresh_requirement(req: Requirement) -> None:
    """Recompute one item's status from its documents."""
    if req.status is ItemStatus.NOT_REQUIRED:
        return
    originals = [d for d in req.documents if d.translation_of_id is None]
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
    """Recompute every item of a case, its readiness, counts and the day it became complete."""
    for req in case.requirements:
        refresh_requirement(req)
    statuses = Counter(r.status for r in case.requirements)
    case.readiness = readiness([r.status.value for r in case.requirements])
    for status, column in COUNTED.items():
        setattr(case, column, statuses[status])
    if case.readiness < 100:
        case.complete_since = None
    elif case.complete_since is None:
        case.complete_since = date.today()


def doc_state(doc: Document) -> DocState:
    return DocState(
        # A translation still being checked keeps the item `checking` too.
        checking=any(d.check_state is CheckState.CHECKING for d in (doc, *doc.translations)),
        has_errors=doc.blocked,
        needs_translation=effective_needs_translation(doc),
        translated=any(is_good_translation(t) for t in doc.translations),
        review=doc.review.value,
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
        and not doc.blocked
        and not effective_needs_translation(doc)
        and doc.review is not Review.REJECTED
    )
