"""Image checks with Pillow: opens, within the pixel limit, fully decodes, big enough.

Width and height are reported as a viewer shows them, after EXIF orientation. The
photo helpers that write images live in `location` and `photo`; they are re-exported
here for callers that treat images as one subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from PIL import Image

from tracker.validation.budget import Deadline
from tracker.validation.findings import Finding, Severity
from tracker.validation.inspection import Inspection
from tracker.validation.limits import PIXEL_CEILING, Limits
from tracker.validation.location import strip_location
from tracker.validation.photo import check_photo_spec, make_compliant_photo
from tracker.validation.pillow_safe import open_image, oriented_size, untrusted

__all__ = ["inspect_image", "make_compliant_photo", "strip_location"]

BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")


def inspect_image(path: Path, limits: Limits, deadline: Deadline) -> Inspection:
    """Run the image checks; an image that cannot be opened or decoded stops the rest."""
    with untrusted():
        try:
            with open_image(path) as im:
                return _inspect(im, path, limits)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            return Inspection((too_many_pixels(_bomb_pixels(exc), limits.max_pixels),))
        except Exception:  # Pillow raises many kinds of error on a damaged header
            return Inspection((Finding.make("image_unreadable", Severity.ERROR),))


def _inspect(im: Image.Image, path: Path, limits: Limits) -> Inspection:
    if found := tuple(check_image_pixels(im.width * im.height, limits.max_pixels)):
        return Inspection(found, width=im.width, height=im.height)
    if found := tuple(check_image_decodes(im)):
        return Inspection(found)
    width, height = oriented_size(im)  # after decoding: Pillow turns TIFF upright on load
    found += tuple(check_image_size(width, height, limits))
    if limits.photo is not None:
        found += tuple(check_photo_spec(im, (width, height), path.stat().st_size, limits.photo))
    return Inspection(found, width=width, height=height)


def check_image_pixels(pixels: int, max_pixels: int) -> Iterator[Finding]:
    """Refuse an image over the pixel limit before decoding it."""
    if pixels > max_pixels:
        yield too_many_pixels(pixels, max_pixels)


def check_image_decodes(im: Image.Image) -> Iterator[Finding]:
    """Decode every pixel: only a full load catches a truncated or damaged image."""
    try:
        im.load()
    except Exception:  # truncated data, bad Huffman tables, broken HEIF boxes …
        yield Finding.make("image_unreadable", Severity.ERROR)


def check_image_size(width: int, height: int, limits: Limits) -> Iterator[Finding]:
    """Refuse an image smaller than the item's minimum width or height."""
    if width < limits.min_width or height < limits.min_height:
        yield Finding.make(
            "image_too_small",
            Severity.ERROR,
            width=width,
            height=height,
            min_width=limits.min_width,
            min_height=limits.min_height,
        )


def too_many_pixels(pixels: int, limit: int) -> Finding:
    """The finding for an image over the pixel limit, in megapixels."""
    return Finding.make(
        "image_too_many_pixels",
        Severity.ERROR,
        megapixels=f"{pixels / 1e6:.1f}",
        limit=f"{limit / 1e6:g}",
    )


def _bomb_pixels(exc: Exception) -> int:
    # Pillow refused before we saw the size; its message carries the pixel count.
    match = BOMB_PIXELS.search(str(exc))
    return int(match[1]) if match else PIXEL_CEILING + 1
