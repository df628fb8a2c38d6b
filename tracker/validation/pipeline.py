"""The validation pipeline: cheap gates first, then the deep checks for the file's real kind.

The gates are an empty file, the size limit and the type told by content (plus a
warning when the name lies); the deep checks come from a table keyed by that kind.
Every finding is collected so the applicant sees all the problems at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from tracker.i18n import Lang
from tracker.validation.budget import Deadline
from tracker.validation.findings import Finding, has_errors
from tracker.validation.icao import Mrz
from tracker.validation.image import inspect_image
from tracker.validation.inspection import Inspection
from tracker.validation.limits import Limits
from tracker.validation.pdf import inspect_pdf
from tracker.validation.size import check_empty, check_size, digest
from tracker.validation.sniff import check_extension, check_type, sniff

Inspector = Callable[[Path, Limits, Deadline], Inspection]
INSPECTORS: dict[str, Inspector] = {"pdf": inspect_pdf, "image": inspect_image}


@dataclass(frozen=True)
class FileReport:
    """The verdict on one file, in the contract's `validate` shape."""

    file: str
    kind: str | None
    mime: str
    size: int
    sha256: str
    pages: int | None
    width: int | None
    height: int | None
    findings: tuple[Finding, ...]
    languages: tuple[str, ...] = ()
    needs_translation: bool = False
    mrz: Mrz | None = None  # a travel document's machine-readable zone, when read

    @property
    def ok(self) -> bool:
        return not has_errors(list(self.findings))

    def with_language(
        self, languages: Iterable[str], needs_translation: bool, findings: Iterable[Finding]
    ) -> FileReport:
        """Return a copy with the document's languages and their findings added."""
        return replace(
            self,
            languages=tuple(languages),
            needs_translation=needs_translation,
            findings=(*self.findings, *findings),
        )

    def with_findings(self, findings: Iterable[Finding]) -> FileReport:
        """Return a copy with more findings (a later check's)."""
        return replace(self, findings=(*self.findings, *findings))

    def with_mrz(self, mrz: Mrz | None, findings: Iterable[Finding]) -> FileReport:
        """Return a copy with a travel document's zone and its findings added."""
        return replace(self, mrz=mrz, findings=(*self.findings, *findings))

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """Render the report as the contract's JSON object, messages in `lang`."""
        language = cast(Lang, lang)  # any other value falls back to English
        return {
            "file": self.file,
            "ok": self.ok,
            "kind": self.kind,
            "mime": self.mime,
            "size": self.size,
            "sha256": self.sha256,
            "pages": self.pages,
            "width": self.width,
            "height": self.height,
            "languages": list(self.languages),
            "needs_translation": self.needs_translation,
            "findings": [f.to_dict(language) for f in self.findings],
            "mrz": self.mrz.to_dict() if self.mrz else None,
        }


def validate_file(path: Path, *, name: str, limits: Limits) -> FileReport:
    """Check a stored file against an item's limits; `name` is the client's label only."""
    deadline = Deadline(limits.max_seconds)
    size, sha256 = digest(path)
    sniffed = sniff(path)
    report = FileReport(name, sniffed.kind, sniffed.mime, size, sha256, None, None, None, ())
    if empty := tuple(check_empty(size)):
        return replace(report, findings=empty)
    gates = (*check_size(size, limits.max_bytes), *check_type(sniffed, limits.accepts))
    named = tuple(check_extension(name, sniffed))
    if gates or sniffed.kind is None:
        return replace(report, findings=(*gates, *named))
    found = INSPECTORS[sniffed.kind](path, limits, deadline)
    return replace(
        report,
        pages=found.pages,
        width=found.width,
        height=found.height,
        findings=(*named, *found.findings),
    )
