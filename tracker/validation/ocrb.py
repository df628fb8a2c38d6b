"""Read OCR-B lines of fixed pitch by matching each character cell against the font's glyphs.

ICAO 9303 prints every MRZ in OCR-B at a fixed pitch, so the zone needs no general OCR:
cut each line into its cells and take the glyph (rendered from Debian's `fonts-ocr-b`)
whose shape correlates best. Tesseract's English model reads `<` as K, E or X and
miscounts runs of them; cells never miscount.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

OCRB_FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
CELL = (16, 24)  # width, height every cell and glyph is compared at
SHIFTS = np.array([-0.06, 0.0, 0.06])  # shares of the pitch a cell may sit off its place
# Pitch stretches and first-cell shifts (shares of the pitch) tried: coarse, then fine.
COARSE = (np.linspace(-0.012, 0.012, 7), np.linspace(-0.1, 0.1, 3))
FINE = (np.linspace(-0.002, 0.002, 3), np.linspace(-0.04, 0.04, 3))
SAMPLE_EVERY = 4  # cells sampled to fit the grid
INK = 50  # contrast (grey levels) that counts as ink


@dataclass(frozen=True)
class Line:
    """One line of the zone: its rows and the columns from the first ink to the last."""

    top: int
    bottom: int
    left: int
    right: int


@dataclass(frozen=True)
class Grid:
    """Where the cells of a line are: the first one's left edge, the pitch, and how well it fits."""

    origin: float
    pitch: float
    score: float


@dataclass(frozen=True)
class Reading:
    """A line as read: the best glyph of each cell, its score, and the runner-up."""

    text: str
    scores: tuple[float, ...]
    second: str  # the next-best glyph of each cell
    margins: tuple[float, ...]  # how much better the best glyph matched than the second

    @property
    def score(self) -> float:
        return float(np.mean(self.scores))


def read_line(contrast: np.ndarray, line: Line, grid: Grid, width: int) -> Reading:
    """Read `width` characters of a line, cell by cell, along the grid."""
    glyphs = glyph_matrix()
    cells = []
    for index in range(width):
        scores = _best_cell(contrast, line, grid.origin + index * grid.pitch, grid.pitch, glyphs)
        order = np.argsort(scores)[::-1]
        cells.append(
            (
                CHARSET[order[0]],
                scores[order[0]],
                CHARSET[order[1]],
                scores[order[0]] - scores[order[1]],
            )
        )
    text, best, second, margins = zip(*cells, strict=True)
    return Reading(
        "".join(text), tuple(map(float, best)), "".join(second), tuple(map(float, margins))
    )


def fit_grid(contrast: np.ndarray, line: Line, width: int) -> Grid:
    """The cell grid (first cell's left edge, pitch) that makes a sample of cells match best.

    The ends of the line give both to within a few per cent, but a pitch 0.5 % off puts
    the last cells of a 44-character line a quarter of a cell astray: search coarse, then
    fine, around the estimate.
    """
    lead, slack = _bearings()
    pitch = (line.right - line.left) / (width - slack)
    best = Grid(line.left - lead * pitch, pitch, -1.0)
    for stretches, shifts in (COARSE, FINE):
        base = best
        for stretch in stretches:
            for shift in shifts:
                grid = Grid(base.origin + shift * base.pitch, base.pitch * (1 + stretch), 0.0)
                grid = Grid(grid.origin, grid.pitch, _sample_score(contrast, line, width, grid))
                best = max(best, grid, key=lambda g: g.score)
    return best


def _sample_score(contrast: np.ndarray, line: Line, width: int, grid: Grid) -> float:
    glyphs = glyph_matrix()
    cells = range(0, width, SAMPLE_EVERY)
    total = sum(
        float((glyphs @ _cell(contrast, line, grid.origin + i * grid.pitch, grid.pitch)).max())
        for i in cells
    )
    return total / len(cells)


@cache
def _bearings() -> tuple[float, float]:
    """Blank space before a glyph, and before plus after, as shares of the pitch (averages)."""
    font = ImageFont.truetype(str(OCRB_FONT), 200)
    pitch = font.getlength("<")
    boxes = [_glyph(ch, font).getbbox() or (0, 0, 0, 0) for ch in CHARSET]
    lead = float(np.mean([box[0] for box in boxes])) / pitch
    tail = float(np.mean([pitch - box[2] for box in boxes])) / pitch
    return lead, lead + tail


def _glyph(ch: str, font: ImageFont.FreeTypeFont) -> Image.Image:
    """One character drawn white on black in a cell as wide as the pitch."""
    canvas = Image.new("L", (round(font.getlength(ch)), round(font.size * 1.2)), 0)
    ImageDraw.Draw(canvas).text((0, 0), ch, font=font, fill=255)
    return canvas


def _best_cell(
    contrast: np.ndarray, line: Line, start: float, pitch: float, glyphs: np.ndarray
) -> np.ndarray:
    """Every glyph's score at the place near `start` where one matches best."""
    tries = [glyphs @ _cell(contrast, line, start + shift, pitch) for shift in SHIFTS * pitch]
    return max(tries, key=lambda scores: float(scores.max()))


def _cell(contrast: np.ndarray, line: Line, start: float, pitch: float) -> np.ndarray:
    left = max(0, round(start))
    right = min(contrast.shape[1], max(left + 1, round(start + pitch)))
    return _shape(contrast[line.top : line.bottom, left:right], INK)


def _shape(ink: np.ndarray, threshold: float) -> np.ndarray:
    """A cell cut to its inked rows, resized to CELL and normalised for correlation."""
    rows = np.flatnonzero((ink > threshold).any(axis=1))
    if not len(rows):
        return np.zeros(CELL[0] * CELL[1])
    patch = np.clip(ink[rows[0] : rows[-1] + 1], 0, 255)
    height, width = patch.shape
    values = _resampler(height, CELL[1]) @ patch @ _resampler(width, CELL[0]).T
    flat: np.ndarray = values.ravel() - values.mean()
    norm = float(np.linalg.norm(flat))
    return flat / norm if norm else flat


@cache
def _resampler(size: int, out: int) -> np.ndarray:
    """The (out, size) matrix that resizes a row of `size` samples to `out` (triangle filter).

    What Pillow's BILINEAR resize computes, as one matrix product: ~2000 cells a page
    cost a tenth of the time they took through Pillow images.
    """
    scale = size / out
    support = max(scale, 1.0)
    centres = (np.arange(out) + 0.5) * scale
    weights = 1.0 - np.abs((np.arange(size)[None, :] + 0.5 - centres[:, None]) / support)
    weights = np.clip(weights, 0.0, None)
    totals = weights.sum(axis=1, keepdims=True)
    return weights / np.where(totals > 0, totals, 1.0)


@cache
def glyph_matrix() -> np.ndarray:
    """Every character's glyph as a normalised row, cut like a cell."""
    font = ImageFont.truetype(str(OCRB_FONT), 200)
    return np.stack([_shape(np.asarray(_glyph(ch, font), dtype=np.float64), 127) for ch in CHARSET])
