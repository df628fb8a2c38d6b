"""PDF checks with pypdf: complete, opens without a user password, has pages, no active content.

pypdf runs under limits taken from the item's Limits (bytes a stream may expand to,
page-tree size); whatever it raises on a damaged or hostile file becomes a finding.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PasswordType, PdfReader, apply_configuration
from pypdf.errors import LimitReachedError

from tracker.i18n import Text
from tracker.validation import terms
from tracker.validation.budget import Deadline, OutOfTime
from tracker.validation.findings import Finding, Severity
from tracker.validation.inspection import Inspection
from tracker.validation.limits import Limits
from tracker.validation.pdf_active import TooManyObjects, active_findings, features, reachable
from tracker.validation.pdf_cost import DrawCost, check_pdf_page_sizes
from tracker.validation.pdf_quick import quick_pages

EOF_WINDOW = 1024  # viewers look for %%EOF in the last kilobyte only


def inspect_pdf(path: Path, limits: Limits, deadline: Deadline) -> Inspection:
    """Run the PDF checks in order; one that makes the file unusable stops the rest."""
    if found := tuple(check_pdf_complete(path)):
        return Inspection(found)
    data = path.read_bytes()  # in memory (the size gate has passed): read in small steps
    if (pages := quick_pages(path, data, limits, deadline)) is not None:
        return Inspection((), pages=pages)  # a plain file qpdf clears, in a third of the time
    return inspect_pdf_exactly(data, limits, deadline)


def inspect_pdf_exactly(data: bytes, limits: Limits, deadline: Deadline) -> Inspection:
    """The PDF checks with pypdf, every finding named (after the end-of-file check)."""
    with apply_configuration(**_configuration(limits)), io.BytesIO(data) as stream:
        try:
            return _inspect(PdfReader(stream, strict=False), limits, deadline)
        except Exception as exc:  # pypdf raises many built-in errors on damaged files
            return Inspection((failure(exc, limits),))


def _inspect(reader: PdfReader, limits: Limits, deadline: Deadline) -> Inspection:
    if found := tuple(check_pdf_encrypted(reader)):
        return Inspection(found)
    deadline.check()
    pages = len(reader.pages)  # counts the page tree, never trusts /Count
    if found := tuple(check_pdf_pages(pages, limits.max_pages)):
        return Inspection(found, pages=pages)
    # What pdfium would cost to draw the file, before it ever opens it (text, previews).
    if found := tuple(check_pdf_page_sizes(reader.pages, deadline)):
        return Inspection(found, pages=pages)
    return Inspection(tuple(check_pdf_objects(reader, deadline, limits)), pages=pages)


def check_pdf_objects(reader: PdfReader, deadline: Deadline, limits: Limits) -> Iterator[Finding]:
    """One walk over every object: refuse a file too costly to draw, then name active content."""
    cost, found = DrawCost(limits), set[str]()
    for obj in reachable(reader.trailer, deadline, limits.max_objects):
        if too_costly := cost.add(obj):
            yield too_costly
            return
        found |= features(obj)
    yield from active_findings(found)


def check_pdf_complete(path: Path) -> Iterator[Finding]:
    """Refuse a PDF cut off before its end-of-file marker."""
    with path.open("rb") as f:
        f.seek(max(0, f.seek(0, os.SEEK_END) - EOF_WINDOW))
        tail = f.read()
    if b"%%EOF" not in tail:
        yield Finding.make("pdf_unreadable", Severity.ERROR, reason=terms.TRUNCATED)


def check_pdf_encrypted(reader: PdfReader) -> Iterator[Finding]:
    """Refuse a PDF that needs a password to open; an owner password alone is fine."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("") is not PasswordType.NOT_DECRYPTED
    except Exception:  # an unknown or broken security handler locks the file as well
        opened = False
    if not opened:
        yield Finding.make("pdf_encrypted", Severity.ERROR)


def check_pdf_pages(pages: int, max_pages: int) -> Iterator[Finding]:
    """Refuse a PDF with no pages, or with more than the limit."""
    if pages == 0:
        yield Finding.make("pdf_no_pages", Severity.ERROR)
    elif pages > max_pages:
        reason = terms.too_many_pages(pages, max_pages)
        yield Finding.make("pdf_too_complex", Severity.ERROR, reason=reason)


def failure(exc: Exception, limits: Limits) -> Finding:
    """Name what stopped the PDF checks as the finding the applicant sees."""
    if isinstance(exc, OutOfTime):
        reason = terms.TIME
    elif isinstance(exc, TooManyObjects | RecursionError):
        reason = terms.STRUCTURE
    elif isinstance(exc, LimitReachedError):
        reason = _limit_reason(str(exc).lower(), limits)
    else:
        return Finding.make("pdf_unreadable", Severity.ERROR, reason=terms.CORRUPT)
    return Finding.make("pdf_too_complex", Severity.ERROR, reason=reason)


def _limit_reason(message: str, limits: Limits) -> Text:
    # pypdf has one error class for all its limits; its message tells them apart.
    if "decompress" in message or "length" in message:
        return terms.DECOMPRESSION
    if "page tree" in message:
        return terms.more_pages_than(limits.max_pages)
    return terms.STRUCTURE


def _configuration(limits: Limits) -> dict[str, Any]:
    expand = limits.max_stream_bytes
    return {
        "zlib_maximum_output_length": expand,
        "lzw_maximum_output_length": expand,
        "run_length_maximum_output_length": expand,
        "brotli_maximum_output_length": expand,
        "jbig2_maximum_output_length": expand,
        "array_based_stream_maximum_output_length": expand,
        # a tree of n pages has fewer than n inner nodes
        "page_tree_maximum_entries": 2 * limits.max_pages + 100,
    }
