"""Clean pages and JSON for every error: domain errors, HTTP errors, oversize bodies."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from tracker.services.documents import get_requirement, item_max_bytes
from tracker.services.errors import TrackerError
from tracker.web.locale import current_lang
from tracker.web.programs import program
from tracker.web.redirects import local_target


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    back = _way_back()
    return render_template("errors/error.html", status=status, message=message, back=back), status


def _way_back() -> str | None:
    """The page the person came from on this site (never the failing page itself), if any."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host:
        return None
    path = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    target = local_target(path, "")
    return target if target and referrer.path != request.path else None


def register(app: Flask) -> None:
    @app.errorhandler(TrackerError)
    def domain_error(exc: TrackerError) -> tuple[Response | str, int]:
        return render_error(exc.status, exc.said(current_lang()))

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> tuple[Response | str, int]:
        return render_error(
            400,
            _("The form expired or was not sent from this site. Reload the page and try again."),
        )

    @app.errorhandler(413)
    def too_large(exc: HTTPException) -> tuple[Response | str, int]:
        return render_error(413, _too_large_message())

    app.add_template_filter(megabytes, "megabytes")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int]:
        return render_error(exc.code or 500, _http_message(exc))


def too_many_files() -> str:
    return str(
        _(
            "Upload at most %(n)s files at once; send the others in a second upload.",
            n=current_app.config["MAX_FILES_PER_UPLOAD"],
        )
    )


def _too_large_message() -> str:
    """Name the limit that was hit: the body's size, or the number of parts in the form."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length <= limit:
        return too_many_files()
    item_mb = _item_limit_mb()
    if item_mb is not None:
        return str(
            _(
                "The upload is larger than %(mb)s MB, the most one upload may carry; "
                "each file for this item may be at most %(item_mb)s MB. "
                "Compress or rescan the file, and send several files one at a time.",
                mb=limit // (1024 * 1024),
                item_mb=item_mb,
            )
        )
    return str(
        _(
            "The upload is larger than %(mb)s MB. Compress, split or rescan it.",
            mb=limit // (1024 * 1024),
        )
    )


def _item_limit_mb() -> str | None:
    """The size limit of the item being uploaded to, as its page shows it; None elsewhere."""
    req_id = (request.view_args or {}).get("req_id")
    if request.endpoint != "documents.upload" or not current_user.is_authenticated:
        return None
    try:
        req = get_requirement(current_user, int(req_id))  # type: ignore[arg-type]
    except TrackerError:
        return None
    return megabytes(item_max_bytes(req, program(req.case.program)))


def megabytes(size: int) -> str:
    """A limit in MB as the pages write it: 5, 2.5 (one decimal, none when whole)."""
    return f"{size / 1048576:.1f}".removesuffix(".0")


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
