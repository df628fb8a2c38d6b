"""Pages for applicants and sponsors: their cases and checklists."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from tracker.services.access import get_case, visible_cases
from tracker.services.views.checklist import case_view
from tracker.web.locale import current_lang
from tracker.web.programs import program

bp = Blueprint("applicant", __name__)


@bp.get("/cases")
@login_required
def cases() -> Response | str:
    mine = visible_cases(current_user)
    if len(mine) == 1:
        return redirect(url_for("applicant.case", case_id=mine[0].id))
    return render_template("applicant/cases.html", cases=mine)


@bp.get("/cases/<int:case_id>")
@login_required
def case(case_id: int) -> str:
    found = get_case(current_user, case_id)
    prog = program(found.program)
    return render_template(
        "applicant/case.html",
        case=found,
        program=prog,
        people=case_view(found, prog, current_user, current_lang()),
    )
