"""`tracker serve`: gunicorn around the app factory, several worker processes.

Each worker builds its own app (no state shared across a fork). On SIGTERM the
master stops the workers within GRACEFUL_TIMEOUT; each worker stops its job
pool and ends the child processes it started (language detection, isolation),
so nothing is left behind. With in-process jobs, checks a stop interrupted are
picked up again when the server starts.
"""

from __future__ import annotations

import multiprocessing
from typing import TYPE_CHECKING, Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from tracker import create_app

if TYPE_CHECKING:
    from tracker.jobs import InProcessJobs

GRACEFUL_TIMEOUT = 5  # seconds a worker gets to finish its requests on SIGTERM
THREADS = 4  # per worker: slow uploads do not block the others
# Longer than a browser's pause between requests: with gunicorn's 2 s, a client reusing an
# idle connection as the server closes it saw "connection reset" (the load test: 2 %).
KEEPALIVE = 30


class Server(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
    """gunicorn's arbiter, configured in code rather than from a file."""

    def __init__(self, *, host: str, port: int, workers: int) -> None:
        self.options = {
            "bind": f"{host}:{port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": THREADS,
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "keepalive": KEEPALIVE,
            "timeout": 120,
            "accesslog": "-",
            "on_starting": _on_starting,
            "post_worker_init": _post_worker_init,
            "worker_exit": _worker_exit,
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app()


def _on_starting(_arbiter: Any) -> None:
    """Before any worker exists: every check still `checking` was cut off by the last stop."""
    from tracker.extensions import db
    from tracker.services.check_queue import mark_interrupted

    with create_app().app_context():
        if in_process_jobs() is not None:
            mark_interrupted()
        db.engine.dispose()  # no connection crosses the fork


def _post_worker_init(worker: Any) -> None:
    from tracker.services.check_queue import resume_interrupted

    app: Flask = worker.wsgi
    with app.app_context():
        if in_process_jobs() is not None:
            resume_interrupted()


def _worker_exit(_arbiter: Any, worker: Any) -> None:
    """Stop the job pool, then end every child process this worker started."""
    app: Flask | None = getattr(worker, "wsgi", None)
    if app is not None:
        with app.app_context():
            jobs = in_process_jobs()
            if jobs is not None:
                jobs.close()
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=2)
        if child.is_alive():
            child.kill()


def in_process_jobs() -> InProcessJobs | None:
    """The app's job pool when jobs run inside the web process (no Redis)."""
    from tracker.jobs import InProcessJobs
    from tracker.services.registry import get_jobs

    jobs = get_jobs()
    return jobs if isinstance(jobs, InProcessJobs) else None
