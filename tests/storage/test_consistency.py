"""Files without rows and rows without files, found by set arithmetic."""

from __future__ import annotations

from tracker.storage.consistency import Consistency, compare


def test_matching_keys_are_consistent() -> None:
    assert compare({"a", "b"}, {"b", "a"}) == Consistency(orphan_files=[], missing_files=[])
    assert compare(set(), set()).ok


def test_orphans_and_missing_files_are_reported_sorted() -> None:
    result = compare({"c", "a", "shared"}, {"shared", "z", "y"})
    assert result.orphan_files == ["a", "c"]
    assert result.missing_files == ["y", "z"]
    assert not result.ok
