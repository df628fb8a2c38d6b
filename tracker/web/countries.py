"""Nationalities as people read them: CLDR country names (Babel) for the ISO 3166-1 codes.

The form offers the names in the reader's language; what is stored is the code.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from tracker.rules.countries import country_codes


@cache
def country_names(lang: str) -> dict[str, str]:
    """Code → country name in `lang`, ordered by name."""
    territories = Locale.parse(lang.replace("-", "_")).territories
    named = ((code, territories.get(code, code)) for code in country_codes())
    return dict(sorted(named, key=lambda pair: pair[1]))


@cache
def _codes_by_name(lang: str) -> dict[str, str]:
    names = {**country_names("en"), **country_names(lang)}
    return {name.casefold(): code for code, name in names.items()}


def country_code(text: str, lang: str) -> str:
    """The code for a country named in `lang` or English, or given as its code."""
    cleaned = text.strip()
    code = cleaned.upper() if len(cleaned) == 2 else cleaned  # a name not in the list stays
    return _codes_by_name(lang).get(cleaned.casefold(), code)


def country_name(code: str, lang: str) -> str:
    """The name of a country code in `lang`; anything else as it was typed."""
    return country_names(lang).get(code.upper(), code) if code else ""
