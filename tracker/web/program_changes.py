"""Rule changes in the UI: each installed program's open cases whose stored checklist
differs from it, and applying the change to them with a confirmation. Staff only.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker.services.program_changes import apply_pending, disk_version, pending_changes
from tracker.services.registry import get_programs
from tracker.web.consultant import staff_only
from tracker.web.fact_fields import whole_number
from tracker.web.programs import program

bp = Blueprint("program_changes", __name__)
bp.before_request(staff_only)


@bp.get("/consultant/programs")
def page() -> str:
    programs = get_programs().values()
    changes = [(p, pending_changes(p, user=current_user), disk_version(p)) for p in programs]
    return render_template("consultant/program_changes.html", changes=changes)


@bp.post("/consultant/programs/<code>/apply")
def apply(code: str) -> Response:
    installed = program(code)
    if request.form.get("confirm") != "yes":
        flash(_("Nothing was changed: tick the box to confirm first."), "error")
        return redirect(url_for(".page", _anchor=f"program-{code}"))
    ids = {n for n in map(whole_number, request.form.getlist("case_id")) if n is not None}
    done = apply_pending(installed, ids, actor=current_user)
    flash(
        _(
            "%(n)s case(s) now follow version %(version)s; the change is in each case's history.",
            n=done.rederived,
            version=installed.version,
        ),
        "success",
    )
    return redirect(url_for(".page", _anchor=f"program-{code}"))
