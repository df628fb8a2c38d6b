"""Read the machine-readable zone of a travel document (PDF or image), and say what it means.

Each zone the page shows (tracker/validation/mrz_zone.py) is read cell by cell in OCR-B
(tracker/validation/ocrb.py), both ways up, as the layouts its line count allows, and
parsed with its check digits (tracker/validation/icao.py). pdfium renders a PDF's
pages, so `read_mrz` runs in the isolated child process.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import numpy as np
from PIL import Image

from tracker.i18n import Text
from tracker.validation import ocr, ocrb
from tracker.validation.findings import Finding, Severity
from tracker.validation.icao import Mrz, parse_zone
from tracker.validation.mrz_zone import INK_CONTRAST, MIN_ROW_INK, contrast, runs, zone_crops

MAX_PDF_PAGES = 3  # the data page is the first, or close to it
MIN_LINE_SHARE = 0.8  # of the longest line's length, that a zone line spans
MIN_SCORE = 0.6  # mean glyph match below which a crop holds no MRZ (upside down, or text)
MAX_DOUBTS = 8  # hesitant cells whose runner-up glyph may be tried
DOUBT_MARGIN = 0.08  # a cell is hesitant when its two best glyphs score this close
WIDTHS = {3: (30,), 2: (44, 36)}  # characters a line, by the number of lines (ICAO 9303)
# The fields a check digit guards, as the mrz_checksum message names them.
CHECKED_FIELDS = {
    "document_number": ("document number", "證件號碼", "证件号码"),
    "birth_date": ("date of birth", "出生日期", "出生日期"),
    "expiry_date": ("date of expiry", "屆滿日期", "届满日期"),
    "optional_data": ("optional data", "備用資料", "备用资料"),
    "composite": ("overall check digit", "總校驗數字", "总校验数字"),
}


def read_mrz(path: Path, kind: str) -> Mrz | None:
    """Read the first page's MRZ that passes its checks, else the best one read, else None."""
    best: Mrz | None = None
    for page in _pages(path, kind):
        found = read_page(page)
        if found is not None and found.checksums_ok:
            return found
        best = best or found
    return best


def mrz_findings(reading: Mrz | None) -> list[Finding]:
    """What a travel document's zone says for the applicant: unreadable, or failing checks."""
    if reading is None:
        return [Finding.make("mrz_unreadable", Severity.WARNING)]
    if not reading.checksums_ok:
        names = [CHECKED_FIELDS[name] for name in reading.failed]
        fields = Text(*(sep.join(n[i] for n in names) for i, sep in enumerate((", ", "、", "、"))))
        return [Finding.make("mrz_checksum", Severity.ERROR, fields=fields)]
    return []


def read_page(img: Image.Image) -> Mrz | None:
    """Read the MRZ of one page image, whatever its quarter turn and tilt."""
    best: Mrz | None = None
    for crop in zone_crops(img):
        for turned in (crop, crop.rotate(180)):
            found = _read_crop(turned)
            if found is not None and found.checksums_ok:
                return found
            best = best or found
    return best


def _pages(path: Path, kind: str) -> Iterator[Image.Image]:
    if kind != "pdf":
        yield from ocr.load_pages(path)
        return
    from tracker.validation.pdf_pages import PdfText

    with PdfText(path) as pdf:
        for index in range(min(len(pdf), MAX_PDF_PAGES)):
            yield pdf.image(index)


def _read_crop(crop: Image.Image) -> Mrz | None:
    """Read the zone in a crop: its lines, cut into the cells of the first layout that checks."""
    shade = np.asarray(contrast(crop), dtype=np.float64)
    lines = _lines(shade > INK_CONTRAST)
    best: tuple[float, Mrz | None] = (MIN_SCORE, None)
    for width in WIDTHS.get(len(lines), ()):
        longest = max(lines, key=lambda line: line.right - line.left)
        grid = ocrb.fit_grid(shade, longest, width)
        if grid.score < MIN_SCORE:
            continue
        read = [ocrb.read_line(shade, line, grid, width) for line in lines]
        found = _checked(read)
        if found is not None and found.checksums_ok:
            return found
        score = min(r.score for r in read)
        if found is not None and score > best[0]:
            best = (score, found)
    return best[1]


def _checked(read: list[ocrb.Reading]) -> Mrz | None:
    """Parse the lines; if a check fails, try the runner-up glyph where the reader hesitated.

    Only cells whose best and second glyphs matched almost equally are tried, at most two
    at once, and the result must pass every check digit, the composite included: a
    cleanly printed wrong digit (a tampered page) is never "repaired".
    """
    texts = [r.text for r in read]
    found = parse_zone(texts)
    if found is None or found.checksums_ok:
        return found
    doubtful = sorted(
        ((r.margins[i], n, i) for n, r in enumerate(read) for i in range(len(r.text))),
    )
    spots = [(n, i) for margin, n, i in doubtful[:MAX_DOUBTS] if margin < DOUBT_MARGIN]
    for count in (1, 2):
        for combo in combinations(spots, count):
            trial = list(texts)
            for n, i in combo:
                trial[n] = trial[n][:i] + read[n].second[i] + trial[n][i + 1 :]
            repaired = parse_zone(trial)
            if repaired is not None and repaired.checksums_ok:
                return repaired
    return found


def _lines(ink: np.ndarray) -> list[ocrb.Line]:
    """The crop's text lines, from their first ink column to their last.

    Every line of a zone has the same number of characters: a shorter run of ink (the
    edge of the photo above a card's zone) is not one of them.
    """
    lines = []
    for top, bottom in runs(ink.sum(axis=1) >= MIN_ROW_INK * ink.shape[1]):
        columns = np.flatnonzero(ink[top:bottom].any(axis=0))
        if bottom - top >= 3:
            lines.append(ocrb.Line(top, bottom, int(columns[0]), int(columns[-1]) + 1))
    longest = max((line.right - line.left for line in lines), default=0)
    return [line for line in lines if line.right - line.left >= MIN_LINE_SHARE * longest]
