"""Per-item acceptance rules for uploaded files, as plain frozen values.

The program data builds these; the checkers only read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Pillow's global decompression-bomb threshold (Image.MAX_IMAGE_PIXELS): no item may
# allow more pixels than this, because Pillow refuses larger images before we look.
PIXEL_CEILING = 90_000_000

KINDS = ("pdf", "image")  # the file kinds an item may accept, in display order; defined only here


@dataclass(frozen=True)
class PhotoSpec:
    """The exact specification of a photograph item (e.g. the US visa photo)."""

    formats: frozenset[str]
    square: bool
    min_side: int
    max_side: int
    max_bytes: int
    colour: bool


US_VISA_PHOTO = PhotoSpec(
    formats=frozenset({"jpeg"}),
    square=True,
    min_side=600,
    max_side=1200,
    max_bytes=240 * 1024,
    colour=True,
)


@dataclass(frozen=True)
class Limits:
    """What one checklist item accepts; the defaults are the app's."""

    accepts: frozenset[str] = field(default=frozenset(KINDS))
    max_bytes: int = 10 * 1024 * 1024
    min_width: int = 0
    min_height: int = 0
    photo: PhotoSpec | None = None
    max_pages: int = 300
    max_pixels: int = 60_000_000
    max_seconds: float = 10.0
    # PDF structure: containers walked looking for active content, and bytes any one
    # object or cross-reference stream may expand to (content streams are not expanded).
    max_objects: int = 200_000
    max_stream_bytes: int = 64 * 1024 * 1024
    # Bytes all streams but images may expand to together: pdfium expands what it draws
    # without any limit of its own. Text documents use well under a megabyte a page.
    max_drawn_bytes: int = 32 * 1024 * 1024

    def __post_init__(self) -> None:
        if not self.accepts <= frozenset(KINDS):
            raise ValueError(f"unknown kinds: {sorted(self.accepts - frozenset(KINDS))}")
        if not 0 < self.max_pixels <= PIXEL_CEILING:
            raise ValueError(f"max_pixels must be in 1..{PIXEL_CEILING}")
