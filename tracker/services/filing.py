"""What the Department takes (hk_dependant spec §5): JPEG, PDF, GIF, PNG or TIF, 5 MB a file.

Judges each file the bundle would hold; the bundle page lists those over the
limits with what to do (a one-click smaller copy for an image, advice for a PDF).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from tracker.models import Document

# The types GovHK's e-services take, with the extension the bundle gives each.
FILING_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/tiff": "tif",
}
FILING_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class OverLimit:
    """A file the Department would refuse as it is, why, and whether a copy can fix it."""

    doc: Document
    name: str  # its name in the bundle
    reason: str
    fixable: bool  # an image: a smaller JPEG copy fits
    pending_copy: Document | None  # a copy made already, waiting for its checks or review


def over_limit(doc: Document, name: str) -> OverLimit | None:
    """The file's problem with the Department's limits, if any (other images become JPEG)."""
    if doc.size <= FILING_MAX_BYTES:
        return None
    megabytes = f"{doc.size / 1024 / 1024:.1f}"
    if doc.kind == "image":
        reason = _("%(mb)s MB: over the Department's 5 MB for one file.", mb=megabytes)
        return OverLimit(doc, name, reason, True, _pending_copy(doc))
    reason = _(
        "%(mb)s MB: over the Department's 5 MB for one file. A PDF cannot be made smaller"
        " without losing what it shows: ask for a new scan at 150–200 dpi (greyscale for"
        " text), or for the document split into parts under 5 MB, each uploaded to this item.",
        mb=megabytes,
    )
    return OverLimit(doc, name, reason, False, None)


def _pending_copy(doc: Document) -> Document | None:
    copies = [d for d in doc.requirement.documents if d.copy_of_id == doc.id]
    return copies[-1] if copies else None
