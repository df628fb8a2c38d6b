"""`GET /healthz` for load balancers and process supervisors: 200 when every dependency answers."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from tracker.extensions import limiter
from tracker.services.health import check_health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz() -> ResponseReturnValue:
    checks = check_health()
    healthy = all(state == "ok" for state in checks.values())
    return jsonify(status="ok" if healthy else "down", checks=checks), 200 if healthy else 503
