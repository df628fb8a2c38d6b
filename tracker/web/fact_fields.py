"""The consultant's HTML forms: fields generated from the program's fact specs, parsed back.

Field names: `case-<fact>` for case facts, `a<n>-<fact>` for the n-th applicant of a
new case, `p<id>-<fact>` for an existing person; dates use the Person column names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from tracker.models import Case, CaseStatus, PersonRole
from tracker.rules.program import FactSpec, Program
from tracker.services.deadlines import Dates
from tracker.services.errors import InvalidInputError
from tracker.services.views.dashboard import (
    MAX_PER_PAGE,
    PER_PAGE,
    SORTS,
    UNASSIGNED,
    DashboardQuery,
)
from tracker.web.countries import country_code
from tracker.web.locale import current_lang

DATE_FIELDS = ("stay_expires_on", "travel_document_expires_on", "first_entry_on")
ASCENDING_BY_DEFAULT = {"deadline", "reference"}


@dataclass(frozen=True)
class FactField:
    """One input of a facts form: its spec, field name and current value as text."""

    spec: FactSpec
    name: str
    value: str


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def fact_fields(
    specs: Iterable[FactSpec], prefix: str, values: Mapping[str, Any]
) -> list[FactField]:
    """The inputs for these facts, filled with the given values (stored or submitted)."""
    return [
        FactField(spec, f"{prefix}-{spec.key}", as_text(values.get(spec.key))) for spec in specs
    ]


def submitted(specs: Iterable[FactSpec], prefix: str, form: Mapping[str, str]) -> dict[str, str]:
    """The raw text the form sent for these facts, to fill a form shown again."""
    return {spec.key: form.get(f"{prefix}-{spec.key}", "") for spec in specs}


def facts_from_form(
    specs: Iterable[FactSpec], prefix: str, form: Mapping[str, str]
) -> dict[str, Any]:
    """Typed facts from the form; a blank field is left out (its default applies)."""
    facts: dict[str, Any] = {}
    for spec in specs:
        raw = form.get(f"{prefix}-{spec.key}", "").strip()
        if raw:
            facts[spec.key] = typed(spec, raw)
    return facts


def typed(spec: FactSpec, raw: str) -> Any:
    """A typed fact from its text in a form; bad text is InvalidInputError naming the fact."""
    if spec.type == "bool":
        if raw not in ("yes", "no"):
            raise InvalidInputError(
                _("%(fact)s: answer yes or no.", fact=spec.title(current_lang()))
            )
        return raw == "yes"
    if spec.type == "int":
        try:
            return int(raw)
        except ValueError:
            raise InvalidInputError(
                _("%(fact)s: give a whole number.", fact=spec.title(current_lang()))
            ) from None
    return country_code(raw, current_lang()) if spec.type == "country" else raw


def dates_from_form(form: Mapping[str, str], prefix: str) -> Dates:
    """A person's dates (YYYY-MM-DD, as date inputs send them); blank means unknown."""
    return Dates(**{name: form_date(form.get(f"{prefix}-{name}", "")) for name in DATE_FIELDS})


def form_date(raw: str) -> date | None:
    """A date as date inputs send it (YYYY-MM-DD); blank is None."""
    try:
        return date.fromisoformat(raw.strip()) if raw.strip() else None
    except ValueError:
        raise InvalidInputError(
            _("%(value)s is not a date (YYYY-MM-DD).", value=repr(raw.strip()))
        ) from None


def people_dates(case: Case, form: Mapping[str, str]) -> dict[int, Dates]:
    return {p.id: dates_from_form(form, f"p{p.id}") for p in case.people}


def people_facts(
    program: Program, case: Case, form: Mapping[str, str]
) -> dict[int, dict[str, Any]]:
    specs = program.facts_at("applicant")
    return {p.id: facts_from_form(specs, f"p{p.id}", form) for p in case.applicants}


DASHBOARD_ARGS = (
    "q", "program", "status", "consultant", "translation", "ready", "within", "sort", "dir",
    "page", "per_page",
)  # fmt: skip


def dashboard_args(args: Mapping[str, str]) -> dict[str, Any]:
    """The dashboard's own query parameters, safe to hand to url_for (never `_method` & co.)."""
    return {key: args[key] for key in DASHBOARD_ARGS if key in args}


def dashboard_query(args: Mapping[str, str]) -> DashboardQuery:
    """Filters, sort and page from the dashboard's query string; nonsense falls back safely."""
    status = args.get("status", CaseStatus.OPEN.value)
    sort = args.get("sort", "activity")
    sort = sort if sort in SORTS else "activity"
    consultant = args.get("consultant", "")
    direction = args.get("dir") or ("asc" if sort in ASCENDING_BY_DEFAULT else "desc")
    return DashboardQuery(
        program=args.get("program") or None,
        status=CaseStatus(status) if status in CaseStatus._value2member_map_ else None,
        consultant_id=UNASSIGNED if consultant == "none" else _int(consultant, None, 1, 10**9),
        blocked_by_translation=args.get("translation") == "1",
        ready_only=args.get("ready") == "1",
        within_days=_int(args.get("within", ""), None, 0, 3650),
        search=args.get("q", "")[:100],
        sort=sort,
        descending=direction != "asc",
        page=_int(args.get("page", ""), 1, 1, 10**6) or 1,
        per_page=_int(args.get("per_page", ""), PER_PAGE, 1, MAX_PER_PAGE) or PER_PAGE,
    )


def invitee(raw: str) -> tuple[PersonRole, int | None]:
    """'applicant:<person id>', 'applicant:' (the whole family) or 'sponsor:<person id>'."""
    role, _colon, person = raw.partition(":")
    if role not in ("applicant", "sponsor"):
        raise InvalidInputError(_("Choose whom to invite."))
    return PersonRole(role), whole_number(person)


def whole_number(raw: str) -> int | None:
    """A positive id from a form field, or None."""
    return _int(raw, None, 1, 2**31 - 1)


def _int(raw: str, default: int | None, low: int, high: int) -> int | None:
    try:
        return min(max(low, int(raw)), high)
    except ValueError:
        return default
