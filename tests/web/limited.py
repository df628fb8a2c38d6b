"""The app with rate limits on, as deployed, and the accounts the limit tests log in with."""

from __future__ import annotations

APPLICANT = {"email": "applicant@example.com", "password": "applicant-demo-1"}
OTHER = {"email": "other@example.com", "password": "other-demo-1"}
WRONG = {**APPLICANT, "password": "wrong-password-1"}
LOGINS_PER_MINUTE, UPLOADS_PER_MINUTE = 10, 60


# Settings of an app with rate limits on, counting in memory (tests/web/conftest.py's other_app).
LIMITED = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"}
