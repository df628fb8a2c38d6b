"""What only the in-memory double does: local paths are temporary copies."""

from __future__ import annotations

import io

from tracker.storage.memory import MemoryStorage


def test_a_local_path_is_a_copy_that_goes_after_the_block() -> None:
    storage = MemoryStorage()
    stored = storage.save(io.BytesIO(b"scan"), max_bytes=100)
    with storage.local_path(stored.key) as path:
        assert path.read_bytes() == b"scan"
    assert not path.exists()
    assert storage.exists(stored.key)
