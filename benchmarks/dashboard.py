"""Dashboard server time and SQL queries per page, at 1,000 and 10,000 cases, SQLite and PostgreSQL.

Run from the project root: `.venv/bin/python -m benchmarks.dashboard`
(options: `--sizes 1000,10000 --databases sqlite,postgresql --runs 15`).

For each database it migrates an empty one (PostgreSQL: a throw-away server from
tests/servers.py), inserts the cases in bulk (~10 Document rows each, see
benchmarks/bulk_cases.py), all handled by one consultant (the worst case), and
requests each dashboard view through the app (routing, session, queries,
template). "Server time" is the wall time of the in-process request. The baseline
is the naive approach: load the consultant's open cases and count each one's
items and people with a query per case (N+1), without even rendering.
Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event, select

from benchmarks.bulk_cases import bulk_cases
from tracker import create_app
from tracker.extensions import db
from tracker.models import Case, CaseStatus, Role

EMAIL, PASSWORD = "bench@example.com", "benchmark-password"
VIEWS = [
    ("last activity (default)", "/dashboard"),
    ("sorted by next deadline", "/dashboard?sort=deadline"),
    ("deadline within 30 days", "/dashboard?within=30&sort=deadline"),
    ("blocked by translation", "/dashboard?translation=1"),
    ("search a name", "/dashboard?q=santoso"),
    ("all statuses by readiness", "/dashboard?status=all&sort=readiness&dir=asc"),
    ("last page", "/dashboard?page=1000000"),
]


@dataclass(frozen=True)
class Figure:
    database: str
    cases: int
    documents: int
    view: str
    median_ms: float
    worst_ms: float
    queries: int


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    figures: list[Figure] = []
    for name in options.databases.split(","):
        with database(name) as url, tempfile.TemporaryDirectory() as uploads:
            figures += run(name, url, Path(uploads), sizes, options.runs)
    report(figures)


@contextmanager
def database(name: str) -> Iterator[str]:
    if name == "postgresql":
        from tests import servers

        with servers.postgres() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.sqlite"


def make_app(url: str, uploads: Path) -> Flask:
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "UPLOAD_DIR": str(uploads),
            "SECRET_KEY": "benchmark",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,  # the client posts the log-in form directly
        }
    )


def run(name: str, url: str, uploads: Path, sizes: list[int], runs: int) -> list[Figure]:
    from flask_migrate import upgrade

    from tracker.services.users import create_user

    app = make_app(url, uploads)
    figures: list[Figure] = []
    statements: list[str] = []
    with app.app_context():
        upgrade()
        consultant = create_user(EMAIL, PASSWORD, Role.CONSULTANT).id
        program = app.extensions["programs"]["hk_dependant"]
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    built = documents = 0
    for size in sizes:
        with app.app_context():
            started = time.perf_counter()
            documents += bulk_cases(program, size - built, consultant, seed=size)
            built = size
            print(
                f"{name}: {size} cases, {documents} documents built in "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
        # Requests run outside any app context: each gets its own, as in production.
        client = logged_in(app)
        for view, path in VIEWS:
            figures.append(measure(client, statements, name, size, documents, view, path, runs))
        csv_runs = max(3, runs // 5)
        figures.append(
            measure(
                client,
                statements,
                name,
                size,
                documents,
                "CSV export (all)",
                "/dashboard.csv?status=all",
                csv_runs,
            )
        )
        with app.app_context():
            figures.append(naive(statements, name, size, documents, consultant))
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()
    return figures


def logged_in(app: Flask) -> Any:
    """A client logged in through the form (sessions are recorded server-side)."""
    client = app.test_client()
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def measure(
    client: Any,
    statements: list[str],
    name: str,
    size: int,
    documents: int,
    view: str,
    path: str,
    runs: int,
) -> Figure:
    timings, queries = [], 0
    for n in range(runs + 2):  # two warm-up requests
        statements.clear()
        started = time.perf_counter()
        response = client.get(path)
        response.get_data()
        elapsed = time.perf_counter() - started
        response.close()
        assert response.status_code == 200, (path, response.status_code)
        if n >= 2:
            timings.append(elapsed * 1000)
            queries = len(statements)
    return Figure(name, size, documents, view, statistics.median(timings), max(timings), queries)


def naive_page(user_id: int) -> list[tuple[Any, ...]]:
    """The N+1 way: every open case, then its items and people one case at a time."""
    cases = db.session.scalars(
        select(Case).where(Case.consultant_id == user_id, Case.status == CaseStatus.OPEN)
    ).all()
    rows = []
    for case in cases:
        counts = Counter(r.status.value for r in case.requirements)
        rows.append((case.last_activity_at, case.reference, counts, [p.name for p in case.people]))
    rows.sort(key=lambda r: r[0], reverse=True)
    return rows[:50]


def naive(statements: list[str], name: str, size: int, documents: int, user_id: int) -> Figure:
    timings = []
    for _ in range(3):
        db.session.remove()
        statements.clear()
        started = time.perf_counter()
        naive_page(user_id)
        timings.append((time.perf_counter() - started) * 1000)
    db.session.remove()
    return Figure(
        name,
        size,
        documents,
        "baseline: naive N+1 (no template)",
        statistics.median(timings),
        max(timings),
        len(statements),
    )


def report(figures: list[Figure]) -> None:
    print(
        f"\n{platform.platform()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} CPUs"
    )
    print(
        f"{'database':<10} {'cases':>6} {'docs':>7}  {'view':<36} {'median ms':>9} "
        f"{'max ms':>7} {'queries':>7}"
    )
    for f in figures:
        print(
            f"{f.database:<10} {f.cases:>6} {f.documents:>7}  {f.view:<36} "
            f"{f.median_ms:>9.1f} {f.worst_ms:>7.1f} {f.queries:>7}"
        )
    print("\nratios (median):")
    by_key = {(f.database, f.cases, f.view): f for f in figures}
    sizes = sorted({f.cases for f in figures})
    for db_name in sorted({f.database for f in figures}):
        for f in figures:
            if f.database != db_name or f.cases != sizes[-1] or len(sizes) < 2:
                continue
            small = by_key.get((db_name, sizes[0], f.view))
            if small is not None:
                print(
                    f"  {db_name:<10} {f.view:<36} {sizes[-1]}/{sizes[0]} cases: "
                    f"x{f.median_ms / small.median_ms:.2f}"
                )
        for size in sizes:
            ours = by_key.get((db_name, size, VIEWS[0][0]))
            naive_figure = by_key.get((db_name, size, "baseline: naive N+1 (no template)"))
            if ours and naive_figure:
                print(
                    f"  {db_name:<10} naive N+1 / dashboard at {size} cases: "
                    f"x{naive_figure.median_ms / ours.median_ms:.0f} "
                    f"({naive_figure.queries} vs {ours.queries} queries)"
                )


if __name__ == "__main__":
    main()
