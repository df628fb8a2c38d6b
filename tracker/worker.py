"""The RQ worker for `tracker worker`: each job runs inside the app's context."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rq import SimpleWorker

if TYPE_CHECKING:
    from flask import Flask


class AppWorker(SimpleWorker):
    """Runs jobs in this process (no fork), so the app and its pools are set up once.

    RQ's time limit still applies (a signal in the main thread); a job that
    fails or times out has already marked its document for a person.
    """

    def __init__(self, *args: Any, app: Flask, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app = app

    def perform_job(self, *args: Any, **kwargs: Any) -> bool:
        with self.app.app_context():
            return bool(super().perform_job(*args, **kwargs))
