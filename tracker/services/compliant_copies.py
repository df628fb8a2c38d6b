"""Compliant copies: a file that misses its item's photo specification or a size limit,
made right mechanically as a new version of the item (checked like any upload) that
remembers its original; the original stays.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from flask_babel import gettext as _

from tracker.isolation import run_isolated
from tracker.models import Document, User
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.documents import submit_document
from tracker.services.errors import InvalidInputError
from tracker.services.file_checks import limits_for
from tracker.services.filing import FILING_MAX_BYTES
from tracker.services.stored_files import storage_copy
from tracker.validation.image import make_compliant_photo
from tracker.validation.limits import Limits
from tracker.validation.pdf_shrink import recompress_pdf
from tracker.validation.photo import make_smaller_jpeg

log = logging.getLogger(__name__)
SHRINK_SECONDS = 120.0  # a 15 MB scanned PDF of noise takes ~6 s here


def make_compliant_copy(user: User, doc: Document, *, program: Program) -> Document:
    """A copy of a file that misses its item's photo specification or a size limit.

    A photo is cropped, resized and recompressed to its specification; any other
    image becomes a JPEG, and a PDF gets its pictures re-encoded (in the isolated
    child), within the item's and the Department's byte limits. The copy is a new
    version of the item, checked like any upload, remembering its original (which
    stays). Only offered when the fix is mechanical.
    """
    _refuse_unless_needed(doc)
    limits = limits_for(program.item(doc.requirement.code))
    stem = doc.original_name.rsplit(".", 1)[0]
    suffix = "pdf" if doc.kind == "pdf" else "jpg"
    action = "document.photo_fixed" if limits.photo is not None else "document.made_smaller"
    with tempfile.TemporaryDirectory() as folder:
        fixed = Path(folder) / f"copy.{suffix}"
        with storage_copy(doc.storage_key) as original:
            _write_compliant(original, fixed, limits, doc.kind)
        with fixed.open("rb") as stream:
            return submit_document(
                user,
                doc.requirement,
                stream,
                f"{stem}-compliant.{suffix}",
                program=program,
                copy_of=doc,
                recorded=lambda copy: audit.record(
                    action, case=doc.case, user=user, document=doc.id, copy=copy.id
                ),
            )


FIXABLE = frozenset({"photo_spec", "too_large"})


def _refuse_unless_needed(doc: Document) -> None:
    """Only a current original that misses a specification or a byte limit gets a copy."""
    needed = {f.code for f in doc.findings} & FIXABLE or doc.size > FILING_MAX_BYTES
    if not doc.current or doc.translation_of_id is not None or not needed:
        raise InvalidInputError(
            _(
                "Only a file that misses its item's photo specification or size limit can get"
                " a compliant copy."
            )
        )


def _write_compliant(original: Path, fixed: Path, limits: Limits, kind: str | None) -> None:
    target = min(limits.max_bytes, FILING_MAX_BYTES)
    if kind == "pdf":
        _shrink_pdf(original, fixed, target)
        return
    # Decoded in the isolated child: a too-big upload never had its pixels checked.
    try:
        if limits.photo is not None:
            run_isolated(
                make_compliant_photo, original, fixed, limits.photo, timeout=SHRINK_SECONDS
            )
        else:
            data = run_isolated(make_smaller_jpeg, original, target, timeout=SHRINK_SECONDS)
            fixed.write_bytes(data)
    except Exception:  # unreadable, a bomb, cannot fit, the child's limits
        log.warning("a compliant copy of %s failed", original, exc_info=True)
        raise InvalidInputError(
            _(
                "This picture cannot be fixed automatically (it cannot be read, or cannot be"
                " made to fit). Take or scan it again and upload the new file."
            )
        ) from None


def _shrink_pdf(original: Path, fixed: Path, target: int) -> None:
    try:
        size = run_isolated(recompress_pdf, original, fixed, timeout=SHRINK_SECONDS)
    except Exception:  # pypdf's and Pillow's many errors, or the child's limits
        log.warning("recompressing %s failed", original, exc_info=True)
        size = target + 1
    if size > target:
        raise InvalidInputError(
            _(
                "Re-encoding the pictures inside this PDF does not bring it under %(mb)s MB:"
                " ask for a new scan at 150–200 dpi (greyscale for text), or for the"
                " document split into parts, each uploaded to this item.",
                mb=f"{target / 1024 / 1024:.0f}",
            )
        )
