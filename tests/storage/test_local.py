"""LocalStorage on a real disk: permissions, durability, streaming, staying under the root."""

from __future__ import annotations

import io
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from tests.storage.streams import MB, save_traced
from tracker.storage.base import BadKey, StorageUnavailable
from tracker.storage.local import LocalStorage


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_root_and_its_directories_are_private(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "deep" / "store")
    stored = storage.save(io.BytesIO(b"passport"), max_bytes=100)
    path = storage.path(stored.key)
    assert mode(path) == 0o600
    assert mode(storage.root) == 0o700
    assert mode(storage.root / "tmp") == 0o700
    assert mode(path.parent) == mode(path.parent.parent) == 0o700


def test_a_30_mb_upload_is_streamed_not_held_in_memory(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    stored, peak = save_traced(storage, 30 * MB)
    assert stored.size == 30 * MB
    assert storage.path(stored.key).stat().st_size == 30 * MB
    assert peak < 5 * MB


def test_saved_files_outlive_the_store_object(tmp_path: Path) -> None:
    stored = LocalStorage(tmp_path).save(io.BytesIO(b"kept"), max_bytes=100)
    again = LocalStorage(tmp_path)
    assert list(again.keys()) == [stored.key]
    assert again.path(stored.key).read_bytes() == b"kept"


def test_the_file_and_its_directory_entry_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = LocalStorage(tmp_path)
    synced: list[bool] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    storage.save(io.BytesIO(b"durable"), max_bytes=100)
    assert synced[0] is False  # the data, before the rename
    assert synced[-1] is True  # the directory, after it


def test_a_shard_that_links_outside_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "cd").mkdir(parents=True)
    storage = LocalStorage(tmp_path / "store")
    (storage.root / "ab").symlink_to(outside)
    with pytest.raises(BadKey):
        storage.path("ab/cd/abcd" + "0" * 28)


def test_keys_skip_temporaries_and_stray_files(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    stored = storage.save(io.BytesIO(b"real"), max_bytes=100)
    (storage.root / "tmp" / "upload-1.part").write_bytes(b"half")
    (storage.root / "ab" / "cd").mkdir(parents=True)
    (storage.root / "ab" / "cd" / "notes.txt").write_bytes(b"not ours")
    assert list(storage.keys()) == [stored.key]


def test_remove_temporaries_keeps_recent_ones_when_asked(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    old, new = storage.root / "tmp" / "upload-old.part", storage.root / "tmp" / "upload-new.part"
    old.write_bytes(b"crashed yesterday")
    new.write_bytes(b"being written now")
    day_ago = time.time() - 86_400
    os.utime(old, (day_ago, day_ago))
    assert storage.remove_temporaries(older_than_seconds=3600) == 1
    assert storage.temporaries() == [str(new)]
    assert storage.remove_temporaries() == 1
    assert storage.temporaries() == []


def test_local_path_is_the_stored_file_itself(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    stored = storage.save(io.BytesIO(b"scan"), max_bytes=100)
    with storage.local_path(stored.key) as path:
        assert path == storage.path(stored.key)
    assert path.is_file()


def test_a_store_whose_folder_went_away_does_not_answer_ping(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "store")
    shutil.rmtree(storage.root)
    with pytest.raises(StorageUnavailable):
        storage.ping()
