"""`tracker seed-demo --cases N`: the bulk path against the per-case path (create_case each).

Run from the project root: `.venv/bin/python -m benchmarks.seed_demo`
(options: `--small 500 --large 10000 --databases sqlite,postgresql --old-large`).

For each database, both paths build the same `--small` cases into a fresh, migrated
database (PostgreSQL: a throw-away server from tests/servers.py); then the real
command `tracker db upgrade && tracker seed-demo --cases LARGE` runs on a fresh
SQLite file, as the issue's goal states it (≤ 60 s). Wall and CPU time are both
printed: the machine is shared, and CPU time is what the work itself cost.
`--old-large` also times the per-case path at LARGE (minutes). Figures only.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests import servers
from tests.apps import dispose, make_app
from tracker.extensions import db
from tracker.services.demo import build_cases, bulk_build_cases, seed_demo
from tracker.services.users import find_user

TRACKER = str(Path(sys.executable).with_name("tracker"))
Build = Callable[..., int]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--old-large", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # Alembic's lines between the figures
    print(f"{'path':<34}{'database':<12}{'cases':>7}{'wall s':>9}{'CPU s':>8}{'cases/s':>9}")
    for kind in args.databases.split(","):
        with database(kind) as url:
            old = timed(url, build_cases, args.small)
            new = timed(url, bulk_build_cases, args.small)
            row("per case (create_case), old", kind, args.small, old)
            row("bulk (insert_cases), new", kind, args.small, new)
            print(f"  ratio old/new: wall {old[0] / new[0]:.1f}x, CPU {old[1] / new[1]:.1f}x")
            if args.old_large:
                row(
                    "per case (create_case), old",
                    kind,
                    args.large,
                    timed(url, build_cases, args.large),
                )
    row("tracker seed-demo --cases (command)", "sqlite", args.large, command(args.large))


def row(path: str, kind: str, cases: int, figures: tuple[float, float]) -> None:
    wall, cpu = figures
    print(f"{path:<34}{kind:<12}{cases:>7}{wall:>9.1f}{cpu:>8.1f}{cases / wall:>9.0f}")


@contextmanager
def database(kind: str) -> Iterator[str]:
    if kind == "postgresql":
        with servers.postgres() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite"


def timed(url: str, build: Build, cases: int) -> tuple[float, float]:
    """Wall and CPU seconds of one path, in a migrated, emptied database with the demo users."""
    from flask_migrate import upgrade

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(url, Path(folder))
        with app.app_context():
            upgrade()
            for table in reversed(db.metadata.sorted_tables):
                db.session.execute(table.delete())
            db.session.commit()
            program = app.extensions["programs"]["hk_dependant"]
            list(seed_demo(program))
            consultant = find_user("consultant@example.com")
            wall, cpu = time.perf_counter(), time.process_time()
            build(program, cases, consultant)
            figures = time.perf_counter() - wall, time.process_time() - cpu
            db.session.remove()
            dispose()
    return figures


def command(cases: int) -> tuple[float, float]:
    """The real command on a fresh SQLite file: wall time and the child's CPU time."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "TRACKER_DATABASE_URL": f"sqlite:///{folder}/db.sqlite",
            "TRACKER_UPLOAD_DIR": f"{folder}/uploads",
        }
        subprocess.run([TRACKER, "db", "upgrade"], env=env, check=True, capture_output=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(
            [TRACKER, "seed-demo", "--cases", str(cases)], env=env, check=True, capture_output=True
        )
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


if __name__ == "__main__":
    main()
