"""Facts: check raw input (a JSON object) against a program's fact schema.

Missing keys take their default; a missing key without a default, an unknown
key, a value of the wrong type or an unknown code is a FactsError naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from tracker.i18n import Text
from tracker.rules.countries import is_country
from tracker.rules.program import FactSpec, Program

Facts = Mapping[str, Any]


class FactsError(ValueError):
    """Facts that do not fit the program.

    The message is the CLI's one line in English; `code`, `key` and `params` let a
    form say it in the reader's language beside the field; `text` is the program's
    own message (a constraint), when it has one.
    """

    def __init__(
        self,
        message: str,
        text: Text | None = None,
        *,
        code: str = "invalid",
        key: str | None = None,
        **params: object,
    ) -> None:
        super().__init__(message)
        self.text, self.code, self.key, self.params = text, code, key, params


def parse_facts(
    program: Program, raw: object, *, level: str | None = None, partial: bool = False
) -> Facts:
    """Check `raw` and return complete, typed facts (frozen).

    `level` limits the keys to case or applicant facts; `partial` allows
    missing required keys (a form being filled in).
    """
    facts, problems = _read(program, raw, level, partial)
    if problems:
        raise problems[0]
    return MappingProxyType(facts)


def fact_problems(
    program: Program, raw: object, *, level: str | None = None, partial: bool = False
) -> list[FactsError]:
    """Every problem with `raw`, in the order parse_facts meets them (a form shows them all)."""
    return _read(program, raw, level, partial)[1]


def asked(spec: FactSpec, scope: Mapping[str, Any]) -> bool:
    """Whether the answers so far need this question (no Macau questions without Macau)."""
    return spec.ask_when is None or spec.ask_when.evaluate(scope)


def _read(
    program: Program, raw: object, level: str | None, partial: bool
) -> tuple[dict[str, Any], list[FactsError]]:
    if not isinstance(raw, dict):
        return {}, [FactsError("facts must be a JSON object", code="not_object")]
    specs = {k: f for k, f in program.facts.items() if level is None or f.level == level}
    problems = [
        FactsError(f"unknown fact {key!r} for program {program.code}", code="unknown_fact", key=key)
        for key in sorted(set(raw) - set(specs))
    ]
    facts: dict[str, Any] = {}
    for key, spec in specs.items():
        try:
            if raw.get(key) is not None:  # null: not given (an optional date not known yet)
                facts[key] = _value(spec, raw[key])
            elif not spec.required:
                facts[key] = spec.default
            elif not partial:
                raise FactsError(f"missing fact {key!r}", code="missing_fact", key=key)
        except FactsError as exc:
            problems.append(exc)
    if not partial and not problems:
        problems += _required_when(specs, facts) + _constraints(program, facts)
    return facts, problems


def scope_of(program: Program, facts: Facts) -> dict[str, Any]:
    """Flatten facts, constants, lists and enum attributes into the names conditions read."""
    scope: dict[str, Any] = {**program.constants, **program.lists, **facts}
    for key, spec in program.facts.items():
        value = facts.get(key)
        attrs: Mapping[str, Any] = (
            spec.values.get(value, {}) if spec.type == "enum" and isinstance(value, str) else {}
        )
        for name, attribute in attrs.items():
            if name != "title":
                scope[f"{key}.{name}"] = attribute
    return scope


def _constraints(program: Program, facts: Facts) -> list[FactsError]:
    scope = scope_of(program, facts)
    return [
        FactsError(
            f"facts that cannot all be true ({constraint.code}): {constraint.message.en}",
            constraint.message,
            code="constraint",
            constraint=constraint.code,
        )
        for constraint in program.constraints
        if constraint.when.evaluate(scope)
    ]


def _required_when(specs: Mapping[str, FactSpec], facts: Facts) -> list[FactsError]:
    """A fact needed only in some cases (e.g. years in Macau for a former Mainland resident)."""
    return [
        FactsError(
            f"missing fact {key!r} (needed when {spec.required_when.text})",
            code="missing_fact",
            key=key,
        )
        for key, spec in specs.items()
        if spec.required_when is not None
        and facts.get(key) is None
        and spec.required_when.evaluate(facts)
    ]


def _value(spec: FactSpec, value: object) -> object:
    key = spec.key
    if spec.type == "bool":
        if not isinstance(value, bool):
            raise FactsError(f"fact {key!r} must be true or false", code="not_bool", key=key)
        return value
    if spec.type == "int":
        return _int(spec, value)
    if not isinstance(value, str):
        raise FactsError(f"fact {key!r} must be a string", code="not_string", key=key)
    if spec.type == "date":
        return _date(spec, value)
    if spec.type == "country":
        if not is_country(value.upper()):
            raise FactsError(
                f"fact {key!r}: {value[:20]!r} is not an ISO 3166-1 alpha-2 country code "
                "such as 'PH'",
                code="not_country",
                key=key,
                value=value[:20],
            )
        return value.upper()
    if value not in spec.values:
        raise FactsError(
            f"fact {key!r}: unknown value {value!r} (one of {', '.join(spec.values)})",
            code="unknown_value",
            key=key,
            value=value[:40],
        )
    return value


def _int(spec: FactSpec, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FactsError(f"fact {spec.key!r} must be a whole number", code="not_int", key=spec.key)
    if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
        raise FactsError(
            f"fact {spec.key!r} must be between {spec.min} and {spec.max}",
            code="out_of_range",
            key=spec.key,
            min=spec.min,
            max=spec.max,
        )
    return value


def _date(spec: FactSpec, value: str) -> str:
    """A calendar date as ISO 8601 writes it (what a date input sends), kept as text."""
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _not_date(spec) from None
    if len(value) != len("2026-07-01"):
        raise _not_date(spec)
    return value


def _not_date(spec: FactSpec) -> FactsError:
    message = f"fact {spec.key!r} must be a date such as 2026-07-01"
    return FactsError(message, code="not_date", key=spec.key)
