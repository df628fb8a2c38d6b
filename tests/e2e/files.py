"""Files an applicant would upload, generated: a photo, text PDFs in two languages, a fake PDF."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

ENGLISH_STATEMENT = (
    "Bank statement",
    "Account holder: Daniel Reyes",
    "Statement period: 1 January to 31 March",
    "Opening balance on the first day of the period: HKD 182,450.00",
    "Salary credited by the employer on the last working day of each month.",
    "Closing balance on the last day of the period: HKD 201,310.55",
    "This statement is issued by the bank and needs no signature.",
)

# A paragraph of an Indonesian marriage certificate (Kutipan Akta Perkawinan).
INDONESIAN_CERTIFICATE = (
    "KUTIPAN AKTA PERKAWINAN",
    "Pada hari ini, Sabtu tanggal dua belas bulan Juni tahun dua ribu lima belas,",
    "telah dilangsungkan perkawinan antara seorang laki-laki bernama Daniel Reyes,",
    "lahir di Manila, dengan seorang perempuan bernama Maria Reyes, lahir di Cebu,",
    "di hadapan Pegawai Pencatat Perkawinan pada Kantor Catatan Sipil Kota Jakarta.",
    "Perkawinan tersebut telah dicatat dalam daftar akta perkawinan yang berlaku,",
    "dan kutipan ini diberikan kepada yang bersangkutan sesuai dengan aslinya.",
    "Kepala Dinas Kependudukan dan Pencatatan Sipil, ditandatangani dan dicap.",
)

ENGLISH_TRANSLATION = (
    "CERTIFIED TRANSLATION - EXTRACT OF MARRIAGE CERTIFICATE",
    "On this day, Saturday the twelfth of June two thousand and fifteen,",
    "a marriage was solemnised between a man named Daniel Reyes, born in Manila,",
    "and a woman named Maria Reyes, born in Cebu,",
    "before the Registrar of Marriages at the Civil Registry Office of Jakarta.",
    "The marriage has been entered in the register of marriage certificates,",
    "and this extract is given to the persons concerned as a true copy.",
    "I certify that this is a true and complete translation of the original.",
)


def text_pdf(path: Path, lines: tuple[str, ...], pages: int = 1) -> Path:
    """A PDF with a real text layer, the same lines on each page."""
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def photo(path: Path, size: tuple[int, int] = (600, 750)) -> Path:
    """A colour head-and-shoulders picture on a light background (JPEG or PNG by suffix)."""
    width, height = size
    image = Image.new("RGB", size, (244, 246, 250))
    draw = ImageDraw.Draw(image)
    draw.ellipse(  # shoulders
        (width * 0.12, height * 0.68, width * 0.88, height * 1.25), fill=(30, 70, 140)
    )
    draw.rectangle((width * 0.42, height * 0.55, width * 0.58, height * 0.72), fill=(222, 170, 135))
    draw.ellipse(  # face
        (width * 0.3, height * 0.18, width * 0.7, height * 0.62), fill=(230, 180, 145)
    )
    draw.chord(  # hair
        (width * 0.28, height * 0.12, width * 0.72, height * 0.5), 180, 360, fill=(40, 30, 25)
    )
    for x in (0.42, 0.58):  # eyes
        draw.ellipse(
            (width * x - 8, height * 0.38 - 5, width * x + 8, height * 0.38 + 5), fill=(40, 30, 25)
        )
    mouth = (width * 0.43, height * 0.45, width * 0.57, height * 0.53)
    draw.arc(mouth, 20, 160, fill=(150, 60, 60), width=4)
    if path.suffix.lower() in {".jpg", ".jpeg"}:
        image.save(path, quality=90)
    else:
        image.save(path)
    return path


def html_named_pdf(path: Path) -> Path:
    """A web page saved with a .pdf name: not a PDF at all."""
    path.write_text(
        "<!doctype html><html><head><title>Passport</title></head>"
        "<body><h1>My passport</h1><p>Scan attached.</p></body></html>\n",
        encoding="utf-8",
    )
    return path
