"""Clean pages and JSON for every error: domain errors, HTTP errors, oversize bodies."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from tracker.services.errors import TrackerError


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("errors/error.html", status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(TrackerError)
    def domain_error(exc: TrackerError) -> tuple[Response | str, int]:
        return render_error(exc.status, str(exc))

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> tuple[Response | str, int]:
        return render_error(
            400, "The form expired or was not sent from this site. Reload the page and try again."
        )

    @app.errorhandler(413)
    def too_large(exc: HTTPException) -> tuple[Response | str, int]:
        limit = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return render_error(
            413, f"The upload is larger than {limit} MB. Compress, split or rescan it."
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int]:
        return render_error(exc.code or 500, exc.description or exc.name)
