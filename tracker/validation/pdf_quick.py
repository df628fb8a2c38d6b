"""A quick clearance of a plain PDF with qpdf (pikepdf); what it cannot clear, pdf.py judges.

The exact checks (pdf.py: pypdf, in Python) cost ~2.5 ms on a one-page text PDF, more
than reading its text. qpdf reads the same file in C++ in a third of that, but it
has no limit on LZW and expands object and cross-reference streams by itself while
opening a file. So it is only given a file it cannot expand anything in: one classic
cross-reference table, without /Prev, /XRefStm or escaped names after it (only a
cross-reference stream can place objects in an object stream).

Each test here is stricter than the exact one it stands for: a name that could mean
active content anywhere in the file (in a string too), every stream counted (reachable
or not), only plain Flate expanded, any warning from qpdf. Whenever one is in doubt
the answer is None and the exact checks decide, so a file they would refuse is never
cleared here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from tracker.validation.budget import Deadline
from tracker.validation.limits import Limits
from tracker.validation.pdf_active import ACTIONS, CHECK_EVERY, KEYS
from tracker.validation.pdf_cost import MAX_PAGE_POINTS, inflated_size

TAIL = 2048  # qpdf looks for the last startxref in the last 1054 bytes
STARTXREF = re.compile(rb"startxref\s+(\d+)\s")
TABLE_ROW = 20  # bytes per cross-reference row
# Every name pdf_active looks for (its keys and action types), as a whole name token in
# qpdf's canonical text: a feature named there is always a doubt here.
_NAMES = b"|".join(sorted(re.escape(name[1:].encode()) for name in {*KEYS, *ACTIONS}))
ACTIVE = re.compile(rb"/(?:" + _NAMES + rb")(?![^\s()<>\[\]{}/%])")
# The most Deflate can expand: 258 bytes from two bits (zlib's technical details,
# https://zlib.net/zlib_tech.html: "a maximum compression factor of 1032:1").
MAX_FLATE_RATIO = 1032


def quick_pages(path: Path, data: bytes, limits: Limits, deadline: Deadline) -> int | None:
    """The page count of the PDF at `path` (holding `data`, never changed meanwhile) if
    every exact PDF check would pass it; None when not certain."""
    if not _one_plain_table(data, limits.max_objects):
        return None
    try:
        with pikepdf.open(path, attempt_recovery=False) as pdf:  # a path: qpdf reads it itself
            pages = _cleared(pdf, limits, deadline)
            return None if pdf.get_warnings() else pages
    except Exception:  # noqa: BLE001 - whatever qpdf refuses, the exact checks name
        return None


def _one_plain_table(data: bytes, max_objects: int) -> bool:
    """True when qpdf will read one classic table and nothing it must expand."""
    tail = data[-TAIL:]
    if tail.count(b"startxref") != 1 or not (found := STARTXREF.search(tail)):
        return False
    offset = int(found.group(1))
    section = data[offset:]
    if not section.startswith(b"xref") or any(
        mark in section for mark in (b"#", b"/Prev", b"/XRefStm")
    ):
        return False
    trailer = section.find(b"trailer")
    return 0 < trailer <= TABLE_ROW * max_objects


def _cleared(pdf: pikepdf.Pdf, limits: Limits, deadline: Deadline) -> int | None:
    if pdf.is_encrypted or ACTIVE.search(pdf.trailer.unparse()):
        return None
    pages = len(pdf.pages)
    if not 0 < pages <= limits.max_pages or not all(_drawable(page) for page in pdf.pages):
        return None
    streams = []
    for count, obj in enumerate(pdf.objects):
        if count % CHECK_EVERY == 0:
            deadline.check()
        if count > limits.max_objects or not _passes(obj, limits.max_pixels):
            return None
        if isinstance(obj, pikepdf.Stream) and obj.stream_dict.get("/Subtype") != "/Image":
            streams.append(obj)
    return pages if _drawn_within(streams, limits.max_drawn_bytes) else None


def _passes(obj: pikepdf.Object, max_pixels: int) -> bool:
    """False for an object that may name active content, or an image over the limit."""
    if not isinstance(obj, pikepdf.Stream):
        return not ACTIVE.search(obj.unparse(resolved=True))
    head = obj.stream_dict
    if ACTIVE.search(head.unparse()):
        return False
    return head.get("/Subtype") != "/Image" or _pixels(head) <= max_pixels


def _drawn_within(streams: list[pikepdf.Stream], budget: int) -> bool:
    """True when the streams expand to `budget` bytes at most: by the most Flate can
    expand them when that is within it, else by inflating them (plain Flate only)."""
    raws: list[tuple[bool, bytes]] = []
    for stream in streams:
        head = stream.stream_dict
        named = head.get("/Filter")
        if "/DecodeParms" in head or named not in (None, pikepdf.Name.FlateDecode):
            return False
        raws.append((named is not None, stream.read_raw_bytes()))
    if sum(len(raw) * (MAX_FLATE_RATIO if flate else 1) for flate, raw in raws) <= budget:
        return True
    for flate, raw in raws:
        size = inflated_size(raw, budget) if flate else len(raw)
        if size is None or (budget := budget - size) < 0:
            return False
    return True


def _drawable(page: pikepdf.Page) -> bool:
    """True when the page is no larger than a real sheet (inherited box, user unit)."""
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    unit = float(page.obj.get("/UserUnit", 1))
    return max(abs(x1 - x0), abs(y1 - y0)) * unit <= MAX_PAGE_POINTS


def _pixels(head: pikepdf.Dictionary) -> int:
    width, height = head.get("/Width", 0), head.get("/Height", 0)
    return int(width) * int(height)
