"""Run the file checks for an item: the fast pipeline, then the language of the text.

The language and a travel document's MRZ take one route everywhere (uploads' background
job, the API, the CLI): the isolated child, under its memory, CPU and time limits, never
the calling process.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.i18n import Text
from tracker.isolation import IsolationError, run_isolated
from tracker.rules.program import Item, Program
from tracker.validation.findings import Finding, Severity
from tracker.validation.icao import Mrz
from tracker.validation.language_verdict import (
    LanguageVerdict,
    language_verdict,
    quality_and_language,
)
from tracker.validation.limits import Limits, PhotoSpec
from tracker.validation.mrz import mrz_findings, read_mrz
from tracker.validation.quality import quality_findings

if TYPE_CHECKING:
    from tracker.models import Requirement
    from tracker.validation.pipeline import FileReport

# Loading the models, then up to a minute of OCR and one page past it.
LANGUAGE_SECONDS = 150.0
MRZ_SECONDS = 60.0  # a page takes 0.5-2 s; three PDF pages with room to spare
QUALITY_SECONDS = 30.0  # three pages drawn at ~100 dpi and measured: well under a second
QUALITY_CODES = frozenset({"image_blurry", "image_too_dark"})


def item_of(program: Program, req: Requirement) -> Item:
    """The program's item of a checklist requirement; an added one takes the program's defaults."""
    item = None if req.ad_hoc else program.item(req.code)
    if item is not None:
        return item
    title = Text.from_given(req.title) if req.title else Text(req.code, req.code, req.code)
    return program.ad_hoc_item(req.code, req.section, title)


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


def check_file(
    path: Path, *, name: str, limits: Limits, travel_document: bool = False
) -> FileReport:
    """Every check at once, the slow ones included (used by the CLI and the background job).

    A travel document's zone is read instead of its language: its data page carries
    English by ICAO 9303 (captions and MRZ), and the security pattern behind it fools
    a language detector (a UK page came out as Greek).
    """
    from tracker.validation.pipeline import validate_file

    report = validate_file(path, name=name, limits=limits)
    if travel_document:
        return add_mrz(add_quality(report, path), path)
    return add_quality_and_language(report, path)


def add_quality_and_language(report: FileReport, path: Path) -> FileReport:
    """Add blur, light and language findings, both judged in one call to the isolated child.

    Past the child's limits neither is known: no quality findings, language unchecked.
    """
    if report.kind is None or not report.ok:
        return report
    try:
        found, verdict = run_isolated(
            quality_and_language, path, report.kind, timeout=QUALITY_SECONDS + LANGUAGE_SECONDS
        )
    except IsolationError:
        return with_verdict(report, None)
    return with_verdict(report.with_findings(found), verdict)


def add_quality(report: FileReport, path: Path) -> FileReport:
    """Add blur and light warnings when the file itself is readable."""
    if report.kind is None or not report.ok:
        return report
    return report.with_findings(quality_of(path, report.kind))


def quality_of(path: Path, kind: str) -> list[Finding]:
    """Judge blur and light in the isolated child; nothing to say past its limits."""
    try:
        return run_isolated(quality_findings, path, kind, timeout=QUALITY_SECONDS)
    except IsolationError:
        return []


def add_mrz(report: FileReport, path: Path) -> FileReport:
    """Read a travel document's machine-readable zone when the file itself is readable."""
    if report.kind is None or not report.ok:
        return report
    reading = mrz_of(path, report.kind)
    return report.with_mrz(reading, mrz_findings(reading))


def mrz_of(path: Path, kind: str) -> Mrz | None:
    """Read the zone in the isolated child; None (a person must look) past its limits."""
    try:
        return run_isolated(read_mrz, path, kind, timeout=MRZ_SECONDS)
    except IsolationError:
        return None


def with_verdict(report: FileReport, verdict: LanguageVerdict | None) -> FileReport:
    """The report with a language verdict, or a warning that none could be reached."""
    if verdict is None:
        return report.with_language(
            (), False, [Finding.make("language_unchecked", Severity.WARNING)]
        )
    return report.with_language(verdict.languages, verdict.needs_translation, verdict.findings)


def language_of(path: Path, kind: str) -> LanguageVerdict:
    """Decide a file's languages in the isolated child; IsolationError past its limits."""
    return run_isolated(language_verdict, path, kind, timeout=LANGUAGE_SECONDS)
