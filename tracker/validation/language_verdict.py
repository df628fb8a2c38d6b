"""A document's language verdict as plain values, worked out in the isolated child.

The parent imports this module only to name `language_verdict`; the modules that load
pdfium, the language model and tesseract are imported inside it, so they load in the child alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.validation.findings import Finding

if TYPE_CHECKING:
    from tracker.validation.language import LanguageResult


@dataclass(frozen=True)
class LanguageVerdict:
    """The languages found (main first), whether a translation is needed, and what to say."""

    languages: tuple[str, ...]
    needs_translation: bool
    findings: tuple[Finding, ...]


def language_verdict(path: Path, kind: str) -> LanguageVerdict:
    """Detect the languages of a PDF or image file (run through tracker.isolation)."""
    from tracker.validation.language import detect_document_language

    return _verdict(detect_document_language(path, kind=kind))


def quality_and_language(path: Path, kind: str) -> tuple[list[Finding], LanguageVerdict]:
    """A document's quality findings and language verdict in one call (one trip to the child).

    A PDF is opened once for both: the pages the quality check loads serve the language.
    """
    from tracker.validation.language import detect_pdf_language
    from tracker.validation.pdf_pages import PdfText
    from tracker.validation.quality import pdf_quality_findings, quality_findings

    if kind != "pdf":
        return quality_findings(path, kind), language_verdict(path, kind)
    with PdfText(path) as pdf:
        return pdf_quality_findings(pdf), _verdict(detect_pdf_language(pdf))


def _verdict(result: LanguageResult) -> LanguageVerdict:
    from tracker.validation.language import language_findings

    found = tuple(language_findings(result))
    return LanguageVerdict(tuple(result.languages), result.needs_translation, found)
