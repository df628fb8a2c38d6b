"""The app as the tests build it, and the steps every web test shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

# scrypt costs half a second a password on a loaded machine, and every web test
# creates the demo users; the login-timing and deployment tests use the real one.
CHEAP_HASH = "pbkdf2:sha256:1000"


def dispose() -> None:
    """Close pooled connections before the app goes away (no unclosed-socket warnings)."""
    from tracker.extensions import db

    db.session.remove()  # its connection back to the pool first, or it outlives the pool
    for engine in db.engines.values():
        engine.dispose()


def empty_and_dispose() -> None:
    """After a test, in its app context: delete every row, end the session, close the pool."""
    from tracker.extensions import db

    db.session.rollback()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    db.session.remove()
    dispose()


MADE: list[Flask] = []  # every app built here, so each test can close the pools of its own


def make_app(url: str, upload_dir: Path, **extra: Any) -> Flask:
    from tracker import create_app

    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "UPLOAD_DIR": str(upload_dir),
            "MAIL_DIR": str(upload_dir.parent / "mail"),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            **extra,
        }
    )
    MADE.append(app)
    return app


def dispose_made_since(count: int) -> None:
    """Close the pools of the apps built after the first `count` (a test's own)."""
    for app in MADE[count:]:
        with app.app_context():
            dispose()
    del MADE[count:]


def login(client: FlaskClient, email: str, password: str) -> None:
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
