"""The app's shared services, one typed accessor each: programs, file store, job queue.

The rule: whoever needs the installed programs, the file store or the job queue
calls `get_programs()`, `get_storage()` or `get_jobs()` at the point of use,
inside an app context. Services fetch them here themselves and never take them
as parameters (so no caller can hand in a different one), and nothing else
reads `current_app.extensions`. `create_app` puts them in place with `attach`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from flask import Flask

    from tracker.jobs import Jobs
    from tracker.rules.program import Program
    from tracker.storage.base import Storage

PROGRAMS, STORAGE, JOBS = "programs", "storage", "jobs"


def attach(app: Flask, *, programs: Mapping[str, Program], storage: Storage, jobs: Jobs) -> None:
    app.extensions[PROGRAMS] = programs
    app.extensions[STORAGE] = storage
    app.extensions[JOBS] = jobs


def get_programs() -> Mapping[str, Program]:
    """The installed programs by code, loaded from tracker/programs/*.toml at start."""
    programs: Mapping[str, Program] = current_app.extensions[PROGRAMS]
    return programs


def get_storage() -> Storage:
    storage: Storage = current_app.extensions[STORAGE]
    return storage


def get_jobs() -> Jobs:
    jobs: Jobs = current_app.extensions[JOBS]
    return jobs
