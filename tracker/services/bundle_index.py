"""The bundle's index PDF: the case summary, then every item with its status and file names.

The words arrive already in the reader's language (services.bundle). Text beyond
Latin-1 (Chinese, Vietnamese names) needs WenQuanYi Micro Hei (Debian
fonts-wqy-microhei): a TrueType font, so the PDF gets an Identity-H encoding that
every reader extracts, and 5 MB to parse instead of Noto CJK's 19 MB. Without it
the index is refused, never written with "?" in place of names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from tracker.services.errors import ConflictError

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CJK_PACKAGE = "fonts-wqy-microhei"
COLUMN_WIDTHS = (13, 34, 55, 26, 62)  # mm, 190 in all: item, person, document, status, files


class IndexFontMissing(ConflictError):
    """The system lacks the font the index's text needs."""


@dataclass(frozen=True)
class IndexLine:
    code: str
    person: str
    title: str
    status: str  # the status code (`accepted` …)
    status_label: str  # the same in the reader's language
    files: tuple[str, ...]


@dataclass(frozen=True)
class IndexWords:
    """The index's own words in the reader's language."""

    columns: tuple[str, str, str, str, str]
    not_ready: str  # the heading above the missing items, when there are some


@dataclass(frozen=True)
class IndexSummary:
    title: str
    facts: Sequence[tuple[str, str]]  # (label, value) pairs for the summary
    missing: Sequence[IndexLine]  # required items not accepted yet
    words: IndexWords


def index_pdf(
    summary: IndexSummary, lines: Sequence[IndexLine], *, cjk_font: Path = CJK_FONT
) -> bytes:
    """Render the index as PDF bytes."""
    pdf = _document(_needs_cjk(_texts(summary, lines)), cjk_font)
    pdf.set_font(size=16)
    pdf.multi_cell(0, 9, summary.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=10)
    for label, value in summary.facts:
        pdf.multi_cell(0, 6, f"{label}: {value}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if summary.missing:
        _missing(pdf, summary.words.not_ready, summary.missing)
    pdf.ln(4)
    _table(pdf, summary.words.columns, lines)
    return bytes(pdf.output())


def _texts(summary: IndexSummary, lines: Sequence[IndexLine]) -> Iterable[str]:
    yield summary.title
    yield summary.words.not_ready
    yield from summary.words.columns
    for label, value in summary.facts:
        yield label + value
    for line in lines:
        yield from (line.code, line.person, line.title, line.status_label, *line.files)


def _needs_cjk(texts: Iterable[str]) -> bool:
    """Whether any text is beyond the built-in font's Latin-1."""
    return any(not text.isascii() and _beyond_latin1(text) for text in texts)


def _beyond_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return True
    return False


def _document(cjk: bool, font: Path) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    if cjk:
        if not font.is_file():
            raise IndexFontMissing(
                _(
                    "The bundle index needs the font %(font)s: install the Debian package"
                    " %(package)s (scripts/debian-packages.txt).",
                    font=str(font),
                    package=CJK_PACKAGE,
                )
            )
        pdf.add_font("cjk", fname=str(font), collection_font_number=0)
        pdf.set_font("cjk")
    else:
        pdf.set_font("helvetica")
    pdf.add_page()
    return pdf


def _missing(pdf: FPDF, heading: str, missing: Sequence[IndexLine]) -> None:
    pdf.ln(3)
    pdf.set_text_color(180, 35, 24)
    pdf.set_font(size=12)
    pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=10)
    for line in missing:
        text = f"- {line.code} {line.person}: {line.title} ({line.status_label})"
        pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _table(pdf: FPDF, columns: Sequence[str], lines: Sequence[IndexLine]) -> None:
    """Cells wrap between words; a run of CJK characters (no spaces) wraps between them."""
    pdf.set_font(size=9)
    headings = FontFace(emphasis=None, fill_color=(234, 238, 242))  # no bold CJK needed
    with pdf.table(
        col_widths=COLUMN_WIDTHS,
        headings_style=headings,
        text_align="LEFT",
        wrapmode=WrapMode.WORD,
    ) as table:
        table.row(list(columns))
        for line in lines:
            files = "\n".join(line.files) or "-"
            table.row([line.code, line.person, line.title, line.status_label, files])
