"""The wheel built from a clean checkout installs into a fresh virtualenv and speaks Chinese.

pip builds it as any installer would (an isolated build environment with the
build requirements). The app's dependencies come from the test run's own
environment through a path file, so the fresh venv installs only the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tracker.config import PACKAGE_DIR

pytestmark = pytest.mark.slow  # builds a wheel and a virtualenv: seconds each

REPOSITORY = PACKAGE_DIR.parent
PROBE = """
import tracker
from tracker import create_app
app = create_app({"TESTING": True})
page = app.test_client().get("/login", headers={"Accept-Language": "zh-Hant"})
print(tracker.__file__)
print(page.get_data(as_text=True))
"""


def clean_checkout(target: Path) -> Path:
    """The tracked files only, as a fresh clone has them: no compiled catalogs."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPOSITORY, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPOSITORY / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not list(target.glob("tracker/translations/*/LC_MESSAGES/*.mo"))
    return target


def build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("tracker-*.whl"))


def fresh_venv_with(wheel: Path, where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies (Flask, …) from this test run's environment, after the venv's own.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return where


def test_the_built_wheel_ships_compiled_catalogs_and_serves_chinese(tmp_path: Path) -> None:
    source = clean_checkout(tmp_path / "checkout")
    wheel = build_wheel(source, tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tracker/translations/zh_Hant/LC_MESSAGES/messages.mo" in names
    assert "tracker/templates/base.html" in names
    assert any(n.startswith("tracker/migrations/versions/") for n in names)

    venv = fresh_venv_with(wheel, tmp_path / "venv")
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}} | {
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'installed.sqlite'}",
        "TRACKER_UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    run = tmp_path / "elsewhere"
    run.mkdir()
    upgrade = subprocess.run(
        [str(venv / "bin" / "tracker"), "db", "upgrade"],
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert upgrade.returncode == 0, upgrade.stderr[-2000:]
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c", PROBE],
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    installed, page = probe.stdout.split("\n", 1)
    assert installed.startswith(str(venv))
    assert "登入" in page
