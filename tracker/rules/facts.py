"""Facts: check raw input (a JSON object) against a program's fact schema.

Missing keys take their default; a missing key without a default, an unknown
key, a value of the wrong type or an unknown code is a FactsError naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tracker.i18n import Text
from tracker.rules.countries import is_country
from tracker.rules.program import FactSpec, Program

Facts = Mapping[str, Any]


class FactsError(ValueError):
    """Facts that do not fit the program; `text` is the program's own message, when it has one."""

    def __init__(self, message: str, text: Text | None = None) -> None:
        super().__init__(message)
        self.text = text


def parse_facts(
    program: Program, raw: object, *, level: str | None = None, partial: bool = False
) -> Facts:
    """Check `raw` and return complete, typed facts (frozen).

    `level` limits the keys to case or applicant facts; `partial` allows
    missing required keys (a form being filled in).
    """
    if not isinstance(raw, dict):
        raise FactsError("facts must be a JSON object")
    specs = {k: f for k, f in program.facts.items() if level is None or f.level == level}
    unknown = sorted(set(raw) - set(specs))
    if unknown:
        raise FactsError(f"unknown fact {unknown[0]!r} for program {program.code}")
    facts: dict[str, Any] = {}
    for key, spec in specs.items():
        if key in raw:
            facts[key] = _value(spec, raw[key])
        elif not spec.required:
            facts[key] = spec.default
        elif not partial:
            raise FactsError(f"missing fact {key!r}")
    if not partial:
        _check_required_when(specs, facts)
        _check_constraints(program, facts)
    return MappingProxyType(facts)


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


def _check_constraints(program: Program, facts: Facts) -> None:
    scope = scope_of(program, facts)
    for constraint in program.constraints:
        if constraint.when.evaluate(scope):
            raise FactsError(
                f"facts that cannot all be true ({constraint.code}): {constraint.message.en}",
                constraint.message,
            )


def _check_required_when(specs: Mapping[str, FactSpec], facts: Facts) -> None:
    """A fact needed only in some cases (e.g. years in Macau for a former Mainland resident)."""
    for key, spec in specs.items():
        needed = spec.required_when
        if needed is not None and facts.get(key) is None and needed.evaluate(facts):
            raise FactsError(f"missing fact {key!r} (needed when {needed.text})")


def _value(spec: FactSpec, value: object) -> object:
    key = spec.key
    if spec.type == "bool":
        if not isinstance(value, bool):
            raise FactsError(f"fact {key!r} must be true or false")
        return value
    if spec.type == "int":
        return _int(spec, value)
    if not isinstance(value, str):
        raise FactsError(f"fact {key!r} must be a string")
    if spec.type == "country":
        if not is_country(value.upper()):
            raise FactsError(
                f"fact {key!r}: {value[:20]!r} is not an ISO 3166-1 alpha-2 country code "
                "such as 'PH'"
            )
        return value.upper()
    if value not in spec.values:
        raise FactsError(f"fact {key!r}: unknown value {value!r} (one of {', '.join(spec.values)})")
    return value


def _int(spec: FactSpec, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FactsError(f"fact {spec.key!r} must be a whole number")
    if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
        raise FactsError(f"fact {spec.key!r} must be between {spec.min} and {spec.max}")
    return value
