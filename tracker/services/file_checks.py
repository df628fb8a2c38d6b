"""Run the file checks for an item: the fast pipeline, then the language of the text.

The language takes one route everywhere (uploads' background job, the API, the CLI):
the isolated child, under its memory, CPU and time limits, never the calling process.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.isolation import IsolationError, run_isolated
from tracker.rules.program import Item
from tracker.validation.findings import Finding, Severity
from tracker.validation.language_verdict import LanguageVerdict, language_verdict
from tracker.validation.limits import Limits, PhotoSpec

if TYPE_CHECKING:
    from tracker.validation.pipeline import FileReport

# Loading the models, then up to a minute of OCR and one page past it.
LANGUAGE_SECONDS = 150.0


def limits_for(item: Item | None) -> Limits:
    """Translate an item's acceptance rules from program data into validation limits."""
    if item is None:
        return Limits()
    photo = None
    if item.photo is not None:
        p = item.photo
        photo = PhotoSpec(
            frozenset(p.formats), p.square, p.min_side, p.max_side, p.max_bytes, p.colour
        )
    return Limits(
        accepts=frozenset(item.accepts),
        max_bytes=item.max_bytes,
        min_width=item.min_width,
        min_height=item.min_height,
        photo=photo,
    )


def check_file(path: Path, *, name: str, limits: Limits) -> FileReport:
    """Every check at once, language included (used by the CLI and the background job)."""
    from tracker.validation.pipeline import validate_file

    report = validate_file(path, name=name, limits=limits)
    return add_language(report, path)


def add_language(report: FileReport, path: Path) -> FileReport:
    """Detect the document's language when the file itself is readable."""
    if report.kind is None or not report.ok:
        return report
    try:
        verdict = language_of(path, report.kind)
    except IsolationError:
        return report.with_language(
            (), False, [Finding.make("language_unchecked", Severity.WARNING)]
        )
    return report.with_language(verdict.languages, verdict.needs_translation, verdict.findings)


def language_of(path: Path, kind: str) -> LanguageVerdict:
    """Decide a file's languages in the isolated child; IsolationError past its limits."""
    return run_isolated(language_verdict, path, kind, timeout=LANGUAGE_SECONDS)
