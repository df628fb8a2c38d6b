"""Blobs as objects in an S3-compatible bucket, under a prefix, through boto3.

An object appears only when its upload completes (one PUT, or the last request
of a multipart upload), so a save that dies leaves no blob under a key, at most
an incomplete multipart upload: `temporaries` lists those, `remove_temporaries`
aborts them. Bytes are streamed in parts of `PART` bytes, never held whole.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import boto3
from boto3.exceptions import Boto3Error
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from tracker.storage.base import (
    CHUNK,
    BlobInfo,
    StorageUnavailable,
    Stored,
    TooLarge,
    check_key,
    is_key,
    new_key,
)

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

PART = 8 * 1024 * 1024  # S3's smallest useful part is 5 MiB; 8 MiB is boto3's default
TRANSFER = TransferConfig(
    multipart_threshold=PART, multipart_chunksize=PART, max_concurrency=1, use_threads=False
)
NOT_FOUND = frozenset({"404", "NoSuchKey", "NotFound"})


class S3Storage:
    def __init__(self, client: S3Client, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""

    @classmethod
    def connect(cls, bucket: str, prefix: str, *, endpoint_url: str | None) -> S3Storage:
        """A client from the standard AWS_* settings, answering within seconds when down."""
        config = Config(
            connect_timeout=5,
            read_timeout=60,
            retries={"mode": "standard", "max_attempts": 3},
            s3={"addressing_style": "path"} if endpoint_url else None,
        )
        client = boto3.session.Session().client("s3", endpoint_url=endpoint_url, config=config)
        return cls(client, bucket, prefix)

    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        return self.put(new_key(), stream, max_bytes=max_bytes)

    def put(self, key: str, stream: BinaryIO, *, max_bytes: int) -> Stored:
        """Upload in parts while hashing; the object exists only once all of it arrived."""
        reader = _HashingReader(stream, max_bytes)
        with _unavailable_on_error("upload"):
            self.client.upload_fileobj(
                cast(BinaryIO, reader), self.bucket, self._name(key), Config=TRANSFER
            )
        return Stored(key=key, size=reader.size, sha256=reader.sha256.hexdigest())

    def open(self, key: str) -> BinaryIO:
        """The object's body as a stream (read in blocks by whoever sends it on)."""
        with _unavailable_on_error("read"), _not_found_as_file_error(key):
            response = self.client.get_object(Bucket=self.bucket, Key=self._name(key))
        return cast(BinaryIO, response["Body"])

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        """Download the object into a private temporary folder, removed after the block."""
        name = self._name(key)
        with tempfile.TemporaryDirectory(prefix="tracker-s3-") as folder:
            path = Path(folder) / "blob"
            with _unavailable_on_error("download"), _not_found_as_file_error(key):
                self.client.download_file(self.bucket, name, str(path), Config=TRANSFER)
            yield path

    def stat(self, key: str) -> BlobInfo:
        head = self._head(key)
        return BlobInfo(
            size=head["ContentLength"],
            modified=head["LastModified"].timestamp(),
            version=str(head.get("ETag", "")),
        )

    def delete(self, key: str) -> None:
        with _unavailable_on_error("delete"):
            self.client.delete_object(Bucket=self.bucket, Key=self._name(key))

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except FileNotFoundError:
            return False
        return True

    def keys(self) -> Iterator[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        with _unavailable_on_error("list"):
            for page in pages:
                for entry in page.get("Contents", []):
                    key = entry["Key"].removeprefix(self.prefix)
                    if is_key(key):
                        yield key

    def temporaries(self) -> list[str]:
        return [f"{key} (incomplete upload {upload})" for key, upload, _ in self._incomplete()]

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        cutoff = time.time() - older_than_seconds
        removed = 0
        for key, upload, started in self._incomplete():
            if started <= cutoff:
                with _unavailable_on_error("abort"):
                    self.client.abort_multipart_upload(
                        Bucket=self.bucket, Key=self.prefix + key, UploadId=upload
                    )
                removed += 1
        return removed

    def ping(self) -> None:
        with _unavailable_on_error("ping"):
            self.client.head_bucket(Bucket=self.bucket)

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _head(self, key: str) -> dict[str, Any]:
        with _unavailable_on_error("stat"), _not_found_as_file_error(key):
            return cast(
                dict[str, Any], self.client.head_object(Bucket=self.bucket, Key=self._name(key))
            )

    def _incomplete(self) -> list[tuple[str, str, float]]:
        """Unfinished multipart uploads under the prefix: (key, upload id, start time)."""
        pages = self.client.get_paginator("list_multipart_uploads").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        found = []
        with _unavailable_on_error("list uploads"):
            for page in pages:
                for upload in page.get("Uploads", []):
                    started = upload["Initiated"].timestamp()
                    key = upload["Key"].removeprefix(self.prefix)
                    found.append((key, upload["UploadId"], started))
        return sorted(found)


class _HashingReader:
    """Reads the source in CHUNK blocks, hashing and counting; TooLarge past the limit."""

    def __init__(self, source: BinaryIO, max_bytes: int) -> None:
        self._source = source
        self._max_bytes = max_bytes
        self.size = 0
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        wanted = PART if size is None or size < 0 else size
        parts: list[bytes] = []
        while wanted > 0:
            chunk = self._source.read(min(CHUNK, wanted, self._max_bytes - self.size + 1))
            if not chunk:
                break
            self.size += len(chunk)
            if self.size > self._max_bytes:
                raise TooLarge(self._max_bytes)
            self.sha256.update(chunk)
            parts.append(chunk)
            wanted -= len(chunk)
        return b"".join(parts)


@contextmanager
def _not_found_as_file_error(key: str) -> Iterator[None]:
    try:
        yield
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in NOT_FOUND:
            raise FileNotFoundError(f"nothing stored under {key}") from None
        raise


@contextmanager
def _unavailable_on_error(action: str) -> Iterator[None]:
    """Whatever the client or the server says goes wrong is the store being unavailable."""
    try:
        yield
    except (BotoCoreError, Boto3Error, ClientError) as exc:
        raise StorageUnavailable(f"S3 {action} failed: {exc}") from exc
