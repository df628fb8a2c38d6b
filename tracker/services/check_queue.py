"""Which checks wait for a job: queued now, or marked to be queued when a worker can take them.

A document `checking` whose check_error is INTERRUPTED has no job anywhere:
its in-process job died with a stopped server, or Redis was down when it was
uploaded. `tracker serve` and `tracker worker` queue those at start. A
`checking` document whose Redis job is gone (its worker was killed) is found by
`tracker worker`'s periodic sweep (tracker/worker.py) and queued again.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import timedelta

from sqlalchemy import select, update

from tracker.extensions import db
from tracker.jobs import QueueUnavailable
from tracker.models import CheckState, Document
from tracker.models.base import utcnow
from tracker.services.registry import get_jobs

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted"
# An upload commits its document, then queues the job: younger, it may not be queued yet.
LOST_AFTER = timedelta(seconds=15)


def queue_check(document_id: int) -> None:
    """Queue the document's job; with the queue down, leave it `checking` for the next start."""
    try:
        get_jobs().enqueue("check_document", document_id)
    except QueueUnavailable as exc:
        log.warning("queue down, check of document %s deferred: %s", document_id, exc)
        db.session.execute(
            update(Document)
            .where(Document.id == document_id, Document.check_state == CheckState.CHECKING)
            .values(check_error=INTERRUPTED)
        )
        db.session.commit()


def mark_interrupted() -> int:
    """At start, before any worker runs: every `checking` document lost its in-process job."""
    marked = db.session.scalars(
        update(Document)
        .where(Document.check_state == CheckState.CHECKING)
        .values(check_error=INTERRUPTED)
        .returning(Document.id)
    ).all()
    db.session.commit()
    return len(marked)


def resume_interrupted() -> int:
    """Queue each interrupted check once, even with several workers claiming at the same time."""
    marked = db.session.scalars(
        select(Document.id).where(
            Document.check_state == CheckState.CHECKING, Document.check_error == INTERRUPTED
        )
    ).all()
    claimed = [doc_id for doc_id in marked if _claim(doc_id)]
    for doc_id in claimed:
        queue_check(doc_id)
    return len(claimed)


def _claim(doc_id: int) -> bool:
    claimed = db.session.scalar(
        update(Document)
        .where(Document.id == doc_id, Document.check_error == INTERRUPTED)
        .values(check_error=None)
        .returning(Document.id)
    )
    db.session.commit()
    return claimed is not None


def requeue_lost(held: Collection[int]) -> int:
    """Queue again the checks whose job no queue holds (`held`: the documents it holds)."""
    checking = db.session.scalars(
        select(Document.id).where(
            Document.check_state == CheckState.CHECKING,
            Document.check_error.is_(None),
            Document.created_at < utcnow() - LOST_AFTER,
        )
    ).all()
    lost = [doc_id for doc_id in checking if doc_id not in held]
    if lost:
        db.session.execute(
            update(Document)
            .where(Document.id.in_(lost), Document.check_state == CheckState.CHECKING)
            .values(check_error=INTERRUPTED)
        )
        db.session.commit()
    return resume_interrupted()
