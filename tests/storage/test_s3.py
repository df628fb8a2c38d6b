"""S3Storage on a real S3 server: multipart streaming, leftovers of killed uploads, outages."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import SeaweedFS, free_port
from tests.storage.streams import MB, blocks, failing_after, fed, save_traced
from tracker.storage.base import StorageUnavailable, TooLarge
from tracker.storage.s3 import PART, S3Storage
from tracker.storage.urls import open_storage

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def storage(s3_url: str, s3_server: SeaweedFS) -> S3Storage:
    store = open_storage(s3_url, s3_endpoint_url=s3_server.endpoint)
    assert isinstance(store, S3Storage)
    return store


def test_a_30_mb_upload_goes_in_parts_without_being_held_in_memory(storage: S3Storage) -> None:
    stored, peak = save_traced(storage, 30 * MB)
    assert stored.size == storage.stat(stored.key).size == 30 * MB
    assert peak < 3 * PART  # one part being read, one being sent
    with storage.open(stored.key) as body:
        assert sum(len(chunk) for chunk in iter(lambda: body.read(MB), b"")) == 30 * MB


def test_a_stream_failing_after_several_parts_leaves_no_object_and_no_upload(
    storage: S3Storage,
) -> None:
    with pytest.raises(ConnectionResetError):
        storage.save(fed(failing_after(3 * PART)), max_bytes=100 * MB)
    assert list(storage.keys()) == []
    assert storage.temporaries() == []


def test_too_large_after_several_parts_leaves_nothing(storage: S3Storage) -> None:
    with pytest.raises(TooLarge):
        storage.save(fed(blocks(3 * PART)), max_bytes=2 * PART + 1)
    assert list(storage.keys()) == []
    assert storage.temporaries() == []


KILLED_UPLOAD = """
import sys, time
from tracker.storage.urls import open_storage

class Slow:
    sent = 0
    def read(self, size=-1):
        self.sent += size
        if self.sent > 2 * 8 * 1024 * 1024:
            print("parts sent", flush=True)
            time.sleep(600)
        return b"x" * size

open_storage(sys.argv[1], s3_endpoint_url=sys.argv[2]).save(Slow(), max_bytes=10**9)
"""


def test_a_killed_upload_leaves_an_incomplete_upload_that_remove_temporaries_aborts(
    storage: S3Storage, s3_url: str, s3_server: SeaweedFS
) -> None:
    args = [sys.executable, "-c", KILLED_UPLOAD, s3_url, s3_server.endpoint]
    with subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline() == "parts sent\n", "the upload did not start"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
    assert list(storage.keys()) == []
    [leftover] = storage.temporaries()
    assert "incomplete upload" in leftover
    assert storage.remove_temporaries(older_than_seconds=3600) == 0  # too young
    assert storage.remove_temporaries() == 1
    assert storage.temporaries() == []


def test_an_unreachable_server_is_unavailable_for_every_operation(s3_server: SeaweedFS) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    storage = open_storage(f"s3://{s3_server.bucket}/p", s3_endpoint_url=nobody)
    key = "ab/cd/abcd" + "0" * 28
    for call in (
        storage.ping,
        lambda: storage.save(fed(blocks(100)), max_bytes=1000),
        lambda: storage.open(key),
        lambda: storage.exists(key),
        lambda: list(storage.keys()),
        lambda: storage.delete(key),
        storage.temporaries,
    ):
        with pytest.raises(StorageUnavailable):
            call()


def test_wrong_credentials_do_not_answer_ping(
    s3_server: SeaweedFS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    storage = open_storage(f"s3://{s3_server.bucket}/p", s3_endpoint_url=s3_server.endpoint)
    with pytest.raises(StorageUnavailable, match="ping"):
        storage.ping()


def test_keys_skip_objects_the_store_did_not_make(storage: S3Storage, s3_server: SeaweedFS) -> None:
    stored = storage.save(fed(blocks(10)), max_bytes=100)
    client = s3_server.client()
    client.put_object(Bucket=storage.bucket, Key=storage.prefix + "notes.txt", Body=b"not ours")
    client.put_object(Bucket=storage.bucket, Key="elsewhere/" + stored.key, Body=b"other prefix")
    assert list(storage.keys()) == [stored.key]
