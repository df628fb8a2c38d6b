"""Facts: check raw input (a JSON object) against a program's fact schema.

Missing keys take their default; a missing key without a default, an unknown
key, a value of the wrong type or an unknown code is a FactsError naming the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from tracker.rules.program import COUNTRY_CODE, FactSpec, Program

Facts = Mapping[str, Any]


class FactsError(ValueError):
    """Facts that do not fit the program."""


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
    return MappingProxyType(facts)


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
        if not COUNTRY_CODE.match(value.upper()):
            raise FactsError(f"fact {key!r} must be an ISO 3166-1 alpha-2 code such as 'PH'")
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
