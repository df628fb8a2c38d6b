"""The bundle's index PDF: the case summary, then every item with its status and file names.

Chinese names need a CJK font: Noto Sans CJK (HK) when the system has it; without
it, characters the built-in font lacks are written as "?".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FONT_INDEX = 4  # "Noto Sans CJK HK" in the Debian collection


@dataclass(frozen=True)
class IndexLine:
    code: str
    person: str
    title: str
    status: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class IndexSummary:
    title: str
    facts: Sequence[tuple[str, str]]  # (label, value) pairs for the summary
    missing: Sequence[IndexLine]  # required items not accepted yet


def index_pdf(summary: IndexSummary, lines: Sequence[IndexLine]) -> bytes:
    """Render the index as PDF bytes."""
    pdf = _document()
    pdf.set_font(size=16)
    pdf.multi_cell(0, 9, _safe(pdf, summary.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=10)
    for label, value in summary.facts:
        pdf.multi_cell(0, 6, _safe(pdf, f"{label}: {value}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if summary.missing:
        _missing(pdf, summary.missing)
    pdf.ln(4)
    _table(pdf, lines)
    return bytes(pdf.output())


def _document() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    if CJK_FONT.exists():
        pdf.add_font("cjk", fname=str(CJK_FONT), collection_font_number=CJK_FONT_INDEX)
        pdf.set_font("cjk")
    else:
        pdf.set_font("helvetica")
    pdf.add_page()
    return pdf


def _missing(pdf: FPDF, missing: Sequence[IndexLine]) -> None:
    pdf.ln(3)
    pdf.set_text_color(180, 35, 24)
    pdf.set_font(size=12)
    heading = f"NOT READY: {len(missing)} required item(s) not accepted yet"
    pdf.multi_cell(0, 7, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(size=10)
    for line in missing:
        text = f"- {line.code} {line.person}: {line.title} ({line.status})"
        pdf.multi_cell(0, 6, _safe(pdf, text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _table(pdf: FPDF, lines: Sequence[IndexLine]) -> None:
    pdf.set_font(size=9)
    headings = FontFace(emphasis=None, fill_color=(234, 238, 242))  # no bold CJK needed
    with pdf.table(
        col_widths=(12, 30, 60, 22, 66), headings_style=headings, text_align="LEFT"
    ) as table:
        table.row(["Item", "Person", "Document", "Status", "Files"])
        for line in lines:
            files = "\n".join(line.files) or "-"
            cells = [line.code, line.person, line.title, line.status, files]
            table.row([_safe(pdf, c) for c in cells])


def _safe(pdf: FPDF, text: str) -> str:
    """Text the current font can draw: the built-in font only has Latin-1."""
    if pdf.font_family == "cjk":
        return text
    return text.encode("latin-1", "replace").decode("latin-1")
