"""Find the machine-readable zone on a page image: turned upright, cut out, scaled.

The page's ink is found against its local background (uneven light evened out), the
page turned upright (a quarter turn and a few degrees of tilt) by the sharpness of its
text lines, and the zone found as two or three long lines of equal length, one above
the other. Pure Pillow and numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageFilter

WORK_SIDE = 1000  # pixels of the longer side of the copy the zone is looked for in
BLANK = 245  # grey levels at least this light are blank paper around the document
INK_CONTRAST = 50  # grey levels darker than the background that count as ink
ANGLES = tuple(a / 2 for a in range(-16, 17))  # tilts tried, in degrees
MIN_RUN_SHARE = 0.1  # an MRZ line spans at least this share of the page's width (a card on A4)
MIN_RUN_RATIO = 14  # and is this many times longer than it is high
MIN_ROW_INK = 0.02  # share of a row that must be ink for it to belong to a text line
CHAR_HEIGHT = 34  # pixels: the height of a character in the crops handed on
MAX_ZONES = 3  # candidate zones per page, most MRZ-like first
MAX_ANGLES = 3  # tilts tried in turn until one shows a zone


@dataclass(frozen=True)
class Band:
    """A run of rows of the upright working copy holding one long text line."""

    top: int
    bottom: int
    left: int
    right: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def length(self) -> int:
        return self.right - self.left


def zone_crops(img: Image.Image) -> list[Image.Image]:
    """Crops of the likeliest zones of a page, upright (or upside down: a reader turns them)."""
    grey = _content(img.convert("L"))
    scale = WORK_SIDE / max(grey.size)
    work = ink(grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))))
    for angle in _upright_angles(work):
        zones = _zones(np.asarray(work.rotate(angle, expand=True)) > 0)[:MAX_ZONES]
        if zones:
            upright = grey.rotate(
                angle, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=255
            )
            return [_crop(upright, scale, zone) for zone in zones]
    return []


def _content(grey: Image.Image) -> Image.Image:
    """The page cut to what is printed or photographed on it, blank margins left out.

    A card photographed and saved as an A4 PDF fills a corner of the page: in a working
    copy of the whole page its zone's lines would be 3 pixels high and run together.
    """
    small = grey.reduce(4) if min(grey.size) >= 40 else grey
    box = small.point(lambda v: 255 if v < BLANK else 0).getbbox()
    if box is None:
        return grey
    factor = grey.width / small.width
    # Within the page (a box rounded beyond it would add a black edge, a straight line).
    left, top, right, bottom = (round(c * factor) for c in box)
    return grey.crop((left, top, min(right, grey.width), min(bottom, grey.height)))


def ink(grey: Image.Image) -> Image.Image:
    """Dark marks against the local background (uneven light evened out): 255 ink, 0 not."""
    return contrast(grey).point(lambda v: 255 if v > INK_CONTRAST else 0)


def contrast(grey: Image.Image) -> Image.Image:
    """How much darker each pixel is than its neighbourhood's background."""
    small = grey.reduce(4) if min(grey.size) >= 40 else grey
    background = small.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(2))
    return ImageChops.subtract(background.resize(grey.size, Image.Resampling.BILINEAR), grey)


def _upright_angles(ink: Image.Image) -> list[float]:
    """The turns (degrees, counter-clockwise) likeliest to make the text lines horizontal.

    The best few peaks of line sharpness, best first: the straight edge of a photo
    pasted into a PDF can outscore the tilted text on it.
    """
    small = ink.reduce(2)
    turns = [q + a for q in (0, 90) for a in ANGLES]
    sharpness = [_line_sharpness(small.rotate(t, expand=True)) for t in turns]
    peaks = [
        (sharpness[i], turns[i])
        for i in range(len(turns))
        if sharpness[i] >= max(sharpness[max(i - 1, 0) : i + 2])
    ]
    return [turn for _, turn in sorted(peaks, reverse=True)[:MAX_ANGLES]]


def _line_sharpness(ink: Image.Image) -> float:
    """How sharply rows alternate between ink and none: highest with level text lines."""
    rows = np.asarray(ink, dtype=np.float64).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def _zones(ink: np.ndarray) -> list[list[Band]]:
    """Groups of two or three long lines of equal length, one above the other."""
    bands = _bands(ink)
    zones = []
    for size in (3, 2):
        for i in range(len(bands) - size + 1):
            group = bands[i : i + size]
            if _even(group):
                zones.append(group)
    return sorted(zones, key=lambda z: (-len(z) * min(b.length for b in z), -z[0].top))


def _bands(ink: np.ndarray) -> list[Band]:
    """Text lines (runs of rows with ink) whose characters join into one long run."""
    inked = ink.sum(axis=1) >= MIN_ROW_INK * ink.shape[1]
    bands = []
    for top, bottom in runs(inked):
        height = bottom - top
        columns = _smear(np.asarray(ink[top:bottom].any(axis=0)), max(3, height))
        left, right = max(runs(columns), key=lambda r: r[1] - r[0], default=(0, 0))
        long = right - left >= max(MIN_RUN_SHARE * ink.shape[1], MIN_RUN_RATIO * height)
        if long and height >= 3:
            bands.append(Band(top, bottom, left, right))
    return bands


def _smear(columns: np.ndarray, width: int) -> np.ndarray:
    """Join the characters of a line: any ink within `width` columns counts."""
    out = columns.copy()
    for shift in range(1, width):
        out[shift:] |= columns[:-shift]
    return out


def runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """The [start, end) stretches where `flags` is true."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def _even(group: list[Band]) -> bool:
    """Lines of an MRZ: same length and start, same height, close together."""
    lengths = [b.length for b in group]
    heights = [b.height for b in group]
    gaps = [b.top - a.bottom for a, b in zip(group, group[1:], strict=False)]
    return (
        max(lengths) <= 1.15 * min(lengths)
        and max(heights) <= 2 * min(heights)
        and all(0 <= g <= 2.5 * max(heights) for g in gaps)
        and max(b.left for b in group) - min(b.left for b in group) <= 0.1 * max(lengths)
    )


def _crop(upright: Image.Image, scale: float, zone: list[Band]) -> Image.Image:
    """Cut the zone out of the full-resolution upright page, scaled to CHAR_HEIGHT."""
    height = max(b.height for b in zone)
    margin = height
    left, top = min(b.left for b in zone) - margin, zone[0].top - margin
    right, bottom = max(b.right for b in zone) + margin, zone[-1].bottom + margin
    # Within the page: Pillow fills what lies beyond it black, which would read as ink.
    box = (
        max(0, left),
        max(0, top),
        min(right, upright.width * scale),
        min(bottom, upright.height * scale),
    )
    crop = upright.crop(tuple(c / scale for c in box))  # type: ignore[arg-type]
    factor = CHAR_HEIGHT / (height / scale)
    size = (max(1, round(crop.width * factor)), max(1, round(crop.height * factor)))
    return crop.resize(size, Image.Resampling.LANCZOS)
