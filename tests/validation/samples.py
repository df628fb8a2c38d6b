"""Sample files for the validation tests and benchmark, generated on the spot.

Each function returns the file's bytes: good documents and photos, and broken,
hostile or disguised ones, made with fpdf2, pypdf, Pillow and pillow-heif or by
hand where a library will not write something that wrong.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import Any

from fpdf import FPDF
from PIL import Image, ImageDraw
from pillow_heif import register_heif_opener
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from tracker.validation.limits import US_VISA_PHOTO
from tracker.validation.pipeline import FileReport

LOREM = (
    "This is to certify that the persons named below were married at the "
    "registry office on the date shown, in the presence of the witnesses. "
)


# --- PDF -------------------------------------------------------------------


def text_pdf(pages: int = 1, lines: int = 30) -> bytes:
    """A text PDF, as exported by a word processor."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {number + 1}. " + LOREM * (lines // 3))
    return bytes(pdf.output())


def scan_pdf(pages: int = 1, dpi: int = 150) -> bytes:
    """An image-only PDF, as a scanner writes it: a different greyscale JPEG per A4 page."""
    size = (round(8.27 * dpi), round(11.69 * dpi))
    pdf = FPDF()
    for number in range(pages):
        page = picture(*size, mode="L", text=True, shift=number)
        pdf.add_page()
        pdf.image(io.BytesIO(encoded(page, "JPEG", quality=75)), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def pypdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password: str, owner_password: str = "owner") -> bytes:
    """A text PDF protected with AES-256; an empty user password opens it for reading."""
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(user_password, owner_password, algorithm="AES-256")
    return pypdf_bytes(writer)


def javascript_pdf() -> bytes:
    """A text PDF that runs JavaScript when opened."""
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.add_open_action(JavaScript("app.alert('hello');"))
    return pypdf_bytes(writer)


def attachment_pdf() -> bytes:
    """A text PDF carrying an embedded file."""
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.add_attachment("payload.exe", b"MZ" + bytes(100))
    return pypdf_bytes(writer)


def no_pages_pdf() -> bytes:
    """A well-formed PDF with an empty page tree."""
    return pypdf_bytes(PdfWriter())


def raw_pdf(objects: Sequence[bytes], *, root: int = 1) -> bytes:
    """Write numbered objects with a correct cross-reference table, by hand."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def launch_pdf() -> bytes:
    """A PDF whose open action starts a program."""
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    launch = b"<< /Type /Action /S /Launch /F (calc.exe) >>"
    return raw_pdf([catalog, PAGES, PAGE, launch])


def lying_count_pdf(count: int = 10**9) -> bytes:
    """One real page under a page tree that claims `count`."""
    pages = b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", pages, PAGE])


def many_objects_pdf(count: int) -> bytes:
    """A one-page PDF whose catalog holds an array of `count` small dictionaries."""
    extra = b"[" + b" ".join(b"<< /N %d >>" % n for n in range(count)) + b"]"
    catalog = b"<< /Type /Catalog /Pages 2 0 R /Extra %b >>" % extra
    return raw_pdf([catalog, PAGES, PAGE])


def object_stream_bomb_pdf(expand_to: int) -> bytes:
    """A PDF whose catalog sits in an object stream that inflates to `expand_to` bytes."""
    header = b"1 0 "
    content = header + b"<< /Type /Catalog /Pages 2 0 R >>" + b" " * expand_to
    packed = zlib.compress(content, 9)
    objstm = b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(header),
        len(packed),
    )
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in ((2, PAGES), (3, PAGE), (4, objstm + packed + b"\nendstream")):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    offsets[5] = len(out)
    rows = [(0, 0, 65535), (2, 4, 0), (1, offsets[2], 0), (1, offsets[3], 0), (1, offsets[4], 0)]
    rows.append((1, offsets[5], 0))
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(
        table
    )
    out += table + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[5]
    return bytes(out)


def corrupt_pdf() -> bytes:
    """A PDF header and end marker around noise: nothing in between parses."""
    return b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
BOMB_LINE = b"BT /F1 12 Tf 72 712 Td (Sehr geehrte Damen und Herren, wir bestaetigen) Tj ET\n"
MIB = 1024 * 1024


def flate_bomb_pdf(megabytes: int = 400) -> bytes:
    """A one-page PDF whose content stream, German-looking text, inflates ~300 times.

    400 MB of content from a 1.4 MB file: pypdf never expands a content stream while
    reading; pdfium does, to draw or extract the page.
    """
    packed = repeated_deflate(BOMB_LINE, megabytes)
    contents = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (
        len(packed),
        packed,
    )
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    page += b" /Resources << /Font << /F1 5 0 R >> >> >>"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, page, contents, HELVETICA])


def repeated_deflate(line: bytes, megabytes: int) -> bytes:
    """zlib data of `line` repeated to `megabytes` MiB, made by repeating one flushed block."""
    chunk = line * (MIB // len(line))
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)  # starts a fresh window
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * megabytes + packer.flush() + struct.pack(">I", checksum)


def huge_page_pdf(width: int = 1_000_000, height: int = 100) -> bytes:
    """A few hundred bytes: one line of text on a page `width` x `height` points."""
    text = b"BT /F1 24 Tf 10 40 Td (Marriage certificate) Tj ET"
    contents = b"<< /Length %d >>\nstream\n%b\nendstream" % (len(text), text)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R" % (width, height)
    page += b" /Resources << /Font << /F1 5 0 R >> >> >>"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, page, contents, HELVETICA])


def huge_image_pdf(side: int = 100_000) -> bytes:
    """An A4 page drawing one image that declares `side` x `side` pixels (and holds 8 bytes)."""
    image = b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray" % (
        side,
        side,
    )
    image += b" /BitsPerComponent 8 /Length 8 >>\nstream\n\0\0\0\0\0\0\0\0\nendstream"
    draw = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    contents = b"<< /Length %d >>\nstream\n%b\nendstream" % (len(draw), draw)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    page += b" /Resources << /XObject << /Im1 5 0 R >> >> >>"
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", PAGES, page, contents, image])


# --- Images ----------------------------------------------------------------


def picture(
    width: int, height: int, *, mode: str = "RGB", text: bool = False, shift: int = 0
) -> Image.Image:
    """A picture with shapes in several colours (or lines of 'text' on white)."""
    im = Image.new("RGB", (width, height), "white" if text else (70, 130, 180))
    draw = ImageDraw.Draw(im)
    rng = random.Random(shift)
    step = max(8, height // 40)
    for y in range(step, height - step, step):
        if text:
            end = width // 10 + rng.randrange(width * 4 // 10, width * 8 // 10)
            draw.line((width // 10, y, end, y), fill="black", width=max(1, step // 4))
        else:
            draw.ellipse((y % width, y, y % width + step * 3, y + step), fill=(220, y % 255, 40))
    return im.convert(mode)


def encoded(im: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, fmt, **options)
    return out.getvalue()


def jpeg(
    width: int,
    height: int,
    *,
    mode: str = "RGB",
    text: bool = False,
    quality: int = 90,
    exif: Image.Exif | None = None,
) -> bytes:
    options: dict[str, object] = {"quality": quality}
    if exif is not None:
        options["exif"] = exif.tobytes()
    return encoded(picture(width, height, mode=mode, text=text), "JPEG", **options)


def png(width: int, height: int, *, mode: str = "RGB", exif: Image.Exif | None = None) -> bytes:
    options: dict[str, object] = {} if exif is None else {"exif": exif.tobytes()}
    return encoded(picture(width, height, mode=mode), "PNG", **options)


def heic(width: int, height: int, *, exif: Image.Exif | None = None) -> bytes:
    register_heif_opener()
    options: dict[str, object] = {"quality": 80}
    if exif is not None:
        options["exif"] = exif.tobytes()
    return encoded(picture(width, height), "HEIF", **options)


def photo(width: int, height: int) -> Image.Image:
    """A photo-like picture that compresses badly: sensor noise over shapes."""
    noise = Image.effect_noise((width, height), 60).convert("RGB")
    return Image.blend(picture(width, height), noise, 0.25)


def noise_jpeg(width: int, height: int, quality: int = 95) -> bytes:
    return encoded(photo(width, height), "JPEG", quality=quality)


def noise_heic(width: int, height: int) -> bytes:
    register_heif_opener()
    return encoded(photo(width, height), "HEIF", quality=80)


def jpeg_with_fill_byte(data: bytes) -> bytes:
    """The same JPEG with a 0xFF fill byte before its quantisation table (legal: T.81 B.1.1.2)."""
    at = data.index(b"\xff\xdb")
    return data[:at] + b"\xff" + data[at:]


def phone_exif(orientation: int = 1, gps: bool = True) -> Image.Exif:
    """EXIF as a phone writes it: orientation, a capture date and a GPS position."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8769)[0x9003] = "2025:06:01 10:00:00"
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (22.0, 16.0, 50.0), 3: "E", 4: (114.0, 10.0, 8.0)})
    return exif


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


# --- Other types -----------------------------------------------------------

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
ELF = b"\x7fELF\x02\x01\x01" + bytes(9) + struct.pack("<HHI", 2, 0x3E, 1) + bytes(40)
WINDOWS_EXE = b"MZ" + bytes(58) + b"\x80\0\0\0" + bytes(64) + b"PE\0\0" + bytes(200)
TEXT = b"Dear Sir or Madam,\nplease find my documents attached.\n"


def zip_archive() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("passport.pdf", text_pdf())
    return out.getvalue()


def docx() -> bytes:
    """The first entries of a Word document, enough for libmagic to name it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="xml" '
            'ContentType="application/xml"/></Types>',
        )
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def webp(width: int = 40, height: int = 30) -> bytes:
    return encoded(picture(width, height), "WEBP")


# --- The catalogue: a real file for every finding code -----------------------

# The finding codes of contract.md; the last three come from the language check and
# from storage, which know about other files.
CONTRACT_CODES = {
    "empty_file", "too_large", "type_not_allowed", "extension_mismatch",
    "pdf_unreadable", "pdf_encrypted", "pdf_no_pages", "pdf_active_content",
    "pdf_attachments",
    "pdf_too_complex", "image_unreadable", "image_too_small", "image_too_many_pixels",
    "photo_spec", "needs_translation", "language_undetermined", "duplicate_file",
    "mrz_unreadable", "mrz_checksum", "image_blurry", "image_too_dark",
}  # fmt: skip
NOT_FROM_THE_PIPELINE = {
    "needs_translation", "language_undetermined", "duplicate_file",
    "mrz_unreadable", "mrz_checksum", "image_blurry", "image_too_dark",
}  # fmt: skip
REPORT_KEYS = [
    "file", "ok", "kind", "mime", "size", "sha256", "pages", "width", "height",
    "languages", "needs_translation", "findings", "mrz",
]  # fmt: skip
PHOTO: dict[str, Any] = {"accepts": frozenset({"image"}), "photo": US_VISA_PHOTO}

# One real file for each code: (bytes, the client's name, the item's limits).
CATALOGUE: dict[str, tuple[bytes, str, dict[str, Any]]] = {
    "empty_file": (b"", "passport.pdf", {}),
    "too_large": (text_pdf(), "passport.pdf", {"max_bytes": 1000}),
    "type_not_allowed": (HTML, "passport.html", {}),
    "extension_mismatch": (text_pdf(), "passport.jpg", {}),
    "pdf_unreadable": (text_pdf(2)[:1500], "passport.pdf", {}),
    "pdf_encrypted": (encrypted_pdf("1234"), "statement.pdf", {}),
    "pdf_no_pages": (no_pages_pdf(), "blank.pdf", {}),
    "pdf_active_content": (javascript_pdf(), "form.pdf", {}),
    "pdf_attachments": (attachment_pdf(), "form.pdf", {}),
    "pdf_too_complex": (
        object_stream_bomb_pdf(3_000_000),
        "bomb.pdf",
        {"max_stream_bytes": 1_000_000},
    ),
    "image_unreadable": (jpeg(300, 300)[:-1500], "photo.jpg", {}),
    "image_too_small": (jpeg(200, 250), "photo.jpg", {"min_width": 400, "min_height": 500}),
    "image_too_many_pixels": (png_claiming(30_000, 30_000), "scan.png", {}),
    "photo_spec": (png(500, 400), "photo.png", PHOTO),
}


def codes(report: FileReport) -> list[str]:
    """The finding codes of a report, in order."""
    return [f.code for f in report.findings]
