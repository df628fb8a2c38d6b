"""Log in, log out, and send each user to their start page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from tracker.extensions import limiter
from tracker.services.login_sessions import end_session, start_session
from tracker.services.users import authenticate
from tracker.web.redirects import local_target

bp = Blueprint("auth", __name__)


@bp.get("/")
def home() -> Response:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.is_staff:
        return redirect(url_for("consultant.dashboard"))
    return redirect(url_for("applicant.cases"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> Response | str:
    if request.method == "POST":
        user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
        if user is not None:
            start_session(user)
            login_user(user, remember=bool(request.form.get("remember")))
            return redirect(local_target(request.args.get("next", ""), url_for("auth.home")))
        flash(_("Wrong e-mail or password."), "error")
    return render_template("auth/login.html")


@bp.post("/logout")
@login_required
def logout() -> Response:
    end_session(current_user)
    logout_user()
    return redirect(url_for("auth.login"))
