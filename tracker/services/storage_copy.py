"""Move an installation's files to another store (disk to S3): copy, verify, report.

Every upload is checked against the size and sha256 the documents table
recorded; images drawn from them (previews, page images) against the bytes
sent. Running the copy again skips what is already right, without reading
again what an earlier run verified (tracker/storage/copying.py's manifest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.services.registry import get_storage
from tracker.services.storage_check import referenced_blobs
from tracker.storage.base import Storage, StorageError
from tracker.storage.copying import Digest, Manifest, Outcome, copy_blob


@dataclass
class CopyReport:
    counts: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Outcome})
    failed: dict[str, str] = field(default_factory=dict)  # key → why
    missing: list[str] = field(default_factory=list)  # recorded, but not in the source

    @property
    def ok(self) -> bool:
        return not self.failed and not self.missing

    def as_dict(self) -> dict[str, object]:
        return {"counts": self.counts, "failed": self.failed, "missing": self.missing}


def copy_storage(
    target: Storage, *, manifest: Path, progress: Callable[[str, str], None]
) -> CopyReport:
    """Copy every blob of the current store into `target`, under the same keys.

    `manifest` is the file remembering what was verified in this target before.
    """
    source = get_storage()
    referenced = referenced_blobs()
    report = CopyReport()
    keys = set(source.keys())
    report.missing = sorted(set(referenced) - keys)
    verified = Manifest(manifest)
    try:
        for done, key in enumerate(sorted(keys), start=1):
            _copy_one(source, target, key, referenced.get(key), verified, report, progress)
            if done % SAVE_EVERY == 0:
                verified.save()  # an interrupted run keeps what it verified
    finally:
        verified.save()
    return report


SAVE_EVERY = 200


def _copy_one(
    source: Storage,
    target: Storage,
    key: str,
    expected: Digest | None,
    manifest: Manifest,
    report: CopyReport,
    progress: Callable[[str, str], None],
) -> None:
    try:
        outcome = copy_blob(source, target, key, expected, manifest)
    except (StorageError, OSError) as exc:
        report.failed[key] = str(exc)
        progress(key, f"failed: {exc}")
        return
    report.counts[outcome.value] += 1
    progress(key, outcome.value)
    if outcome is Outcome.DIFFERS:
        report.failed[key] = "the copy's bytes differ from the recorded size and sha256"
