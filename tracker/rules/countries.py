"""Countries as facts name them: ISO 3166-1 alpha-2 codes, from pycountry's copy of the standard."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def country_codes() -> frozenset[str]:
    """Every officially assigned ISO 3166-1 alpha-2 code (HK, MO and TW included)."""
    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_country(code: str) -> bool:
    return code in country_codes()
