"""Running the Redis job queue in a test: one burst of `tracker worker` in this process."""

from __future__ import annotations

from typing import Any

from flask import Flask


def run_worker(redis_app: Flask) -> Any:
    from tracker.worker import AppWorker

    jobs = redis_app.extensions["jobs"]
    worker = AppWorker([jobs.queue], connection=jobs.connection, app=redis_app)
    worker.work(burst=True, with_scheduler=False)
    return worker
