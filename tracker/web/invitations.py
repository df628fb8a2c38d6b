"""Single-use links: accept an invitation to a case, and reset a forgotten password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from tracker.extensions import limiter
from tracker.services import invitations as service
from tracker.services.errors import InvalidInputError, TrackerError
from tracker.services.login_sessions import start_session
from tracker.services.users import find_user
from tracker.web.locale import current_lang

bp = Blueprint("invitations", __name__)
LIMIT = "10 per minute"


@bp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(LIMIT, methods=["POST"])
def accept(token: str) -> ResponseReturnValue:
    invitation = service.pending(token, service.INVITE)
    if request.method == "POST":
        try:
            user = service.accept_invitation(
                token, name=request.form.get("name", ""), password=_password()
            )
        except TrackerError as exc:
            flash(exc.said(current_lang()), "error")
        else:
            logout_user()
            start_session(user)
            login_user(user)
            return redirect(url_for("applicant.cases"))
    return render_template(
        "auth/invite.html",
        invitation=invitation,
        case=service.invitation_case(invitation),
        existing=find_user(invitation.email) is not None,
    )


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(LIMIT, methods=["POST"])
def request_reset() -> ResponseReturnValue:
    if request.method == "POST":
        service.request_reset(request.form.get("email", ""), lang=current_lang())
        flash(
            _(
                "If this address has an account, an e-mail with a link to choose a new "
                "password is on its way. The link works once."
            ),
            "success",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html")


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit(LIMIT, methods=["POST"])
def reset_password(token: str) -> ResponseReturnValue:
    invitation = service.pending(token, service.RESET)
    if request.method == "POST":
        try:
            service.reset_password(token, _password())
        except TrackerError as exc:
            flash(exc.said(current_lang()), "error")
        else:
            logout_user()
            flash(_("Password changed. Log in with the new one."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", invitation=invitation)


def _password() -> str:
    """The password typed; when the form asks for it twice, both must agree."""
    password = request.form.get("password", "")
    if "confirm" in request.form and request.form["confirm"] != password:
        raise InvalidInputError(_("The two passwords differ."))
    return password
