"""The consultant's workspace: every case, its readiness and what blocks it."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from tracker.services.dashboard import dashboard_rows

bp = Blueprint("consultant", __name__)


@bp.get("/dashboard")
@login_required
def dashboard() -> str:
    if not current_user.is_staff:
        abort(403)
    return render_template("consultant/dashboard.html", rows=dashboard_rows(current_user))
