"""axe-core (from npm, installed by scripts/setup.sh) run inside a page: its serious and
critical violations. Missing is an error that says how to install it, never a skip."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(
            f"{AXE} not found: run scripts/setup.sh "
            "(it runs `npm install --prefix .tools axe-core`)",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe on the page as it is now; the serious and critical violations, summarised."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())  # the test's context bypasses the page's CSP
    results = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results
        if v["impact"] in SERIOUS
    ]
