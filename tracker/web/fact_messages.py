"""Facts that do not fit the program, said in the reader's language beside their field.

tracker/rules keeps its one-line English messages (the CLI's contract) and gives
each problem a code and parameters; this module turns those into sentences.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from tracker.rules.facts import FactsError
from tracker.rules.program import Program
from tracker.services.errors import FactsInputError, TrackerError
from tracker.web.countries import country_name
from tracker.web.locale import current_lang


def error_said(error: TrackerError, program: Program) -> str:
    """A service's error in the reader's language; facts that do not fit, said as a form would."""
    if not isinstance(error, FactsInputError):
        return error.said(current_lang())
    sentence = said(error.problem, program)
    return f"{error.person}: {sentence}" if error.person else sentence


def said(problem: FactsError, program: Program) -> str:
    """The problem as a sentence in the reader's language."""
    lang = current_lang()
    if problem.text is not None:  # the program's own words (a constraint)
        return problem.text(lang)
    spec = program.facts.get(problem.key or "")
    fact = spec.title(lang) if spec else (problem.key or "")
    return _sentence(problem.code, fact, problem.params, lang)


def _sentence(code: str, fact: str, params: Mapping[str, object], lang: str) -> str:
    message: str
    match code:
        case "missing_fact":
            message = _("%(fact)s: answer this question.", fact=fact)
        case "not_bool":
            message = _("%(fact)s: answer yes or no.", fact=fact)
        case "not_int":
            message = _("%(fact)s: give a whole number.", fact=fact)
        case "out_of_range":
            low, high = params.get("min"), params.get("max")
            message = _(
                "%(fact)s: give a number from %(min)s to %(max)s.", fact=fact, min=low, max=high
            )
        case "not_country":
            value = country_name(str(params.get("value", "")), lang)
            message = _(
                "%(fact)s: %(value)s is not a country: choose one from the list.",
                fact=fact,
                value=value,
            )
        case "not_date":
            message = _("%(fact)s: give a date.", fact=fact)
        case "unknown_value":
            message = _("%(fact)s: choose one of the answers offered.", fact=fact)
        case _:
            message = _("%(fact)s: this answer cannot be used.", fact=fact)
    return message
