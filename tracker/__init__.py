"""tracker: gets visa applications complete and correct before they are filed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # `import tracker.rules` must not pull in Flask
    from collections.abc import Mapping

    from flask import Flask

    from tracker.rules.program import Program


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, programs, blueprints."""
    from pathlib import Path

    from flask import Flask

    from tracker import config as settings
    from tracker.extensions import babel, csrf, db, limiter, login_manager, migrate
    from tracker.rules.loader import load_programs
    from tracker.web import register

    app = Flask(
        __name__,
        template_folder=str(settings.TEMPLATES_DIR),
        static_folder=str(settings.STATIC_DIR),
        instance_relative_config=True,
    )
    app.config.update(settings.load_settings(app.instance_path))
    app.config.update(config or {})
    _trust_proxies(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(settings.MIGRATIONS_DIR))
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    _attach_services(app, load_programs(Path(app.config["PROGRAMS_DIR"])))
    settings.limit_isolated_child(app.config)
    register(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind N reverse proxies, take the client's address and scheme from their headers."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    hops = int(app.config["PROXY_HOPS"])
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


STALE_TEMPORARY_SECONDS = 15 * 60  # an upload still being written is younger than this


def _attach_services(app: Flask, programs: Mapping[str, Program]) -> None:
    """The programs, the file store (leftovers of killed uploads removed) and the job queue."""
    from tracker.jobs import make_jobs
    from tracker.services.registry import attach
    from tracker.storage.base import StorageUnavailable
    from tracker.storage.urls import file_url, open_storage

    url = app.config["STORAGE_URL"] or file_url(app.config["UPLOAD_DIR"])
    storage = open_storage(url, s3_endpoint_url=app.config["S3_ENDPOINT_URL"])
    try:
        storage.remove_temporaries(older_than_seconds=STALE_TEMPORARY_SECONDS)
    except StorageUnavailable as exc:  # start anyway: /healthz and every upload say so
        app.logger.warning("file store unavailable at start: %s", exc)
    attach(app, programs=programs, storage=storage, jobs=make_jobs(app))


def _select_locale() -> str:
    from tracker.web.locale import select_locale

    return select_locale()
