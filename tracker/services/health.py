"""Is this instance able to serve? The database, the file store and the job queue, each asked."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import text

from tracker.extensions import db
from tracker.services.registry import get_jobs, get_storage

log = logging.getLogger(__name__)


def check_health() -> dict[str, str]:
    """Ask each dependency; map its name to "ok" or a one-line reason it is down."""
    probes: dict[str, Callable[[], object]] = {
        "database": _ping_database,
        "storage": get_storage().ping,
        "queue": get_jobs().ping,
    }
    return {name: _outcome(name, probe) for name, probe in probes.items()}


def _ping_database() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()


def _outcome(name: str, probe: Callable[[], object]) -> str:
    try:
        probe()
    except Exception as exc:  # noqa: BLE001 - whatever broke, the answer is "down, because …"
        log.warning("health check: %s is down: %s", name, exc)
        return f"down: {type(exc).__name__}: {exc}"[:300]
    return "ok"
