"""The real type of a file, told by its content with libmagic, never by its name.

A table maps each accepted MIME type to its kind, format and usual extensions;
the checkers here are the pipeline's type gate.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

import magic

from tracker.validation import terms
from tracker.validation.findings import Finding, Severity
from tracker.validation.limits import KINDS


@dataclass(frozen=True)
class FileType:
    """An accepted content type: its kind, format name and usual extensions."""

    kind: str
    format: str
    extensions: frozenset[str]


# The Department accepts PDF, JPEG, PNG, GIF and TIFF; phones send HEIC. WebP, BMP,
# AVIF and SVG are refused: the Department cannot open them (SVG can carry script).
ACCEPTED: dict[str, FileType] = {
    "application/pdf": FileType("pdf", "pdf", frozenset({"pdf"})),
    "image/jpeg": FileType("image", "jpeg", frozenset({"jpg", "jpeg", "jpe", "jfif"})),
    "image/png": FileType("image", "png", frozenset({"png"})),
    "image/heic": FileType("image", "heif", frozenset({"heic", "heif", "hif"})),
    "image/heif": FileType("image", "heif", frozenset({"heic", "heif", "hif"})),
    "image/gif": FileType("image", "gif", frozenset({"gif"})),
    "image/tiff": FileType("image", "tiff", frozenset({"tif", "tiff"})),
}

# Extensions that claim an accepted type: such a name on other content is a disguise.
CLAIMED = frozenset(e for t in ACCEPTED.values() for e in t.extensions)


@dataclass(frozen=True)
class Sniffed:
    """What the content says the file is."""

    mime: str
    type: FileType | None

    @property
    def kind(self) -> str | None:
        return self.type.kind if self.type else None


def sniff(path: Path) -> Sniffed:
    """Tell the file's MIME type from its first bytes."""
    try:
        mime = magic.from_file(str(path), mime=True)
    except magic.MagicException:
        mime = "application/octet-stream"
    return Sniffed(mime, ACCEPTED.get(mime))


def extension(name: str) -> str:
    """Return the lower-case extension of a client's file name, without the dot."""
    return PurePath(name).suffix.lower().lstrip(".")


def extension_fits(name: str, sniffed: Sniffed) -> bool:
    """True unless the name ends in a type's extension that the content contradicts."""
    ext = extension(name)
    if not ext or not names_a_type(ext):
        return True  # "Passport J.Smith" has no extension worth a warning
    if sniffed.type:
        return ext in sniffed.type.extensions
    known = {e.lstrip(".") for e in mimetypes.guess_all_extensions(sniffed.mime)}
    return ext not in CLAIMED and (not known or ext in known)


def names_a_type(ext: str) -> bool:
    """True when an extension stands for a file type (pdf, jpg, docx …)."""
    return ext in CLAIMED or mimetypes.guess_type(f"x.{ext}")[0] is not None


def check_type(sniffed: Sniffed, accepts: frozenset[str]) -> Iterator[Finding]:
    """Refuse content whose real type is not among the item's accepted kinds."""
    if sniffed.kind not in accepts:
        allowed = terms.ALLOWED.get(accepts, terms.ALLOWED[frozenset(KINDS)])
        found = terms.type_name(sniffed.mime)
        yield Finding.make("type_not_allowed", Severity.ERROR, found=found, allowed=allowed)


def check_extension(name: str, sniffed: Sniffed) -> Iterator[Finding]:
    """Warn when the file name's extension contradicts the content."""
    if not extension_fits(name, sniffed):
        found = terms.type_name(sniffed.mime)
        yield Finding.make(
            "extension_mismatch", Severity.WARNING, extension=extension(name), found=found
        )
