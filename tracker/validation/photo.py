"""A photograph item's exact specification (e.g. the US visa photo): checked, and met.

`check_photo_spec` names every number the photo misses; `make_compliant_photo`
crops, resizes and re-encodes a photo so that it meets them; `make_smaller_jpeg`
re-encodes any image (a scan, a HEIC) as a JPEG under a byte limit.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageChops, ImageOps

from tracker.i18n import Text
from tracker.validation import terms
from tracker.validation.findings import Finding, Severity
from tracker.validation.limits import PhotoSpec
from tracker.validation.pillow_safe import format_name, open_image, untrusted

GREY_MODES = {"1", "L", "LA", "I", "I;16", "F"}
CHROMA = 24  # a pixel whose channels differ by more than this is coloured
COLOUR_SHARE = 0.01  # a colour photo has at least this share of coloured pixels
SAMPLE = (96, 96)
QUALITIES = range(95, 29, -5)
SHRINK = 0.9
SMALLEST_SIDE = 600  # a smaller copy of a scan stays legible


def check_photo_spec(
    im: Image.Image, size: tuple[int, int], nbytes: int, spec: PhotoSpec
) -> Iterator[Finding]:
    """Refuse a photo that misses its specification, naming each number."""
    problems = [
        *_format_problem(im, spec),
        *_pixel_problem(size, spec),
        *_bytes_problem(nbytes, spec),
        *_colour_problem(im, spec),
    ]
    if problems:
        yield Finding.make(
            "photo_spec",
            Severity.ERROR,
            problems=terms.join(problems, clauses=True),
            spec=terms.photo_spec(spec),
        )


def _format_problem(im: Image.Image, spec: PhotoSpec) -> Iterator[Text]:
    if format_name(im) not in spec.formats:
        yield terms.photo_is(terms.plain((im.format or "?").upper()))


def _pixel_problem(size: tuple[int, int], spec: PhotoSpec) -> Iterator[Text]:
    width, height = size
    in_range = all(spec.min_side <= side <= spec.max_side for side in size)
    if not in_range or (spec.square and width != height):
        yield terms.photo_is(terms.pixels(width, height))


def _bytes_problem(nbytes: int, spec: PhotoSpec) -> Iterator[Text]:
    if nbytes > spec.max_bytes:
        found, _ = terms.compared_bytes(nbytes, spec.max_bytes)
        yield terms.photo_is(terms.plain(found))


def _colour_problem(im: Image.Image, spec: PhotoSpec) -> Iterator[Text]:
    if spec.colour and not is_colour(im):
        yield terms.IS_GREY


def is_colour(im: Image.Image) -> bool:
    """True when a visible share of the pixels has colour, whatever the image mode."""
    if im.mode in GREY_MODES:
        return False
    sample = im.convert("RGB")
    sample.thumbnail(SAMPLE)
    red, green, blue = sample.split()
    spread = ImageChops.lighter(
        ImageChops.difference(red, green), ImageChops.difference(green, blue)
    )
    coloured = sum(spread.histogram()[CHROMA + 1 :])
    return coloured > COLOUR_SHARE * sample.width * sample.height


def make_compliant_photo(src: Path, dst: Path, spec: PhotoSpec) -> None:
    """Write `src` to `dst` as a JPEG meeting `spec`: upright, cropped, resized, compressed.

    Raises ValueError when no quality and size in range fits the byte limit, and
    whatever Pillow raises when `src` is not a readable image (validate it first).
    """
    with untrusted(), open_image(src) as im:
        photo = ImageOps.exif_transpose(im).convert("RGB")
    if spec.square:
        photo = ImageOps.fit(photo, (min(photo.size),) * 2, Image.Resampling.LANCZOS)
    photo = _fit_sides(photo, spec.min_side, spec.max_side)
    dst.write_bytes(_encode_under(photo, spec.max_bytes, spec.min_side))


def make_smaller_jpeg(src: Path, max_bytes: int) -> bytes:
    """`src` as an upright RGB JPEG without metadata of at most `max_bytes`.

    The quality goes down first, then the size, never below SMALLEST_SIDE pixels
    (ValueError then); whatever Pillow raises when `src` is not a readable image.
    """
    with untrusted(), open_image(src) as im:
        upright = ImageOps.exif_transpose(im).convert("RGB")
    return _encode_under(upright, max_bytes, min(SMALLEST_SIDE, *upright.size))


def _fit_sides(photo: Image.Image, low: int, high: int) -> Image.Image:
    if max(photo.size) > high:
        return _scale(photo, high / max(photo.size))
    if min(photo.size) < low:
        return _scale(photo, low / min(photo.size))
    return photo


def _encode_under(photo: Image.Image, max_bytes: int, min_side: int) -> bytes:
    # Lower the quality first, then the size, never below the smallest side allowed.
    while min(photo.size) >= min_side:
        for quality in QUALITIES:
            if len(data := _jpeg(photo, quality)) <= max_bytes:
                return data
        photo = _scale(photo, SHRINK)
    raise ValueError(f"cannot fit the image into {max_bytes} bytes")


def _scale(photo: Image.Image, factor: float) -> Image.Image:
    size = (round(photo.width * factor), round(photo.height * factor))
    return photo.resize(size, Image.Resampling.LANCZOS)


def _jpeg(photo: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
