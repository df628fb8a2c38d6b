"""How the code hangs together: pure layers, one direction of imports, no cycles.

* rules/, validation/ and storage/ load no web or database library;
* services never import web/ (data flows web → services);
* no module of tracker/ is part of an import cycle (imports inside functions count);
* only services/registry.py reads `app.extensions`, and services take no
  store or job queue as parameters (they fetch them from the registry);
* no module under tests/ imports a test module or a conftest.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tracker"
PURE = ("rules", "validation", "storage")
FORBIDDEN = ("flask", "flask_sqlalchemy", "sqlalchemy", "werkzeug", "jinja2")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_under(folder: Path) -> dict[str, Path]:
    return {module_name(p): p for p in sorted(folder.rglob("*.py"))}


MODULES = modules_under(PACKAGE)


def loaded_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter and return the top-level modules it loaded."""
    script = (
        f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_pure_layers_load_no_web_or_database_library() -> None:
    pure = [m for m in MODULES if m.partition(".")[2].split(".")[0] in PURE]
    assert "tracker.validation.pipeline" in pure
    assert "tracker.storage.local" in pure
    loaded = loaded_after("".join(f"import {m}\n" for m in pure))
    assert "tracker" in loaded
    assert not loaded & set(FORBIDDEN)


def test_the_purity_check_notices_a_forbidden_import() -> None:
    assert "flask" in loaded_after("import tracker.validation.pipeline, flask")


def test_heif_plugin_loads_only_when_an_image_is_opened() -> None:
    assert "pillow_heif" not in loaded_after("import tracker.validation.pipeline")
    opened = (
        "import tracker.validation.pipeline\n"
        "from tracker.validation.pillow_safe import _configure\n_configure()"
    )
    assert "pillow_heif" in loaded_after(opened)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


RUN_ON_IMPORT = (ast.If, ast.Try, ast.With, ast.ExceptHandler, ast.ClassDef)


def _statements(body: list[Any], *, lazy: bool) -> Iterator[ast.AST]:
    """The statements run on import (and with `lazy`, those inside functions too)."""
    for node in body:
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from _statements(node.orelse, lazy=lazy)
            continue
        yield node
        if lazy or isinstance(node, RUN_ON_IMPORT):
            for field in ("body", "orelse", "finalbody", "handlers"):
                yield from _statements(getattr(node, field, []), lazy=lazy)


def imported_by(name: str, known: dict[str, Path], *, lazy: bool) -> set[str]:
    """The modules of `known` that module `name` imports."""
    path = known[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _statements(ast.parse(path.read_text(encoding="utf-8")).body, lazy=lazy):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.update(
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            )
    return found & known.keys()


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module, or a module importing itself."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in order:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], order[target])
        if low[node] == order[node]:
            group = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def test_no_import_cycle_in_tracker() -> None:
    graph = {m: imported_by(m, MODULES, lazy=True) for m in MODULES}
    assert "tracker.cli.helpers" in graph["tracker.cli.checklist"]
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_services_never_import_web() -> None:
    wrong = {
        (m, target)
        for m in MODULES
        if m.startswith("tracker.services.")
        for target in imported_by(m, MODULES, lazy=True)
        if target.startswith("tracker.web")
    }
    assert wrong == set()


def parsed(folder: Path) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(folder.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_only_the_registry_reads_app_extensions() -> None:
    readers = {
        str(path.relative_to(PACKAGE))
        for path, tree in parsed(PACKAGE)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "extensions"
        if isinstance(node.value, ast.Name) and node.value.id in {"app", "current_app"}
    }
    assert readers == {"services/registry.py"}


def test_services_fetch_storage_and_jobs_instead_of_taking_them() -> None:
    taking = [
        f"{path.relative_to(PACKAGE)}:{node.name}"
        for path, tree in parsed(PACKAGE / "services")
        if path.name != "registry.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        if {a.arg for a in node.args.args + node.args.kwonlyargs} & {"storage", "jobs"}
    ]
    assert taking == []


@pytest.mark.parametrize("prefix", ["conftest", "test_"])
def test_tests_share_helpers_not_test_modules(prefix: str) -> None:
    tests = modules_under(ROOT / "tests")
    importing = {
        (m, target)
        for m in tests
        for target in imported_by(m, tests, lazy=True)
        if target.rpartition(".")[2].startswith(prefix)
    }
    assert importing == set()
