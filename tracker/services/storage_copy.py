"""Move an installation's files to another store (disk to S3): copy, verify, report.

Every blob is checked against the size and sha256 the documents table
recorded at upload; running the copy again skips what is already right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Document
from tracker.services.registry import get_storage
from tracker.storage.base import Storage, StorageError
from tracker.storage.copying import Digest, Outcome, copy_blob


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


def copy_storage(target: Storage, *, progress: Callable[[str, str], None]) -> CopyReport:
    """Copy every blob of the current store into `target`, under the same keys."""
    source = get_storage()
    recorded = _recorded_digests()
    report = CopyReport()
    keys = set(source.keys())
    report.missing = sorted(set(recorded) - keys)
    for key in sorted(keys):
        try:
            outcome = copy_blob(source, target, key, recorded.get(key))
        except (StorageError, OSError) as exc:
            report.failed[key] = str(exc)
            progress(key, f"failed: {exc}")
            continue
        report.counts[outcome.value] += 1
        progress(key, outcome.value)
        if outcome is Outcome.DIFFERS:
            report.failed[key] = "the copy's bytes differ from the recorded size and sha256"
    return report


def _recorded_digests() -> dict[str, Digest]:
    rows = db.session.execute(select(Document.storage_key, Document.size, Document.sha256))
    return {key: Digest(size, sha256) for key, size, sha256 in rows}
