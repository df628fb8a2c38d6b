"""The bundle page: the index language, what is missing, the files over the Department's
limits with a one-click compliant copy, and the ZIP download. Staff only.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker.i18n import LANGS
from tracker.models import Case
from tracker.services import review
from tracker.services.access import get_case
from tracker.services.bundle import INDEX_NAME, ConfirmationNeeded, export_bundle, review_bundle
from tracker.services.compliant_copies import make_compliant_copy
from tracker.services.errors import TrackerError
from tracker.web.consultant import staff_only
from tracker.web.locale import current_lang
from tracker.web.programs import program

bp = Blueprint("bundle", __name__)
bp.before_request(staff_only)


def _index_lang() -> str:
    """The index's language: the one chosen on the page, else the interface's."""
    chosen = request.args.get("lang", "")
    return chosen if chosen in LANGS else current_lang()


@bp.get("/consultant/cases/<int:case_id>/bundle")
def page(case_id: int) -> str:
    found = get_case(current_user, case_id)
    return _page(found, _index_lang())


def _page(found: Case, index_lang: str) -> str:
    checked = review_bundle(found, program(found.program), current_lang())
    return render_template(
        "consultant/bundle.html",
        case=found,
        bundle=checked,
        index_lang=index_lang,
        index_name=INDEX_NAME,
    )


@bp.get("/consultant/cases/<int:case_id>/bundle.zip")
def download(case_id: int) -> ResponseReturnValue:
    found = get_case(current_user, case_id)
    lang, confirm = _index_lang(), request.args.get("confirm") == "1"
    try:
        made = export_bundle(
            found, program(found.program), actor=current_user, lang=lang, confirm=confirm
        )
    except ConfirmationNeeded:
        return _page(found, lang), 409
    response = send_file(
        made.file,
        mimetype="application/zip",
        as_attachment=True,
        download_name=made.name,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/consultant/documents/<int:doc_id>/filing-copy")
def filing_copy(doc_id: int) -> Response:
    doc = review.get_document(current_user, doc_id)
    try:
        make_compliant_copy(current_user, doc, program=program(doc.case.program))
    except TrackerError as exc:
        flash(exc.said(current_lang()), "error")
    else:
        flash(
            _("A smaller copy was made and added to the item: review it on the case page."),
            "success",
        )
    return redirect(url_for(".page", case_id=doc.case_id, lang=request.form.get("lang")))
