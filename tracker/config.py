"""Settings: embedded defaults, then TRACKER_* from the environment."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker.rules.loader import PROGRAMS_DIR


def load_settings(instance_path: str) -> dict[str, Any]:
    """Build the Flask config for an instance folder from the environment."""
    instance = Path(instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    upload_dir = os.environ.get("TRACKER_UPLOAD_DIR", "uploads")
    secure = os.environ.get("TRACKER_SECURE_COOKIES", "0") == "1"
    return {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("TRACKER_DATABASE_URL")
        or f"sqlite:///{instance / 'tracker.sqlite'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "UPLOAD_DIR": str(Path(upload_dir).resolve()),
        "STORAGE_URL": os.environ.get("TRACKER_STORAGE_URL") or None,  # None: the upload folder
        "S3_ENDPOINT_URL": os.environ.get("TRACKER_S3_ENDPOINT_URL") or None,
        "REDIS_URL": os.environ.get("TRACKER_REDIS_URL") or None,
        # Another folder of program files (*.toml) instead of the installed ones.
        "PROGRAMS_DIR": programs_dir(),
        # None: mail stays in the outbox and is written as .eml files in the instance folder.
        "SMTP_URL": os.environ.get("TRACKER_SMTP_URL") or None,
        "MAIL_FROM": os.environ.get("TRACKER_MAIL_FROM") or "tracker@localhost",
        "BASE_URL": os.environ.get("TRACKER_BASE_URL") or None,  # None: the request's own host
        # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
        "PROXY_HOPS": int(os.environ.get("TRACKER_PROXY_HOPS") or 0),
        "SECRET_KEY": os.environ.get("TRACKER_SECRET_KEY") or _instance_secret(instance),
        # werkzeug's default; not read from the environment (the tests pass a cheap one)
        "PASSWORD_HASH_METHOD": "scrypt",
        "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
        "MAX_FILES_PER_UPLOAD": MAX_FILES_PER_UPLOAD,
        # Werkzeug stops parsing past this many parts (413): the files plus a few fields.
        "MAX_FORM_PARTS": MAX_FILES_PER_UPLOAD + 10,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_TRANSLATION_DIRECTORIES": str(PACKAGE_DIR / "translations"),
        "RATELIMIT_STORAGE_URI": os.environ.get("TRACKER_REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Redis down: count in this process's memory (Flask-Limiter logs a warning), and
        # never fail a request over a counter; a hung Redis costs at most a second.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "RATELIMIT_STORAGE_OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        "WTF_CSRF_TIME_LIMIT": None,
        **child_limits(),
    }


def programs_dir() -> Path:
    """The folder of program files: TRACKER_PROGRAMS_DIR, else the installed programs."""
    return Path(os.environ.get("TRACKER_PROGRAMS_DIR") or PROGRAMS_DIR)


def limit_isolated_child(settings: Mapping[str, Any]) -> None:
    """Run pdfium, OCR and the language model in a child under the configured limits."""
    from tracker.isolation import MB, ChildLimits, configure

    memory, cpu = int(settings["CHILD_MEMORY_MB"]), int(settings["CHILD_CPU_SECONDS"])
    configure(ChildLimits(memory_bytes=memory * MB, cpu_seconds=cpu))


def child_limits() -> dict[str, int]:
    """The isolated child's memory (MB) and CPU time per call (s); defaults in ChildLimits."""
    from tracker.isolation import MB, ChildLimits

    default = ChildLimits()
    memory = os.environ.get("TRACKER_CHILD_MEMORY_MB") or default.memory_bytes // MB
    cpu = os.environ.get("TRACKER_CHILD_CPU_SECONDS") or default.cpu_seconds
    return {"CHILD_MEMORY_MB": int(memory), "CHILD_CPU_SECONDS": int(cpu)}


def _instance_secret(instance: Path) -> str:
    """Generate the session key once and keep it in the instance folder (never committed)."""
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


MAX_FILES_PER_UPLOAD = 10
PACKAGE_DIR = Path(__file__).resolve().parent


def _beside_or_inside(name: str) -> Path:
    """In a wheel the build copies templates, static files and migrations into the package."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


MIGRATIONS_DIR = _beside_or_inside("migrations")
TEMPLATES_DIR = _beside_or_inside("templates")
STATIC_DIR = _beside_or_inside("static")
