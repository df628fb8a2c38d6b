"""Pure layers stay pure: rules/, validation/, storage/ import no Flask or SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tracker"
PURE = ["rules", "validation", "storage"]
FORBIDDEN = ("flask", "sqlalchemy", "werkzeug", "jinja2")


def modules_of(layer: str) -> list[str]:
    return [
        "tracker." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for p in sorted((PACKAGE / layer).rglob("*.py"))
        if p.name != "__init__.py"
    ]


@pytest.mark.parametrize("layer", PURE)
def test_pure_layer_imports_no_web_or_database(layer: str) -> None:
    modules = modules_of(layer)
    assert modules, f"no modules found under tracker/{layer}"
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
