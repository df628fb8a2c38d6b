"""Pillow set up for untrusted images: the HEIC/HEIF opener, the decompression-bomb
ceiling, the accepted formats, and the size a viewer shows after EXIF orientation.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from PIL import Image

from tracker.validation.limits import PIXEL_CEILING

# Pillow's names for the accepted image types; MPO is how it opens a multi-picture JPEG.
FORMATS = ("JPEG", "PNG", "HEIF", "GIF", "TIFF")
FORMAT_NAMES = {"MPO": "jpeg", "JPEG": "jpeg", "PNG": "png", "HEIF": "heif"}
ORIENTATION = 0x0112
GPS_IFD = 0x8825
TURNED = {5, 6, 7, 8}  # orientations that swap width and height


@cache
def _configure() -> None:
    # Import and register only when an image is first opened: pillow-heif is heavy.
    from pillow_heif import register_heif_opener

    register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
    Image.MAX_IMAGE_PIXELS = PIXEL_CEILING


@contextmanager
def untrusted() -> Iterator[None]:
    """Make a decompression bomb an error and silence Pillow's notes on damaged metadata."""
    with warnings.catch_warnings():
        # Damaged metadata is judged by decoding the pixels, not by Pillow's UserWarnings.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield


def open_image(path: Path) -> Image.Image:
    """Open an accepted image lazily (header only); call inside `untrusted()`."""
    _configure()
    return Image.open(path, formats=FORMATS)


def format_name(im: Image.Image) -> str:
    """Name the image's format the way PhotoSpec.formats does: jpeg, png, heif …"""
    fmt = im.format or ""
    return FORMAT_NAMES.get(fmt, fmt.lower())


def oriented_size(im: Image.Image) -> tuple[int, int]:
    """Return width and height as shown once the EXIF orientation is applied."""
    try:
        orientation = im.getexif().get(ORIENTATION, 1)
    except Exception:  # unreadable EXIF: show the pixels as stored
        orientation = 1
    width, height = im.size
    return (height, width) if orientation in TURNED else (width, height)
