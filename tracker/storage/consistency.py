"""Disk and database agree: every stored file has a row and every row has its file.

Pure set arithmetic for `tracker storage check`; the caller gathers the keys.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass


@dataclass(frozen=True)
class Consistency:
    orphan_files: list[str]  # stored, but no row refers to them
    missing_files: list[str]  # referred to by a row, but not stored

    @property
    def ok(self) -> bool:
        return not self.orphan_files and not self.missing_files


def compare(stored_keys: Set[str], referenced_keys: Set[str]) -> Consistency:
    """Compare the keys in the store with the keys the database refers to."""
    return Consistency(
        orphan_files=sorted(stored_keys - referenced_keys),
        missing_files=sorted(referenced_keys - stored_keys),
    )
