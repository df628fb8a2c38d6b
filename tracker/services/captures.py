"""Several photographed pages of one document, sent together and filed as one PDF.

Each page is checked as a picture first (a broken photo or a bomb is named by its
page number, never opened further); the PDF is put together in the isolated child and
then submitted like any upload, so it gets every check of its item. Audited.
"""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from flask_babel import gettext as _

from tracker.isolation import IsolationError, run_isolated
from tracker.models import Document, Requirement, User
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.documents import spooled, submit_document
from tracker.services.errors import InvalidInputError
from tracker.services.file_checks import item_of, limits_for
from tracker.storage.names import safe_display_name
from tracker.validation.assembly import assemble_pdf
from tracker.validation.limits import Limits
from tracker.validation.pipeline import validate_file

ASSEMBLY_SECONDS = 120.0  # re-encoding ten 12-megapixel photos when they must shrink
PAGE_LIMITS = Limits(accepts=frozenset({"image"}), max_bytes=1 << 62)  # the request caps bytes


def submit_pages(
    user: User, req: Requirement, pages: list[tuple[BinaryIO, str]], *, program: Program
) -> Document:
    """Put the photographed `pages` together as one PDF, in order, and upload it to `req`."""
    limits = limits_for(item_of(program, req))
    if "pdf" not in limits.accepts:
        raise InvalidInputError(_("This item takes single pictures: upload each photo on its own."))
    with ExitStack() as stack:
        paths = [stack.enter_context(spooled(stream)) for stream, _name in pages]
        for number, (path, (_stream, name)) in enumerate(zip(paths, pages, strict=True), 1):
            _check_page(path, number, safe_display_name(name))
        pdf = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "pages.pdf"
        lossless = _assemble(paths, pdf, limits.max_bytes)
        with pdf.open("rb") as stream:
            return submit_document(
                user,
                req,
                stream,
                _pdf_name(pages),
                program=program,
                recorded=lambda doc: audit.record(
                    "document.pages_assembled",
                    case=req.case,
                    user=user,
                    document=doc.id,
                    pages=len(pages),
                    lossless=lossless,
                ),
            )


def _check_page(path: Path, number: int, name: str) -> None:
    if not validate_file(path, name=name, limits=PAGE_LIMITS).ok:
        raise InvalidInputError(
            _(
                "Page %(number)d (%(name)s) cannot be used: it is not a readable JPEG, "
                "PNG or HEIC picture. Take that page again.",
                number=number,
                name=name,
            )
        )


def _assemble(paths: list[Path], pdf: Path, max_bytes: int) -> bool:
    try:
        lossless: bool = run_isolated(assemble_pdf, paths, pdf, max_bytes, timeout=ASSEMBLY_SECONDS)
    except ValueError:
        raise InvalidInputError(
            _(
                "These pages are too large together for this item, even compressed. "
                "Send fewer pages at a time."
            )
        ) from None
    except IsolationError:
        raise InvalidInputError(
            _("These pages could not be put together. Take them again, or send fewer at a time.")
        ) from None
    return lossless


def _pdf_name(pages: list[tuple[BinaryIO, str]]) -> str:
    stem = safe_display_name(pages[0][1]).rsplit(".", 1)[0] or "page"
    return f"{stem}-{len(pages)}-pages.pdf"
