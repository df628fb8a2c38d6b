"""A document's language verdict as plain values, worked out in the isolated child.

The parent imports this module only to name `language_verdict`; the modules that load
pdfium, the language model and tesseract are imported inside it, so they load in the child alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.validation.findings import Finding


@dataclass(frozen=True)
class LanguageVerdict:
    """The languages found (main first), whether a translation is needed, and what to say."""

    languages: tuple[str, ...]
    needs_translation: bool
    findings: tuple[Finding, ...]


def language_verdict(path: Path, kind: str) -> LanguageVerdict:
    """Detect the languages of a PDF or image file (run through tracker.isolation)."""
    from tracker.validation.language import detect_document_language, language_findings

    result = detect_document_language(path, kind=kind)
    found = tuple(language_findings(result))
    return LanguageVerdict(tuple(result.languages), result.needs_translation, found)
