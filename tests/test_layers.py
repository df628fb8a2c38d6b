"""Pure layers stay pure: rules/, validation/, storage/ import no Flask or SQLAlchemy."""

from __future__ import annotations

import ast
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


def parsed_modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def test_only_the_registry_reads_app_extensions() -> None:
    readers = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path, tree in parsed_modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "extensions"
        if isinstance(node.value, ast.Name) and node.value.id in {"app", "current_app"}
    ]
    assert readers, "the registry itself must be found"
    assert {r.split(":")[0] for r in readers} == {"services/registry.py"}, readers


def test_services_fetch_storage_and_jobs_instead_of_taking_them() -> None:
    taking = [
        f"{path.relative_to(PACKAGE)}:{node.name}"
        for path, tree in parsed_modules()
        if path.parent.name in {"services", "views"} and path.name != "registry.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        if {a.arg for a in node.args.args + node.args.kwonlyargs} & {"storage", "jobs"}
    ]
    assert taking == []
