"""The consultant's review: the document viewer, the review queue and the decisions.

Each decision's outcome is said where the consultant is looking: beside the
document on the case page, or in the viewer, which then moves to the next
document of the queue.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker.models import Document
from tracker.rules.review_reasons import REASONS
from tracker.services import review
from tracker.services.access import get_case
from tracker.services.errors import TrackerError
from tracker.services.views.review_queue import next_in_queue, queue_lines
from tracker.services.views.viewer import viewer_page
from tracker.web.consultant import staff_only
from tracker.web.locale import current_lang
from tracker.web.programs import program

bp = Blueprint("review", __name__)
bp.before_request(staff_only)
FROM_VIEWER = "viewer"


@bp.get("/consultant/review")
def queue() -> str:
    return render_template("consultant/queue.html", queue=queue_lines(current_user))


@bp.get("/consultant/review/next")
def next_document() -> Response:
    following = next_in_queue(current_user)
    if following is None:
        return redirect(url_for(".queue"))
    return redirect(url_for(".viewer", doc_id=following.id))


@bp.get("/consultant/documents/<int:doc_id>")
def viewer(doc_id: int) -> str:
    doc = review.get_document(current_user, doc_id)
    page = viewer_page(doc, program(doc.case.program), current_user, current_lang())
    return render_template("consultant/viewer.html", page=page, reasons=REASONS.values())


@bp.post("/consultant/documents/<int:doc_id>/accept")
def accept(doc_id: int) -> Response:
    doc = review.get_document(current_user, doc_id)
    action = partial(review.accept, doc, actor=current_user)
    return _decide(doc, action, _("Accepted: %(file)s", file=doc.original_name))


@bp.post("/consultant/documents/<int:doc_id>/reject")
def reject(doc_id: int) -> Response:
    doc = review.get_document(current_user, doc_id)
    code, comment = request.form.get("reason", ""), request.form.get("comment", "")
    action = partial(review.reject, doc, code, comment, actor=current_user)
    return _decide(doc, action, _("Rejected: %(file)s", file=doc.original_name))


@bp.post("/consultant/cases/<int:case_id>/people/<int:person_id>/accept-clean")
def accept_clean(case_id: int, person_id: int) -> ResponseReturnValue:
    found = get_case(current_user, case_id)
    anchor = f"person-{person_id}"
    try:
        done = review.accept_clean(found, person_id, actor=current_user)
    except TrackerError as exc:
        flash(exc.said(current_lang()), f"error at-{anchor}")
    else:
        message = ngettext("%(num)d document accepted.", "%(num)d documents accepted.", len(done))
        flash(message, f"success at-{anchor}")
    return redirect(url_for("consultant.case", case_id=case_id, _anchor=anchor))


def _decide(doc: Document, action: Callable[[], None], done: str) -> Response:
    """Run the decision; say how it went beside the document, or move the viewer on."""
    anchor = f"doc-{doc.id}"
    try:
        action()
    except TrackerError as exc:
        flash(_("Not done: %(why)s", why=exc.said(current_lang())), f"error at-{anchor}")
        failed = True
    else:
        flash(done, f"success at-{anchor}")
        failed = False
    if request.form.get("back") != FROM_VIEWER:
        return redirect(url_for("consultant.case", case_id=doc.case_id, _anchor=anchor))
    following = doc if failed else next_in_queue(current_user, doc)
    if following is None:
        return redirect(url_for(".queue"))
    return redirect(url_for(".viewer", doc_id=following.id))
