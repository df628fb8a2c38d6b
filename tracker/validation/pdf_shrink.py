"""A smaller copy of a PDF whose size is in its pictures (scans): each re-encoded as a JPEG.

pypdf decodes every picture, so this runs in the isolated child, and only on a PDF
that passed its checks. Text and drawings stay as they are; a PDF whose bytes are
not in pictures does not get smaller this way (the caller says what to do instead).
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter

LONGEST_SIDE = 2000  # pixels: about 170 dpi across an A4 page, text stays legible
QUALITY = 75


def recompress_pdf(src: Path, dst: Path) -> int:
    """Write `src` to `dst` with its pictures as JPEGs of at most LONGEST_SIDE; return its size."""
    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        for picture in page.images:
            image = picture.image
            if image is None:
                continue
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
            picture.replace(image, quality=QUALITY)
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    with dst.open("wb") as out:
        writer.write(out)
    return dst.stat().st_size
