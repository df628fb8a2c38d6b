"""The app with rate limits on, as deployed, and the accounts the limit tests log in with."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tests.apps import make_app

APPLICANT = {"email": "applicant@example.com", "password": "applicant-demo-1"}
OTHER = {"email": "other@example.com", "password": "other-demo-1"}
WRONG = {**APPLICANT, "password": "wrong-password-1"}
LOGINS_PER_MINUTE, UPLOADS_PER_MINUTE = 10, 60


def limited_app(database_url: str, tmp_path: Path, storage: str) -> Flask:
    return make_app(
        database_url, tmp_path / "uploads", RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage
    )
