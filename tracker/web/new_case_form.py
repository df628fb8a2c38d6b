"""The new-case form: what was typed is kept, and each problem is said beside its field.

"Add another applicant", "change program" and "update the questions" show the form
again with every value; only the questions the program and the answers so far need
are shown (the program's `ask_when`). Field names as in tracker/web/fact_fields.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _

from tracker.rules.facts import FactsError, asked, fact_problems, scope_of
from tracker.rules.program import FactSpec, Program
from tracker.services.case_lifecycle import NewCase
from tracker.services.cases import NewApplicant
from tracker.services.deadlines import Dates
from tracker.services.errors import InvalidInputError
from tracker.web.fact_fields import DATE_FIELDS, form_date, typed
from tracker.web.fact_messages import said

MAX_APPLICANTS = 12
CONTROLS = ("csrf_token", "program", "applicants", "action")


@dataclass
class NewCaseForm:
    """The form as typed: values by field name, problems by field name, hidden questions."""

    program: Program
    values: Mapping[str, str]
    action: str
    slots: int
    hidden: set[str] = field(default_factory=set)
    errors: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def carried(self) -> dict[str, str]:
        """Values typed for fields this program does not show: kept for a change back."""
        shown = set(self._shown())
        return {k: v for k, v in self.values.items() if v and k not in shown and k not in CONTROLS}

    def _shown(self) -> list[str]:
        names = [f"case-{s.key}" for s in self.program.facts_at("case")]
        blocks = [f"a{n}" for n in range(self.slots)]
        if self.program.has_sponsor:
            names.append("sponsor-name")
            blocks.append("sponsor")
        specs = self.program.facts_at("applicant")
        for prefix in blocks:
            names += [f"{prefix}-name", *(f"{prefix}-{d}" for d in self.program.date_inputs)]
            names += [f"{prefix}-{s.key}" for s in specs] if prefix != "sponsor" else []
        return names


def read(program: Program, values: Mapping[str, str]) -> NewCaseForm:
    """The form as submitted (or asked for with ?applicants=N), with its hidden questions."""
    action = values.get("action", "open")
    slots = _whole(values.get("applicants", "1")) + (action == "add_applicant")
    form = NewCaseForm(program, values, action, min(max(1, slots), MAX_APPLICANTS))
    case_facts = _answers(form, program.facts_at("case"), "case", {})
    for n in range(form.slots):
        _answers(form, program.facts_at("applicant"), f"a{n}", case_facts)
    return form


def new_case(form: NewCaseForm) -> NewCase | None:
    """The case the form describes, or None with every problem in `form.errors`."""
    program, errors = form.program, form.errors
    errors.clear()
    case_facts = _answers(form, program.facts_at("case"), "case", {}, errors)
    applicants = []
    for n in range(form.slots):
        prefix = f"a{n}"
        name = form.value(f"{prefix}-name").strip()
        facts = _answers(form, program.facts_at("applicant"), prefix, case_facts, errors)
        if not name and not facts:
            continue
        if not name:
            errors[f"{prefix}-name"] = _("Give the applicant's name.")
        for problem in fact_problems(program, {**case_facts, **facts}):
            errors.setdefault(_field_of(problem, program, prefix), said(problem, program))
        applicants.append(NewApplicant(name[:200], facts, _dates(form, prefix)))
    if not applicants:
        errors["a0-name"] = _("A case needs at least one applicant: give a name.")
    sponsor = form.value("sponsor-name").strip()
    if program.has_sponsor and not sponsor:
        errors["sponsor-name"] = _("Give the sponsor's name.")
    sponsor_dates = _dates(form, "sponsor")
    if errors:
        return None
    return NewCase(case_facts, sponsor[:200], applicants, sponsor_dates)


def _answers(
    form: NewCaseForm,
    specs: list[FactSpec],
    prefix: str,
    base: Mapping[str, Any],
    errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The typed answers of one block that the answers so far ask for; the rest is hidden."""
    facts: dict[str, Any] = {}
    for spec in specs:
        raw = form.value(f"{prefix}-{spec.key}").strip()
        try:
            if raw:
                facts[spec.key] = typed(spec, raw)
        except InvalidInputError as exc:
            if errors is not None:
                errors[f"{prefix}-{spec.key}"] = str(exc)
    scope = scope_of(form.program, {**base, **facts})
    unasked = {s.key for s in specs if not asked(s, scope)}
    form.hidden |= {f"{prefix}-{key}" for key in unasked}
    return {k: v for k, v in facts.items() if k not in unasked}


def _field_of(problem: FactsError, program: Program, prefix: str) -> str:
    """The field a problem belongs beside: its fact's input, else the applicant's block."""
    spec = program.facts.get(problem.key or "")
    if spec is None:
        return prefix
    return f"case-{spec.key}" if spec.level == "case" else f"{prefix}-{spec.key}"


def _dates(form: NewCaseForm, prefix: str) -> Dates:
    """A person's dates; a bad one is said beside its own input."""
    found: dict[str, date | None] = {}
    for name in DATE_FIELDS:
        try:
            found[name] = form_date(form.value(f"{prefix}-{name}"))
        except InvalidInputError as exc:
            form.errors[f"{prefix}-{name}"], found[name] = str(exc), None
    return Dates(**found)


def _whole(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        return 1
