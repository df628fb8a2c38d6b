"""TRACKER_STORAGE_URL names the store: a local folder or an S3 bucket and prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.storage.local import LocalStorage
from tracker.storage.s3 import S3Storage
from tracker.storage.urls import BadStorageURL, file_url, open_storage


def test_a_file_url_is_the_local_store_of_that_folder(tmp_path: Path) -> None:
    storage = open_storage(file_url(tmp_path / "my uploads"))
    assert isinstance(storage, LocalStorage)
    assert storage.root == (tmp_path / "my uploads").resolve()


@pytest.mark.parametrize(
    ("url", "bucket", "prefix"),
    [
        ("s3://agency-files/tracker", "agency-files", "tracker/"),
        ("s3://agency-files/deep/er/", "agency-files", "deep/er/"),
        ("s3://agency-files", "agency-files", ""),
    ],
)
def test_an_s3_url_names_the_bucket_and_the_prefix(url: str, bucket: str, prefix: str) -> None:
    storage = open_storage(url, s3_endpoint_url="http://127.0.0.1:1")
    assert isinstance(storage, S3Storage)
    assert (storage.bucket, storage.prefix) == (bucket, prefix)


@pytest.mark.parametrize(
    "url", ["uploads", "file://", "file://server/share", "s3://", "ftp://host/x", "gs://b/p"]
)
def test_other_urls_are_refused_with_what_is_accepted(url: str) -> None:
    with pytest.raises(BadStorageURL, match="s3://BUCKET/PREFIX"):
        open_storage(url)


def test_the_app_uses_the_configured_store(tmp_path: Path) -> None:
    from tests.apps import make_app

    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    local = make_app(db, tmp_path / "uploads")
    assert local.extensions["storage"].root == (tmp_path / "uploads").resolve()
    elsewhere = make_app(db, tmp_path / "uploads", STORAGE_URL=file_url(tmp_path / "elsewhere"))
    assert elsewhere.extensions["storage"].root == (tmp_path / "elsewhere").resolve()
    remote = make_app(
        db, tmp_path / "uploads", STORAGE_URL="s3://b/p", S3_ENDPOINT_URL="http://127.0.0.1:1"
    )
    assert isinstance(remote.extensions["storage"], S3Storage)
