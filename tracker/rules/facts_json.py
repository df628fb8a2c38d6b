"""Facts as a JSON document from outside (a file, a request): read defensively.

Hostile input gets a FactsError with one clear line, never a traceback or a silent
guess: a key given twice, a number too long to be a fact, nesting too deep to read,
a document too big to be facts. A UTF-8 byte-order mark (Windows Notepad) is fine.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.rules.facts import FactsError

MAX_BYTES = 1024 * 1024  # a facts document is a few hundred bytes
MAX_DIGITS = 30  # no fact is a number this long (ages, years)


def read_facts_json(data: bytes) -> Any:
    """Parse a facts document; FactsError names what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise FactsError(f"the facts document is larger than {MAX_BYTES // 1024} KB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactsError(f"the facts document is not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_int=_integer, parse_float=_decimal)
    except json.JSONDecodeError as exc:
        raise FactsError(f"not valid JSON: {exc}") from None
    except RecursionError:
        raise FactsError("not valid facts: the JSON is nested too deeply") from None


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise FactsError(f"key {key[:50]!r} is given twice")
        found[key] = value
    return found


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise FactsError(f"a number with {len(digits.lstrip('-'))} digits is not a fact")
    return int(digits)


def _decimal(text: str) -> float:
    if len(text) > MAX_DIGITS:
        raise FactsError(f"a number written with {len(text)} characters is not a fact")
    return float(text)
