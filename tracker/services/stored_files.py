"""Blobs as the services use them: a store that is down becomes a clear 503, never a 500.

A blob that cannot be removed while the store is down is left for
`tracker storage check --fix`, which finds it as an orphan.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _

from tracker.services.errors import NotFoundError, UnavailableError
from tracker.services.registry import get_storage
from tracker.storage.base import StorageError, StorageUnavailable

log = logging.getLogger(__name__)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn an unavailable store into the user's "try again" answer."""
    try:
        yield
    except StorageUnavailable as exc:
        log.warning("file store unavailable: %s", exc)
        raise UnavailableError(
            _(
                "The file store is not available right now. "
                "Nothing was changed; try again in a few minutes."
            )
        ) from exc


@contextmanager
def storage_copy(key: str) -> Iterator[Path]:
    """A local file with the blob's bytes (a temporary download for a remote store)."""
    with storage_errors(), get_storage().local_path(key) as path:
        yield path


def open_blob(key: str) -> BinaryIO:
    """A stream of the blob's bytes; a blob that vanished is a clear 404."""
    with storage_errors():
        try:
            return get_storage().open(key)
        except FileNotFoundError:
            raise NotFoundError(_("The stored file of this document is missing.")) from None


def discard(key: str) -> None:
    """Remove a blob whose row was not written; a store that is down keeps it as an orphan."""
    try:
        get_storage().delete(key)
    except StorageError as exc:
        log.warning("could not remove blob %s (storage check --fix will): %s", key, exc)
