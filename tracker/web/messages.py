"""A case's thread (both sides write on the case page) and the reminders' opt-out link."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from tracker.extensions import limiter
from tracker.services import reminders, threads
from tracker.services.access import get_case
from tracker.services.errors import TrackerError
from tracker.services.outbox import case_mail
from tracker.web.locale import current_lang

bp = Blueprint("messages", __name__)
bp.add_app_template_global(threads.messages, "thread_of")
bp.add_app_template_global(case_mail, "case_mail")


@bp.post("/cases/<int:case_id>/messages")
@login_required
@limiter.limit("30 per minute")
def post(case_id: int) -> Response:
    case = get_case(current_user, case_id)
    try:
        threads.post(case, current_user, request.form.get("body", ""))
    except TrackerError as exc:
        flash(exc.said(current_lang()), "error")
    else:
        flash(_("Message sent."), "success")
    page = "consultant.case" if current_user.is_staff else "applicant.case"
    return redirect(url_for(page, case_id=case.id, _anchor="thread"))


@bp.route("/reminders/stop/<token>", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def stop_reminders(token: str) -> ResponseReturnValue:
    """A GET only asks (mail scanners open links); the button stops the reminders."""
    if request.method == "POST":
        reminders.stop_reminders(token)
        return render_template("auth/reminders_stopped.html")
    reminders.check_stop_token(token)
    return render_template("auth/reminders_stop.html", token=token)
