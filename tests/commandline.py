"""Running the `tracker` command in tests.

`tracker()` starts the real console script: for the contract's process
boundary (exit codes, JSON alone on stdout, one line on stderr). `invoke()`
runs the same command in this process through click's CliRunner: the same app,
parsing, output streams and exit code, without a new interpreter (seconds
each on a loaded machine), for everything else.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.apps import dispose, make_app
from tests.live import TRACKER
from tracker.cli import cli


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def tracker(*args: str, cwd: Path, extra_env: dict[str, str] | None = None) -> Ran:
    env = {
        **os.environ,
        **(extra_env or {}),
        "TRACKER_DATABASE_URL": f"sqlite:///{cwd / 'cli.sqlite'}",
        "TRACKER_UPLOAD_DIR": str(cwd / "uploads"),
    }
    done = subprocess.run(
        [TRACKER, *args], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def invoke(*args: str, cwd: Path) -> Ran:
    app = make_app(f"sqlite:///{cwd / 'cli.sqlite'}", cwd / "uploads")
    result = app.test_cli_runner().invoke(cli, list(args))
    with app.app_context():
        dispose()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def facts_file(tmp_path: Path, content: object) -> str:
    path = tmp_path / "facts.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)
