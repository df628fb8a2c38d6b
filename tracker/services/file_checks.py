"""Run the file checks for an item: the fast pipeline, then the language of the text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.rules.program import Item
from tracker.validation.limits import Limits, PhotoSpec

if TYPE_CHECKING:
    from tracker.validation.pipeline import FileReport


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
    from tracker.validation.language import detect_document_language, language_findings

    if report.kind is None or not report.ok:
        return report
    result = detect_document_language(path, kind=report.kind)
    return report.with_language(
        result.languages, result.needs_translation, language_findings(result)
    )
