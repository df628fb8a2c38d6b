"""Clean pages and JSON for every error: domain errors, HTTP errors, oversize bodies."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
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
            400,
            _("The form expired or was not sent from this site. Reload the page and try again."),
        )

    @app.errorhandler(413)
    def too_large(exc: HTTPException) -> tuple[Response | str, int]:
        limit = app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
        return render_error(
            413, _("The upload is larger than %(mb)s MB. Compress, split or rescan it.", mb=limit)
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int]:
        return render_error(exc.code or 500, _http_message(exc))


def _http_message(exc: HTTPException) -> str:
    """The common HTTP errors in the reader's language; Werkzeug's English for the rare ones."""
    messages = {
        400: _("The request could not be understood. Go back and try again."),
        403: _("You may not open this page."),
        404: _("This page does not exist, or you may not see it."),
        405: _("This page cannot be used that way."),
        429: _("Too many attempts. Wait a minute and try again."),
        500: _("Something went wrong on our side. Try again later."),
    }
    return messages.get(exc.code or 500) or exc.description or exc.name
