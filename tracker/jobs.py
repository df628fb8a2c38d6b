"""Background jobs behind one small interface: in-process threads, or RQ on Redis.

Tasks are named, so the Redis queue stores a name and arguments, never a pickled
object of ours. Every task runs inside an application context.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from flask import Flask

TASKS: dict[str, str] = {
    "check_document": "tracker.services.background_checks:check_document",
    "deliver_mail": "tracker.services.mail_delivery:deliver_mail",
    "remind": "tracker.services.digest:daily_messages",  # for a scheduler instead of cron
}
JOB_TIMEOUT = 300  # seconds; a longer job is stopped and its document marked for a person
QUEUE_NAME = "tracker"
SCHEDULED_PREFIX = "tracker:waiting:"  # Redis keys: a scheduled run of a task is waiting


class QueueUnavailable(Exception):
    """The queue could not take the job (Redis down); nothing was queued."""


class Jobs(Protocol):
    @property
    def closing(self) -> bool:
        """True once the queue is shutting down: a job that fails now is not the file's fault."""
        ...

    def enqueue(self, task: str, *args: Any) -> None: ...

    def enqueue_in(self, seconds: float, task: str, *args: Any) -> None:
        """Run the task once, `seconds` from now (retries with back-off)."""
        ...

    def ping(self) -> None:
        """Raise when queued jobs could not run now."""
        ...

    def wait(self, timeout: float = 120) -> None:
        """Block until the jobs queued in this process have run (a worker runs Redis jobs)."""
        ...


def resolve(task: str) -> Callable[..., Any]:
    module, _, name = TASKS[task].partition(":")
    func: Callable[..., Any] = getattr(import_module(module), name)
    return func


class InProcessJobs:
    """Runs jobs on a small thread pool inside the web process (the embedded default)."""

    def __init__(self, app: Flask, workers: int = 2) -> None:
        self._app = app
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="tracker-job")
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._timers: dict[tuple[str, tuple[Any, ...]], threading.Timer] = {}

    def enqueue(self, task: str, *args: Any) -> None:
        resolve(task)  # unknown task names fail now, in the caller
        future = self._pool.submit(self._run, task, args)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def enqueue_in(self, seconds: float, task: str, *args: Any) -> None:
        """One timer per task and arguments: a later request while one waits is dropped."""
        resolve(task)
        key = (task, args)
        with self._lock:
            if self._closed or (key in self._timers and self._timers[key].is_alive()):
                return
            timer = threading.Timer(seconds, self._fire, (key,))
            timer.daemon = True
            self._timers[key] = timer
        timer.start()

    def _fire(self, key: tuple[str, tuple[Any, ...]]) -> None:
        with self._lock:
            self._timers.pop(key, None)
            if self._closed:
                return
        self.enqueue(key[0], *key[1])

    @property
    def closing(self) -> bool:
        return self._closed

    def ping(self) -> None:
        if self._closed:
            raise RuntimeError("the in-process job pool has been shut down")

    def close(self) -> None:
        """Stop taking jobs; unfinished ones are picked up again at the next start."""
        with self._lock:
            self._closed = True
            for timer in self._timers.values():
                timer.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def wait(self, timeout: float = 120) -> None:
        """Block until every queued job has finished (tests, shutdown)."""
        with self._lock:
            pending = set(self._pending)
        wait(pending, timeout=timeout)

    def _run(self, task: str, args: tuple[Any, ...]) -> None:
        with self._app.app_context():
            resolve(task)(*args)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)


class RedisJobs:
    """Puts jobs on an RQ queue served by `tracker worker`."""

    def __init__(self, url: str) -> None:
        from redis import Redis
        from rq import Queue

        self.connection = Redis.from_url(url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection)

    def enqueue(self, task: str, *args: Any) -> None:
        from redis.exceptions import RedisError

        resolve(task)
        try:
            self.queue.enqueue(run_task, task, *args, job_timeout=JOB_TIMEOUT, result_ttl=3600)
        except RedisError as exc:
            raise QueueUnavailable(str(exc)) from exc

    def enqueue_in(self, seconds: float, task: str, *args: Any) -> None:
        """Scheduled on Redis; `tracker worker` runs RQ's scheduler.

        As in-process: while one run of the task and arguments waits, a later request is
        dropped (a marker key lives until the waiting run is due), so an outage that
        asks again and again leaves one run scheduled, not one per request.
        """
        from datetime import timedelta

        from redis.exceptions import RedisError

        resolve(task)
        waiting = f"{SCHEDULED_PREFIX}{task}:{json.dumps(args, sort_keys=True, default=str)}"
        try:
            if not self.connection.set(waiting, "1", nx=True, px=max(1, round(seconds * 1000))):
                return
            self.queue.enqueue_in(
                timedelta(seconds=seconds), run_task, task, *args, job_timeout=JOB_TIMEOUT
            )
        except RedisError as exc:
            raise QueueUnavailable(str(exc)) from exc

    closing = False  # RQ's worker finishes or requeues its own jobs

    def wait(self, timeout: float = 120) -> None:
        """Nothing runs here: `tracker worker` does."""

    def ping(self) -> None:
        self.connection.ping()


def run_task(task: str, *args: Any) -> None:
    """Entry point of a Redis job: run the named task in the worker's app context."""
    from flask import current_app

    if not current_app:
        raise RuntimeError("run_task needs an application context (use `tracker worker`)")
    resolve(task)(*args)


def make_jobs(app: Flask) -> Jobs:
    url = app.config.get("REDIS_URL")
    return RedisJobs(url) if url else InProcessJobs(app)
