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
    pairs = [*country_names("en").items(), *country_names(lang).items()]
    return {name.casefold(): code for code, name in pairs}


def country_code(text: str, lang: str) -> str:
    """The code for a country named in `lang` or English (or part of one name), or its code."""
    cleaned = text.strip()
    if len(cleaned) == 2:
        return cleaned.upper()
    names = _codes_by_name(lang)
    wanted = cleaned.casefold()
    if wanted in names:
        return names[wanted]
    partly = {code for name, code in names.items() if wanted and wanted in name}
    return partly.pop() if len(partly) == 1 else cleaned  # anything else stays as typed


def country_name(code: str, lang: str) -> str:
    """The name of a country code in `lang`; anything else as it was typed."""
    return country_names(lang).get(code.upper(), code) if code else ""
