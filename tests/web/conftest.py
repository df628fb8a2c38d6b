"""The web tests read the compiled catalogs: rebuild any that are missing or stale."""

from __future__ import annotations

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tracker.config import PACKAGE_DIR

TRANSLATIONS = PACKAGE_DIR / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """Compile each .po whose .mo is missing or older, as `pybabel compile` would."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parents[1].name)
        partial = po.with_suffix(".partial.mo")  # a parallel run never reads half a file
        with partial.open("wb") as target:
            write_mo(target, catalog)
        partial.replace(mo)
