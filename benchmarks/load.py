"""Load test: 20 simulated applicants for 2 minutes against two set-ups, with Locust headless.

    python benchmarks/load.py [--users 20] [--seconds 120] [--setups defaults,production]

`defaults`: the README's main command (`tracker serve`, SQLite, files on disk,
checks in-process). `production`: `tracker serve --workers 4` on PostgreSQL,
Redis and S3 (SeaweedFS), plus `tracker worker`. Everything is started here on
127.0.0.1. Prints requests/s, p50/p95/p99 latency, errors, and uploads lost
(answered 2xx but not in the database afterwards).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402
from tests.live import TRACKER, kill_tree, serving  # noqa: E402

LOCUST = str(Path(sys.executable).with_name("locust"))
SEED = """
from tracker import create_app
from tracker.extensions import db
from tracker.models import PersonRole, Role
from tracker.services.cases import NewApplicant, add_member, create_case
from tracker.services.users import create_user
app = create_app()
with app.app_context():
    program = app.extensions["programs"]["hk_dependant"]
    spouse = {"relationship": "spouse", "applicant_age": 34,
              "applicant_nationality": "PH", "applicant_residence": "overseas"}
    for n in range(int(__import__("sys").argv[1])):
        user = create_user(f"load-{n}@example.com", "load-password-1", Role.APPLICANT)
        case = create_case(program, case_facts={"application_type": "entry",
                           "sponsor_category": "gep"}, sponsor_name=f"Sponsor {n}",
                           applicants=[NewApplicant(f"Applicant {n}", spouse)])
        add_member(case, user, PersonRole.APPLICANT, person=case.applicants[0])
        db.session.commit()
"""


@contextmanager
def defaults(work: Path) -> Iterator[dict[str, str]]:
    yield {"TRACKER_DATABASE_URL": f"sqlite:///{work / 'tracker.sqlite'}"}


@contextmanager
def production(work: Path) -> Iterator[dict[str, str]]:
    with ExitStack() as stack:
        database = stack.enter_context(servers.postgres())
        redis = stack.enter_context(servers.redis(work / "redis"))
        s3 = stack.enter_context(servers.seaweedfs())
        yield {
            "TRACKER_DATABASE_URL": database,
            "TRACKER_REDIS_URL": redis,
            "TRACKER_STORAGE_URL": f"s3://{s3.bucket}/load",
            "TRACKER_S3_ENDPOINT_URL": s3.endpoint,
            **s3.environment(),
        }


SETUPS = {"defaults": (defaults, 2, False), "production": (production, 4, True)}


def run_setup(name: str, users: int, seconds: int) -> dict[str, str]:
    make, workers, worker = SETUPS[name]
    with tempfile.TemporaryDirectory(prefix=f"tracker-load-{name}-") as folder:
        work = Path(folder)
        with make(work) as extra:
            env = {
                **os.environ,
                "TRACKER_UPLOAD_DIR": str(work / "uploads"),
                "TRACKER_PROXY_HOPS": "1",  # Locust's users come from their own addresses
                **extra,
            }
            for args in (["db", "upgrade"],):
                subprocess.run([TRACKER, *args], env=env, cwd=work, check=True, capture_output=True)
            seed = [sys.executable, "-c", SEED, str(users)]
            subprocess.run(seed, env=env, cwd=work, check=True, capture_output=True)
            return _load(env, work, workers, worker, users, seconds)


def _load(
    env: dict[str, str], work: Path, workers: int, worker: bool, users: int, seconds: int
) -> dict[str, str]:
    job_worker = subprocess.Popen([TRACKER, "worker"], env=env, cwd=work) if worker else None
    try:
        with serving(env, work, workers=workers) as (_master, base):
            uploaded = work / "uploaded.txt"
            locust = [
                LOCUST,
                "-f",
                str(ROOT / "benchmarks" / "load_locustfile.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                str(work / "stats"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ]
            subprocess.run(locust, env={**env, "LOAD_UPLOADED": str(uploaded)}, check=False)
            ids = [int(i) for i in uploaded.read_text().split()]
    finally:
        if job_worker is not None:
            kill_tree(job_worker.pid)
            job_worker.wait()
    return {
        **_summary(work / "stats_stats.csv"),
        "uploads": str(len(ids)),
        "lost": str(_lost(env["TRACKER_DATABASE_URL"], ids)),
    }


def _summary(stats: Path) -> dict[str, str]:
    with stats.open() as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    return {
        "requests": total["Request Count"],
        "req/s": f"{float(total['Requests/s']):.1f}",
        "p50 ms": total["50%"],
        "p95 ms": total["95%"],
        "p99 ms": total["99%"],
        "errors": total["Failure Count"],
    }


def _lost(database_url: str, ids: list[int]) -> int:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        listed = {row[0] for row in connection.execute(text("select id from documents"))}
    engine.dispose()
    return len(set(ids) - listed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--setups", default="defaults,production")
    args = parser.parse_args()
    rows = {name: run_setup(name, args.users, args.seconds) for name in args.setups.split(",")}
    columns = ["requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "uploads", "lost"]
    print("| set-up | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(row[c] for c in columns) + " |")


if __name__ == "__main__":
    main()
