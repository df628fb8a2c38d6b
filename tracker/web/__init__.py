"""Blueprints and the cross-cutting web concerns: login, errors, headers, locale."""

from __future__ import annotations

from flask import Flask, Response, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from tracker.extensions import login_manager
from tracker.services.errors import InvalidInputError
from tracker.services.login_sessions import resume_session
from tracker.web import errors, times
from tracker.web.uploads_request import UploadRequest

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def register(app: Flask) -> None:
    """Attach blueprints, error handlers, the user loader and security headers."""
    from tracker.web import (
        api,
        applicant,
        auth,
        bundle,
        consultant,
        documents,
        health,
        invitations,
        locale,
        messages,
        program_changes,
        review,
    )

    blueprints = (
        *(auth, api, applicant, consultant, bundle, documents, health),
        *(invitations, locale, messages, program_changes, review),
    )
    for module in blueprints:
        app.register_blueprint(module.bp)
    app.request_class = UploadRequest
    errors.register(app)
    locale.register(app)
    times.register(app)
    login_manager.login_view = "auth.login"
    login_manager.user_loader(resume_session)
    login_manager.unauthorized_handler(_unauthorized)
    app.before_request(_refuse_nul)
    app.after_request(_security_headers)


def _unauthorized() -> ResponseReturnValue:
    """The API answers 401 in JSON; pages send the browser to the log-in form."""
    if errors.wants_json():
        return jsonify(error="log in first"), 401
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _refuse_nul() -> None:
    """A NUL character is never meaningful, and PostgreSQL cannot store it: refuse it early."""
    fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if any("\x00" in key or "\x00" in value for key, value in fields):
        raise InvalidInputError(
            _("The address or the form contains a null character. Remove it and try again.")
        )


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response
