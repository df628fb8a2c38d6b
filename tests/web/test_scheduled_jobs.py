"""A scheduled run waits once: asking again while it waits adds nothing, on either queue."""

from __future__ import annotations

import time

from flask import Flask

from tracker.jobs import InProcessJobs


def test_on_redis_a_task_asked_again_while_its_run_waits_is_scheduled_once(
    redis_app: Flask,
) -> None:
    jobs = redis_app.extensions["jobs"]
    for _ in range(5):  # an SMTP outage: each failed run asks for the next
        jobs.enqueue_in(60, "deliver_mail")
    jobs.enqueue_in(60, "check_document", 7)  # other arguments are another run
    waiting = jobs.queue.scheduled_job_registry
    assert len(waiting) == 2
    jobs.enqueue_in(0.05, "remind")
    time.sleep(0.2)  # its marker has expired with its time
    jobs.enqueue_in(60, "remind")
    assert len(waiting) == 4


def test_in_process_a_task_asked_again_while_its_run_waits_is_scheduled_once(
    app: Flask,
) -> None:
    jobs = InProcessJobs(app)
    try:
        for _ in range(5):
            jobs.enqueue_in(60, "deliver_mail")
        assert len(jobs._timers) == 1  # noqa: SLF001 - what waits
    finally:
        jobs.close()
