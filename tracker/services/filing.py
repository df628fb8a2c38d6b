"""What the Department takes (hk_dependant spec §5): JPEG, PDF, GIF, PNG or TIF, 5 MB a file.

Judges each file the bundle would hold; the bundle page lists those over the
limits with a one-click smaller copy (services.compliant_copies) and, for a PDF,
what to ask for when re-encoding its pictures is not enough.
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
    """A file the Department would refuse as it is, why, and a copy made of it already."""

    doc: Document
    name: str  # its name in the bundle
    reason: str
    pending_copy: Document | None  # a copy made already, waiting for its checks or review


def over_limit(doc: Document, name: str) -> OverLimit | None:
    """The file's problem with the Department's limits, if any (other images become JPEG)."""
    if doc.size <= FILING_MAX_BYTES:
        return None
    megabytes = f"{doc.size / 1024 / 1024:.1f}"
    if doc.kind == "image":
        reason = _("%(mb)s MB: over the Department's 5 MB for one file.", mb=megabytes)
    else:
        reason = _(
            "%(mb)s MB: over the Department's 5 MB for one file. A PDF cannot be made smaller"
            " without losing detail: the copy re-encodes the scanned pictures inside it (its"
            " text stays as it is). If that is not enough, ask for a new scan at 150–200 dpi"
            " (greyscale for text), or for the document split into parts under 5 MB.",
            mb=megabytes,
        )
    return OverLimit(doc, name, reason, _pending_copy(doc))


def _pending_copy(doc: Document) -> Document | None:
    copies = [d for d in doc.requirement.documents if d.copy_of_id == doc.id]
    return copies[-1] if copies else None
