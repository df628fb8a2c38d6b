"""The pure packages stay pure, and heavy image plugins load only when needed."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from types import ModuleType

import tracker.rules
import tracker.validation

FORBIDDEN = ("flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug")


def modules_of(package: ModuleType) -> list[str]:
    found = pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    return [package.__name__, *(m.name for m in found)]


def loaded_after(code: str) -> set[str]:
    """Run `code` in a fresh interpreter and return the top-level modules it loaded."""
    script = (
        f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_rules_and_validation_import_no_web_or_database() -> None:
    modules = modules_of(tracker.rules) + modules_of(tracker.validation)
    assert "tracker.validation.pipeline" in modules
    loaded = loaded_after(
        "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    )
    assert "tracker" in loaded
    assert not loaded & set(FORBIDDEN)


def test_the_check_notices_a_forbidden_import() -> None:
    assert "flask" in loaded_after("import tracker.validation.pipeline, flask")


def test_heif_plugin_loads_only_when_an_image_is_opened() -> None:
    assert "pillow_heif" not in loaded_after("import tracker.validation.pipeline")
    opened = (
        "import tracker.validation.pipeline\n"
        "from tracker.validation.pillow_safe import _configure\n_configure()"
    )
    assert "pillow_heif" in loaded_after(opened)
