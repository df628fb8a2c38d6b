"""A travel document's zone against the case: the person's name, nationality, age, expiry.

Pure: the zone as read (the contract's `mrz` object) and what the case says in, findings
out. Names are compared as sets of words, tolerant of order, spacing, hyphens and the
usual transliterations (ICAO's Ä → AE beside the plain A); a name in another script is
not compared.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.core import get_global

from tracker.i18n import Text
from tracker.validation.findings import Finding, Severity

# ICAO 9303 codes that are not ISO 3166-1 alpha-3 (part 3, "codes for nationality").
ICAO_STATES = {"D": "DE", "GBD": "GB", "GBN": "GB", "GBO": "GB", "GBP": "GB", "GBS": "GB"}
# What ICAO writes for a letter, beside the plain letter others write.
TRANSLITERATIONS = {"AE": "A", "OE": "O", "UE": "U", "AA": "A", "SS": "S"}
AGE_TOLERANCE = 1  # years: a stated age may predate a birthday
CASE_CODES = frozenset(
    {
        "mrz_name_mismatch",
        "mrz_nationality_mismatch",
        "mrz_age_mismatch",
        "mrz_expired",
        "mrz_expires_too_soon",
    }
)


@dataclass(frozen=True)
class CaseSays:
    """What the case says about the person whose document this is."""

    name: str
    nationality: str | None = None  # ISO 3166-1 alpha-2
    age: int | None = None
    # The case's dates the document must stay valid for (the program's `must_outlast`:
    # an expected decision, the end of an intended stay), with their titles.
    valid_until: tuple[tuple[date, Text], ...] = ()


def case_findings(mrz: Mapping[str, Any], says: CaseSays, *, today: date) -> list[Finding]:
    """Every disagreement between a zone whose check digits pass and the case."""
    return [
        *_name(mrz, says),
        *_nationality(mrz, says),
        *_age(mrz, says, today),
        *_expiry(mrz, says, today),
    ]


def alpha2(code: str) -> str | None:
    """The ISO alpha-2 code of an ICAO nationality or state code, if known."""
    if code in ICAO_STATES:
        return ICAO_STATES[code]
    found = get_global("territory_aliases").get(code)
    return found[0] if found else None


def names_match(surname: str, given_names: str, name: str) -> bool:
    """True when the case's name holds the surname and at least one given name."""
    words = _words(name)
    if not words:
        return True  # another script: nothing to compare
    joined = "".join(sorted(words))
    family = _words(surname)
    has_family = family <= words or "".join(sorted(family)) in joined
    given = _words(given_names)
    return has_family and (not given or bool(given & words))


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.upper())
    letters = "".join(
        ch if "A" <= ch <= "Z" else " " for ch in plain if not unicodedata.combining(ch)
    )
    return {_skeleton(word) for word in letters.split()}


def _skeleton(word: str) -> str:
    for icao, plain in TRANSLITERATIONS.items():
        word = word.replace(icao, plain)
    return word


def _name(mrz: Mapping[str, Any], says: CaseSays) -> list[Finding]:
    if names_match(mrz["surname"], mrz["given_names"], says.name):
        return []
    printed = f"{mrz['surname']}, {mrz['given_names']}".strip(", ")
    return [
        Finding.make("mrz_name_mismatch", Severity.WARNING, mrz_name=printed, case_name=says.name)
    ]


def _nationality(mrz: Mapping[str, Any], says: CaseSays) -> list[Finding]:
    found = alpha2(mrz["nationality"])
    if says.nationality is None or found is None or found == says.nationality:
        return []
    return [
        Finding.make(
            "mrz_nationality_mismatch",
            Severity.WARNING,
            mrz_nationality=mrz["nationality"],
            case_nationality=says.nationality,
        )
    ]


def _age(mrz: Mapping[str, Any], says: CaseSays, today: date) -> list[Finding]:
    if says.age is None or not mrz.get("birth_date"):
        return []
    born = date.fromisoformat(mrz["birth_date"])
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if abs(age - says.age) <= AGE_TOLERANCE:
        return []
    return [
        Finding.make(
            "mrz_age_mismatch",
            Severity.WARNING,
            birth_date=mrz["birth_date"],
            mrz_age=age,
            case_age=says.age,
        )
    ]


def _expiry(mrz: Mapping[str, Any], says: CaseSays, today: date) -> list[Finding]:
    expiry = mrz.get("expiry_date")
    if not expiry:
        return []
    if date.fromisoformat(expiry) < today:
        return [Finding.make("mrz_expired", Severity.ERROR, expiry_date=expiry)]
    later = [(on, title) for on, title in says.valid_until if on > date.fromisoformat(expiry)]
    if not later:
        return []
    on, title = max(later, key=lambda entry: entry[0])
    return [
        Finding.make(
            "mrz_expires_too_soon",
            Severity.ERROR,
            expiry_date=expiry,
            needed=title,
            needed_date=on.isoformat(),
        )
    ]
