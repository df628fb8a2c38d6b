"""The document viewer: one document's pages, its translation beside it, and its findings."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.i18n import Text
from tracker.models import Document, User
from tracker.rules.program import Program
from tracker.services.review import can_accept
from tracker.services.views.checklist import item_title
from tracker.services.views.consultant_case import DocumentLine, document_line
from tracker.services.views.review_queue import next_in_queue, review_queue


@dataclass(frozen=True)
class ViewerPage:
    line: DocumentLine
    beside: DocumentLine | None  # the translation next to its original, or the reverse
    title: Text
    acceptable: bool
    queue_size: int
    next_doc: Document | None


def viewer_page(doc: Document, program: Program, user: User, lang: str) -> ViewerPage:
    """What the viewer shows for `doc`, and where the review queue goes next."""
    original = doc.translation_of
    beside = original or next(iter(reversed(doc.translations)), None)
    queue = review_queue(user)
    following = next_in_queue(user, doc, queue)
    return ViewerPage(
        line=document_line(doc, lang),
        beside=document_line(beside, lang) if beside is not None else None,
        title=item_title(program, doc.requirement),
        acceptable=can_accept(doc),
        queue_size=len(queue),
        next_doc=following if following is not doc else None,
    )
