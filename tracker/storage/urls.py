"""Choose the store from TRACKER_STORAGE_URL: `file:///srv/tracker/uploads` or `s3://BUCKET/PREFIX`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker.storage.base import Storage


class BadStorageURL(ValueError):
    """A storage URL this app cannot use; the message says what is accepted."""


def open_storage(url: str, *, s3_endpoint_url: str | None = None) -> Storage:
    """The store a URL names (nothing is contacted yet)."""
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost") and parts.path:
        from tracker.storage.local import LocalStorage

        return LocalStorage(Path(unquote(parts.path)))
    if parts.scheme == "s3" and parts.netloc:
        from tracker.storage.s3 import S3Storage

        return S3Storage.connect(parts.netloc, unquote(parts.path), endpoint_url=s3_endpoint_url)
    raise BadStorageURL(
        f"storage URL {url!r} is neither file:///ABSOLUTE/PATH nor s3://BUCKET/PREFIX"
    )


def file_url(folder: str | Path) -> str:
    """The file:// URL of a local folder (the default store: the upload folder)."""
    return Path(folder).resolve().as_uri()
