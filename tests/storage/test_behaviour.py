"""The Storage contract, run against LocalStorage on disk, S3Storage on a real S3 server
(SeaweedFS started by the test run) and the MemoryStorage double."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.storage.streams import FedStream, blocks, endless, failing_after, fed
from tracker.storage.base import CHUNK, KEY_PATTERN, BadKey, Storage, Stored, TooLarge
from tracker.storage.local import LocalStorage
from tracker.storage.memory import MemoryStorage
from tracker.storage.urls import open_storage

MAKERS: dict[str, Callable[[Path], Storage]] = {
    "local": lambda tmp: LocalStorage(tmp / "store"),
    "memory": lambda tmp: MemoryStorage(),
}
VALID_KEY = "ab/cd/abcd" + "0" * 28


@pytest.fixture(params=[*sorted(MAKERS), "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "s3":
        return open_storage(request.getfixturevalue("s3_url"), s3_endpoint_url=s3_endpoint())
    return MAKERS[request.param](tmp_path)


def s3_endpoint() -> str:
    return os.environ["TRACKER_S3_ENDPOINT_URL"]  # set by the s3_server fixture


def save_bytes(storage: Storage, data: bytes, limit: int = 10_000_000) -> Stored:
    return storage.save(io.BytesIO(data), max_bytes=limit)


def assert_nothing_left(storage: Storage) -> None:
    assert list(storage.keys()) == []
    assert storage.temporaries() == []


def test_saved_bytes_come_back_with_their_size_and_sha256(storage: Storage) -> None:
    data = b"%PDF-1.7 passport scan" * 1000
    stored = save_bytes(storage, data)
    assert stored.size == len(data)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    with storage.open(stored.key) as f:
        assert f.read() == data


def test_keys_are_generated_and_sharded(storage: Storage) -> None:
    first, second = save_bytes(storage, b"same"), save_bytes(storage, b"same")
    assert first.key != second.key
    assert KEY_PATTERN.fullmatch(first.key)
    assert first.key.split("/")[2].startswith("".join(first.key.split("/")[:2]))


def test_keys_lists_every_stored_blob_and_nothing_else(storage: Storage) -> None:
    saved = {save_bytes(storage, bytes([n]) * n).key for n in range(5)}
    assert set(storage.keys()) == saved
    assert storage.temporaries() == []


def test_an_empty_upload_is_stored_as_zero_bytes(storage: Storage) -> None:
    stored = save_bytes(storage, b"")
    assert (stored.size, stored.sha256) == (0, hashlib.sha256(b"").hexdigest())
    assert storage.exists(stored.key)


def test_delete_removes_the_blob_and_is_idempotent(storage: Storage) -> None:
    stored = save_bytes(storage, b"x")
    storage.delete(stored.key)
    storage.delete(stored.key)
    storage.delete(VALID_KEY)
    assert not storage.exists(stored.key)
    assert list(storage.keys()) == []


def test_opening_a_key_that_was_never_stored_is_file_not_found(storage: Storage) -> None:
    with pytest.raises(FileNotFoundError):
        storage.open(VALID_KEY)


def test_exactly_max_bytes_is_accepted(storage: Storage) -> None:
    assert save_bytes(storage, b"x" * 100, limit=100).size == 100


def test_one_byte_too_many_is_too_large_and_leaves_nothing(storage: Storage) -> None:
    with pytest.raises(TooLarge) as info:
        save_bytes(storage, b"x" * 101, limit=100)
    assert info.value.limit == 100
    assert_nothing_left(storage)


def test_too_large_stops_reading_an_endless_stream(storage: Storage) -> None:
    stream = FedStream(endless())
    with pytest.raises(TooLarge):
        storage.save(stream, max_bytes=3 * CHUNK + 5)  # type: ignore[arg-type]
    assert stream.delivered == 3 * CHUNK + 6
    assert_nothing_left(storage)


def test_a_stream_that_fails_half_way_leaves_nothing(storage: Storage) -> None:
    with pytest.raises(ConnectionResetError):
        storage.save(fed(failing_after(5 * CHUNK)), max_bytes=10 * CHUNK)
    assert_nothing_left(storage)


def test_reads_are_bounded_chunks_never_the_whole_stream(storage: Storage) -> None:
    stream = FedStream(blocks(20 * CHUNK + 7))
    stored = storage.save(stream, max_bytes=100 * CHUNK)  # type: ignore[arg-type]
    assert stored.size == 20 * CHUNK + 7
    assert all(0 < size <= CHUNK for size in stream.sizes)


@pytest.mark.parametrize(
    "key",
    [
        "../x",
        "/etc/passwd",
        "ab/cd/../../../etc/passwd",
        "ab/cd/abcd" + "0" * 27 + "/",
        "AB/CD/ABCD" + "0" * 28,
        "ab/cd/abcd" + "g" * 28,
        "ab\\cd\\abcd" + "0" * 28,
        "ab/cd/ffff" + "0" * 28,
        VALID_KEY + "\n",
        VALID_KEY + "\x00",
        "ab/cd/abcd" + "0" * 27,
        "tmp/upload-x.part",
        "passport.pdf",
        "",
    ],
)
@pytest.mark.parametrize("method", ["open", "delete", "exists", "stat", "local_path"])
def test_keys_the_store_could_not_have_made_are_refused(
    storage: Storage, method: str, key: str
) -> None:
    with pytest.raises(BadKey):
        use(storage, method, key)


def use(storage: Storage, method: str, key: str) -> None:
    """Call a method with a key; a context manager is entered, as callers do."""
    result = getattr(storage, method)(key)
    if method == "local_path":
        with result:
            pass


def test_put_refuses_a_key_the_store_could_not_have_made(storage: Storage) -> None:
    with pytest.raises(BadKey):
        storage.put("../escape", io.BytesIO(b"x"), max_bytes=10)
    assert_nothing_left(storage)


def test_local_path_gives_a_file_with_the_stored_bytes(storage: Storage) -> None:
    stored = save_bytes(storage, b"scan")
    with storage.local_path(stored.key) as path:
        assert path.read_bytes() == b"scan"
    assert storage.exists(stored.key)


def test_local_path_of_a_key_never_stored_is_file_not_found(storage: Storage) -> None:
    with pytest.raises(FileNotFoundError), storage.local_path(VALID_KEY):
        pass


def test_stat_gives_the_size_and_a_recent_time(storage: Storage) -> None:
    stored = save_bytes(storage, b"12345")
    info = storage.stat(stored.key)
    assert info.size == 5
    assert abs(info.modified - time.time()) < 600
    with pytest.raises(FileNotFoundError):
        storage.stat(VALID_KEY)


def test_put_stores_under_the_given_key_and_replaces(storage: Storage) -> None:
    first = storage.put(VALID_KEY, io.BytesIO(b"old"), max_bytes=100)
    second = storage.put(VALID_KEY, io.BytesIO(b"newer"), max_bytes=100)
    assert first.key == second.key == VALID_KEY
    assert list(storage.keys()) == [VALID_KEY]
    with storage.open(VALID_KEY) as f:
        assert f.read() == b"newer"


def test_a_working_store_answers_ping(storage: Storage) -> None:
    storage.ping()


def test_remove_temporaries_on_a_clean_store_removes_nothing(storage: Storage) -> None:
    save_bytes(storage, b"kept")
    assert storage.remove_temporaries() == 0
    assert len(list(storage.keys())) == 1


def test_stored_is_immutable() -> None:
    stored = Stored(key=VALID_KEY, size=1, sha256="0" * 64)
    with pytest.raises(dataclasses.FrozenInstanceError):
        stored.size = 2  # type: ignore[misc]
