"""The RQ worker for `tracker worker`: each job runs inside the app's context.

At start and then every `sweep_seconds`, the worker also looks for checks no
queue holds any more (their worker was killed, or Redis lost them) and queues
them again: a job counts as held while it waits in the queue or while the
worker running it is alive (its Redis key not expired; on this machine, its
process still there).
"""

from __future__ import annotations

import os
import socket
from typing import TYPE_CHECKING, Any

from rq import Queue, SimpleWorker, Worker
from rq.executions import Execution
from rq.job import Job

if TYPE_CHECKING:
    from flask import Flask

SWEEP_SECONDS = 60


class AppWorker(SimpleWorker):
    """Runs jobs in this process (no fork), so the app and its pools are set up once.

    RQ's time limit still applies (a signal in the main thread); a job that
    fails or times out has already marked its document for a person.
    """

    def __init__(
        self, *args: Any, app: Flask, sweep_seconds: int = SWEEP_SECONDS, **kwargs: Any
    ) -> None:
        # An idle worker wakes when its wait for a job times out (worker_ttl - 15 s).
        kwargs.update(maintenance_interval=sweep_seconds, worker_ttl=sweep_seconds + 15)
        super().__init__(*args, **kwargs)
        self.app = app

    def perform_job(self, *args: Any, **kwargs: Any) -> bool:
        with self.app.app_context():
            return bool(super().perform_job(*args, **kwargs))

    def run_maintenance_tasks(self) -> None:
        """RQ's registry clean-up, then queue again the checks whose job was lost."""
        from tracker.services.check_queue import requeue_lost

        super().run_maintenance_tasks()  # type: ignore[no-untyped-call]
        held = {args[0] for queue in self.queues for args in held_arguments(queue)}
        with self.app.app_context():
            count = requeue_lost(held)
        if count:
            self.log.warning("queued again %s check(s) whose job was lost", count)


def held_arguments(queue: Queue, task: str = "check_document") -> set[tuple[Any, ...]]:
    """The arguments of the task's jobs that will run: queued, or started by a live worker."""
    ids = set(queue.get_job_ids()) | set(queue.intermediate_queue.get_job_ids())
    started = queue.started_job_registry.get_job_and_execution_ids(cleanup=False)
    ids |= {job_id for job_id, run in started if _running(queue, job_id, run)}
    jobs = Job.fetch_many(sorted(ids), connection=queue.connection)
    return {tuple(j.args[1:]) for j in jobs if j is not None and j.args[:1] == (task,)}


def _running(queue: Queue, job_id: str, execution_id: str) -> bool:
    try:
        execution = Execution.fetch(execution_id, job_id, queue.connection)
    except ValueError:  # its record expired with its heartbeat
        return False
    key = Worker.redis_worker_namespace_prefix + execution.worker_name
    worker = Worker.find_by_key(key, connection=queue.connection)
    if worker is None:  # no heartbeat within its time-to-live
        return False
    return worker.hostname != socket.gethostname() or _process_exists(worker.pid)


def _process_exists(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
