"""The consultant's workspace: the dashboard, case management, review and the bundle.

Every route here is for staff only (checked once, before each request); each case,
item and document is then looked up through a check that the user handles it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker.extensions import login_manager
from tracker.models import Case, Role
from tracker.rules.program import Program
from tracker.rules.review_reasons import REASONS, reason
from tracker.services import case_lifecycle, invitations, review
from tracker.services.access import get_case
from tracker.services.cases import Changes
from tracker.services.deadlines import update_dates
from tracker.services.errors import TrackerError
from tracker.services.registry import get_programs
from tracker.services.travel_documents import correct_mrz
from tracker.services.views.consultant_case import case_page
from tracker.services.views.dashboard import consultants, dashboard_csv, dashboard_page
from tracker.services.views.labels import status_label
from tracker.web import fact_fields, fact_messages, new_case_form
from tracker.web.countries import country_name, country_names
from tracker.web.locale import current_lang
from tracker.web.programs import program

bp = Blueprint("consultant", __name__)
CONFIRMED_STATUSES = ("closed", "archived")  # asked twice: nothing ends by a slip of the mouse
bp.add_app_template_global(reason, "review_reason")  # also for the applicant's pages
bp.add_app_template_global(fact_fields.fact_fields, "fact_fields")
bp.add_app_template_global(fact_fields.submitted, "submitted")
bp.add_app_template_global(country_name, "country_name")
bp.add_app_template_global(country_names, "country_names")
bp.add_app_template_global(status_label, "consultant_status_label")


@bp.before_request
def staff_only() -> ResponseReturnValue | None:
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # type: ignore[no-any-return]
    if not current_user.is_staff:
        abort(403)
    return None


@bp.get("/dashboard")
def dashboard() -> str:
    page = dashboard_page(current_user, fact_fields.dashboard_query(request.args))
    staff = consultants() if current_user.role is Role.ADMIN else []
    return render_template(
        "consultant/dashboard.html",
        page=page,
        consultants=staff,
        programs=get_programs(),
        today=date.today(),
        page_url=_dashboard_url,
        export_url=url_for(".dashboard_export", **fact_fields.dashboard_args(request.args)),
    )


def _dashboard_url(**changes: Any) -> str:
    """This dashboard view with some query parameters changed (paging)."""
    values: dict[str, Any] = {**fact_fields.dashboard_args(request.args), **changes}
    return url_for(".dashboard", **values)


@bp.get("/dashboard.csv")
def dashboard_export() -> Response:
    lines = dashboard_csv(current_user, fact_fields.dashboard_query(request.args))
    response = Response(stream_with_context(lines), mimetype="text/csv")
    name = f"cases-{date.today().isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/consultant/cases/new", methods=["GET", "POST"])
def new_case() -> ResponseReturnValue:
    """Open a case; every other button shows the form again with what was typed."""
    programs = get_programs()
    prog = program(request.values.get("program") or next(iter(programs)))
    form = new_case_form.read(prog, request.form if request.method == "POST" else request.args)
    failed = request.method == "POST" and form.action == "open"
    new = new_case_form.new_case(form) if failed else None
    if new is not None:
        try:
            case = case_lifecycle.open_case(prog, new, actor=current_user)
        except TrackerError as exc:
            flash(fact_messages.error_said(exc, prog), "error")
        else:
            flash(_("Case %(ref)s opened.", ref=case.reference), "success")
            return redirect(url_for(".case", case_id=case.id))
    page = render_template("consultant/new_case.html", form=form, programs=programs)
    return page, (400 if failed else 200)


@bp.post("/consultant/cases/new/questions")
def new_case_questions() -> dict[str, list[str]]:
    """The questions the answers so far leave out (the form hides them as it is filled)."""
    form = new_case_form.read(program(request.form.get("program", "")), request.form)
    return {"hidden": sorted(form.hidden)}


@bp.get("/consultant/cases/<int:case_id>")
def case(case_id: int) -> str:
    found = get_case(current_user, case_id)
    page = case_page(found, program(found.program), current_user, current_lang())
    return render_template("consultant/case.html", page=page, reasons=REASONS.values())


@bp.route("/consultant/cases/<int:case_id>/facts", methods=["GET", "POST"])
def facts(case_id: int) -> ResponseReturnValue:
    found = get_case(current_user, case_id)
    prog = program(found.program)
    if request.method == "POST":
        try:
            changes = case_lifecycle.change_facts(
                found,
                prog,
                case_facts=fact_fields.facts_from_form(prog.facts_at("case"), "case", request.form),
                person_facts=fact_fields.people_facts(prog, found, request.form),
                actor=current_user,
            )
        except TrackerError as exc:
            flash(fact_messages.error_said(exc, prog), "error")
        else:
            _flash_changes(changes, prog)
            return redirect(url_for(".case", case_id=case_id))
    return render_template("consultant/facts.html", case=found, program=prog, form=request.form)


@bp.post("/consultant/cases/<int:case_id>/dates")
def dates(case_id: int) -> Response:
    found = get_case(current_user, case_id)
    action = partial(
        update_dates,
        found,
        program(found.program),
        fact_fields.people_dates(found, request.form),
        actor=current_user,
    )
    return _act(case_id, action, _("Dates saved."), "dates")


@bp.post("/consultant/cases/<int:case_id>/assign")
def assign(case_id: int) -> Response:
    found = get_case(current_user, case_id)
    target = fact_fields.whole_number(request.form.get("consultant_id", "")) or 0
    action = partial(case_lifecycle.assign_consultant, found, target, actor=current_user)
    response = _act(case_id, action, _("Consultant assigned."))
    if current_user.role is not Role.ADMIN and found.consultant_id != current_user.id:
        return redirect(url_for(".dashboard"))  # handed over: no longer this user's case
    return response


@bp.post("/consultant/cases/<int:case_id>/status")
def status(case_id: int) -> ResponseReturnValue:
    found = get_case(current_user, case_id)
    wanted = request.form.get("status", "")
    if wanted in CONFIRMED_STATUSES and request.form.get("confirm") != "1":
        return render_template("consultant/status_confirm.html", case=found, status=wanted)
    action = partial(
        case_lifecycle.set_case_status,
        found,
        wanted,
        program=program(found.program),
        actor=current_user,
    )
    return _act(case_id, action, _("Case status changed."))


@bp.post("/consultant/cases/<int:case_id>/invitations")
def invite(case_id: int) -> ResponseReturnValue:
    found = get_case(current_user, case_id)
    try:
        role, person = fact_fields.invitee(request.form.get("who", ""))
        link = invitations.invite(
            found,
            email=request.form.get("email", ""),
            role=role,
            person_id=person,
            actor=current_user,
            lang=request.form.get("lang") or current_lang(),
        )
    except TrackerError as exc:
        flash(exc.said(current_lang()), "error")
        return redirect(url_for(".case", case_id=case_id, _anchor="people"))
    return _link_page(found, link)


@bp.post("/consultant/cases/<int:case_id>/members/<int:user_id>/reset")
def reset_link(case_id: int, user_id: int) -> ResponseReturnValue:
    found = get_case(current_user, case_id)
    return _link_page(found, invitations.reset_link(found, user_id, actor=current_user))


def _link_page(case: Case, link: invitations.IssuedLink) -> str:
    """The link just made and what became of its e-mail (sent, or no mail server)."""
    return render_template(
        "consultant/link.html",
        case=case,
        link=link.invitation,
        url=link.url,
        mail_configured=bool(current_app.config.get("SMTP_URL")),
    )


@bp.post("/consultant/cases/<int:case_id>/items")
def add_item(case_id: int) -> Response:
    found = get_case(current_user, case_id)
    person = fact_fields.whole_number(request.form.get("person_id", "")) or 0
    titles = {lang: request.form.get(f"title-{lang}", "") for lang in ("en", "zh-Hant", "zh-Hans")}
    action = partial(review.add_item, found, person, titles, actor=current_user)
    return _act(case_id, action, _("Item added: the applicant sees it on their checklist now."))


@bp.post("/consultant/items/<int:req_id>/withdraw")
def withdraw_item(req_id: int) -> Response:
    req = review.get_requirement(current_user, req_id)
    action = partial(review.withdraw_item, req, actor=current_user)
    return _act(req.case_id, action, _("Item withdrawn."), f"item-{req.id}")


@bp.post("/consultant/documents/<int:doc_id>/language")
def language(doc_id: int) -> Response:
    doc = review.get_document(current_user, doc_id)
    verdict, why = request.form.get("verdict", ""), request.form.get("reason", "")
    action = partial(review.override_language, doc, verdict, why, actor=current_user)
    return _act(doc.case_id, action, _("Language verdict changed."), f"item-{doc.requirement_id}")


@bp.post("/consultant/documents/<int:doc_id>/mrz")
def mrz(doc_id: int) -> Response:
    doc = review.get_document(current_user, doc_id)
    field, value = request.form.get("field", ""), request.form.get("value", "")
    action = partial(correct_mrz, doc, field, value, actor=current_user)
    return _act(doc.case_id, action, _("Field corrected."), f"item-{doc.requirement_id}")


def _act(
    case_id: int, action: Callable[[], object], done: str, anchor: str | None = None
) -> Response:
    """Run a form's action; say how it went, and go back to the case page."""
    try:
        action()
    except TrackerError as exc:
        flash(exc.said(current_lang()), "error")
    else:
        flash(done, "success")
    return redirect(url_for(".case", case_id=case_id, _anchor=anchor))


def _flash_changes(changes: Changes, prog: Program) -> None:
    if changes.empty:
        flash(_("Facts saved; the checklist did not change."), "success")
    for name, codes in changes.added.items():
        items = _titled(codes, prog)
        flash(_("Now required for %(name)s: %(items)s", name=name, items=items), "added")
    for name, codes in changes.dropped.items():
        items = _titled(codes, prog)
        flash(_("No longer required for %(name)s: %(items)s", name=name, items=items), "dropped")


def _titled(codes: list[str], prog: Program) -> str:
    lang = current_lang()
    return "; ".join(
        f"{code} {item.title(lang)}" if (item := prog.item(code)) else code for code in codes
    )
