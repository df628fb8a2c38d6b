"""Passport and identity-card specimens for the MRZ tests and benchmark, generated on the spot.

Made-up people only. The machine-readable zone comes from the `mrz` package (an ICAO 9303
implementation independent of ours, so a shared mistake cannot hide), set in Debian's
OCR-B font at the ICAO pitch (10 characters an inch) on a page with a photo, labels and a
fine background pattern; then scanned, photographed, turned or shrunk.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF
from mrz.generator.td1 import TD1CodeGenerator
from mrz.generator.td2 import TD2CodeGenerator
from mrz.generator.td3 import TD3CodeGenerator
from PIL import Image, ImageDraw, ImageFilter, ImageFont

OCRB = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 300
# Document sizes in mm (ICAO 9303 part 3): TD3 passport page, TD2 and TD1 cards.
SIZES = {"TD3": (125.0, 88.0), "TD2": (105.0, 74.0), "TD1": (85.6, 54.0)}


@dataclass(frozen=True)
class Person:
    """The particulars printed in a made-up travel document."""

    surname: str
    given_names: str
    issuing_state: str
    nationality: str
    number: str
    birth: date
    sex: str
    expiry: date
    layout: str = "TD3"
    optional: str = ""

    @property
    def document_type(self) -> str:
        return "P" if self.layout == "TD3" else "ID" if self.layout == "TD1" else "I"

    def mrz_lines(self) -> list[str]:
        """The zone as ICAO 9303 writes it, check digits computed by the `mrz` package."""
        birth, expiry = f"{self.birth:%y%m%d}", f"{self.expiry:%y%m%d}"
        if self.layout == "TD1":
            code = TD1CodeGenerator(
                self.document_type, self.issuing_state, self.number, birth, self.sex, expiry,
                self.nationality, self.surname, self.given_names, self.optional,
            )  # fmt: skip
        else:
            generator = TD3CodeGenerator if self.layout == "TD3" else TD2CodeGenerator
            code = generator(
                self.document_type, self.issuing_state, self.surname, self.given_names,
                self.number, self.nationality, birth, self.sex, expiry, self.optional,
            )  # fmt: skip
        return str(code).split("\n")


def _person(
    names: str, state: str, number: str, born: str, sex: str, expires: str, **more: str
) -> Person:
    surname, given = names.split(", ")
    birth, expiry = date.fromisoformat(born), date.fromisoformat(expires)
    return Person(surname, given, state, state, number, birth, sex, expiry, **more)


PEOPLE = (
    _person("REYES, MARIA CLARA", "PHL", "P1234567A", "1990-05-17", "F", "2031-02-28"),
    _person("CHAN, TAI MAN", "CHN", "E12345678", "1985-11-03", "M", "2029-08-14"),
    _person(
        "OKONKWO-SMITH, ADAEZE",
        "GBR",
        "123456789",
        "2001-01-30",
        "F",
        "2027-12-01",
        optional="AB12CD34",
    ),
    _person("NGUYEN, VAN AN", "VNM", "C0456789", "1978-07-09", "M", "2033-04-22"),
    _person("SHARMA, PRIYA", "IND", "Z7654321", "1995-09-25", "F", "2030-06-05"),
    _person("MUELLER, JONAS PETER", "D", "C01X00T47", "1988-02-29", "M", "2028-10-31"),
    _person("SANTOS, ANA", "BRA", "FX908172", "2010-12-12", "F", "2026-03-15"),
    _person("KIM, MINJUN", "KOR", "M98765432", "1999-04-01", "M", "2034-01-19"),
    _person("WANG, XIAO LING", "CHN", "EA1357924", "2016-06-06", "F", "2027-06-05", layout="TD2"),
    _person("DUBOIS, CLAIRE", "FRA", "X4RTBPFW4", "1982-08-08", "F", "2031-09-30", layout="TD1"),
)


def tampered(person: Person) -> list[str]:
    """The person's zone with one birth-date digit changed and its check digit left alone."""
    lines = person.mrz_lines()
    at = 5 if person.layout == "TD1" else 18  # line 2: the units of the day of birth
    line = lines[1]
    lines[1] = line[:at] + str((int(line[at]) + 1) % 10) + line[at + 1 :]
    return lines


# --- the page ----------------------------------------------------------------------


def _px(mm: float, dpi: int = DPI) -> int:
    return round(mm / 25.4 * dpi)


def _ocrb(pitch_px: float) -> ImageFont.FreeTypeFont:
    """OCR-B sized so one character advances `pitch_px` pixels."""
    probe = ImageFont.truetype(str(OCRB), 100)
    return ImageFont.truetype(str(OCRB), round(100 * pitch_px / probe.getlength("<")))


def data_page(person: Person, lines: list[str] | None = None) -> Image.Image:
    """The data page at 300 dpi: pattern, photo, labelled fields and the MRZ at the foot."""
    width_mm, height_mm = SIZES[person.layout]
    page = Image.new("RGB", (_px(width_mm), _px(height_mm)), (236, 240, 232))
    draw = ImageDraw.Draw(page)
    _pattern(draw, page.size)
    _particulars(draw, person, page.size)
    _zone(draw, lines or person.mrz_lines(), page.size)
    return page


def _pattern(draw: ImageDraw.ImageDraw, size: tuple[int, int]) -> None:
    """A fine guilloche-like wave pattern, as security printing has."""
    width, height = size
    for k in range(0, height, 9):
        points = [(x, k + 6 * math.sin(x / 37 + k / 50)) for x in range(0, width, 6)]
        draw.line(points, fill=(205, 215, 222), width=1)


def _particulars(draw: ImageDraw.ImageDraw, person: Person, size: tuple[int, int]) -> None:
    width, height = size
    small, value = ImageFont.truetype(str(SANS), 22), ImageFont.truetype(str(SANS), 34)
    draw.text((40, 20), "PASSPORT / PASSEPORT", font=value, fill=(40, 40, 90))
    photo = (40, 90, 40 + width // 4, 90 + width // 3)
    draw.rectangle(photo, fill=(190, 180, 170))
    draw.ellipse((photo[0] + 40, photo[1] + 40, photo[2] - 40, photo[3] - 60), fill=(150, 120, 100))
    fields = [
        ("Surname / Nom", person.surname),
        ("Given names / Prénoms", person.given_names),
        ("Nationality / Nationalité", person.nationality),
        ("Date of birth / Date de naissance", f"{person.birth:%d %b %Y}".upper()),
        ("Date of expiry / Date d'expiration", f"{person.expiry:%d %b %Y}".upper()),
    ]
    x, y = photo[2] + 40, 90
    step = min(90, (height * 55 // 100 - 90) // len(fields))
    for label, text in fields:
        draw.text((x, y), label, font=small, fill=(90, 90, 110))
        draw.text((x, y + 26), text, font=value, fill=(20, 20, 20))
        y += step


def _zone(draw: ImageDraw.ImageDraw, lines: list[str], size: tuple[int, int]) -> None:
    """The MRZ: OCR-B at 10 characters an inch, 6 lines an inch, from the page's foot."""
    width, height = size
    pitch = DPI / 10
    font = _ocrb(pitch)
    line_gap = DPI / 6 * 1.05
    left = (width - pitch * len(lines[0])) / 2
    top = height - _px(4) - line_gap * len(lines)
    for index, line in enumerate(lines):
        draw.text((left, top + index * line_gap), line, font=font, fill=(15, 15, 15))


# --- the ways a page reaches us ------------------------------------------------------


def scan(page: Image.Image, dpi: int = DPI) -> Image.Image:
    """The page on an A4 flatbed scan at `dpi`, placed near the top left."""
    sheet = Image.new("RGB", (_px(210), _px(297)), (250, 250, 248))
    sheet.paste(page, (_px(15), _px(20)))
    if dpi != DPI:
        sheet = sheet.resize((_px(210, dpi), _px(297, dpi)), Image.Resampling.LANCZOS)
    return sheet


def phone_photo(page: Image.Image, seed: int) -> Image.Image:
    """A phone photo of the page: on a table, tilted, unevenly lit, a little blurred, noisy."""
    rng = random.Random(seed)
    table = Image.new("RGB", (page.width + 500, page.height + 400), (120, 100, 80))
    table.paste(page, (250, 200))
    tilted = table.rotate(
        rng.uniform(-4, 4), resample=Image.Resampling.BICUBIC, fillcolor=(120, 100, 80)
    )
    light = Image.linear_gradient("L").resize(tilted.size).rotate(rng.choice((0, 90, 180, 270)))
    lit = Image.composite(
        tilted, tilted.point(lambda v: v * 0.55), light.point(lambda v: 110 + v // 2)
    )
    blurred = lit.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.2)))
    noise = Image.effect_noise(blurred.size, 18).convert("RGB")
    noisy = Image.blend(blurred, noise, 0.08)
    return noisy.resize((noisy.width * 4 // 5, noisy.height * 4 // 5), Image.Resampling.BILINEAR)


def letter_page() -> Image.Image:
    """A page of ordinary text with no MRZ (a bank letter uploaded to a passport item)."""
    sheet = Image.new("RGB", (_px(210, 150), _px(297, 150)), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(SANS), 24)
    for row in range(40):
        draw.text(
            (90, 120 + row * 40),
            "Your account statement for the month is enclosed. " * 2,
            font=font,
            fill="black",
        )
    return sheet


def jpeg(img: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=quality, dpi=(DPI, DPI))
    return out.getvalue()


def png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=1)
    return out.getvalue()


def pdf(img: Image.Image) -> bytes:
    """An image-only A4 PDF holding the picture, as a scanner app writes it."""
    doc = FPDF()
    doc.add_page()
    ratio = min(210 / img.width, 297 / img.height)
    doc.image(io.BytesIO(jpeg(img, 90)), x=0, y=0, w=img.width * ratio, h=img.height * ratio)
    return bytes(doc.output())


@dataclass(frozen=True)
class Specimen:
    """One generated upload, with what a reader should find in it."""

    kind: str
    person: Person | None  # None: there is no MRZ on it
    data: bytes
    file_kind: str  # "image" or "pdf"
    tampered: bool = False


MAKERS: dict[str, Callable[[Person, int], bytes]] = {
    "clean_300dpi": lambda p, i: png(scan(data_page(p))),
    "phone_photo": lambda p, i: jpeg(phone_photo(data_page(p), seed=i), 70),
    "rotated_90": lambda p, i: png(scan(data_page(p)).rotate(90 if i % 2 else -90, expand=True)),
    "rotated_180": lambda p, i: png(scan(data_page(p)).rotate(180)),
    "low_150dpi": lambda p, i: png(scan(data_page(p), dpi=150)),
    "tampered": lambda p, i: png(scan(data_page(p, tampered(p)))),
}


def specimens(
    people: tuple[Person, ...] = PEOPLE, kinds: tuple[str, ...] = tuple(MAKERS)
) -> list[Specimen]:
    """Every kind for every person, as an image and as a PDF, plus the non-passport page."""
    found = []
    for kind in kinds:
        for index, person in enumerate(people):
            data = MAKERS[kind](person, index)
            tamper = kind == "tampered"
            found.append(Specimen(kind, person, data, "image", tamper))
            with Image.open(io.BytesIO(data)) as img:
                found.append(Specimen(f"{kind}_pdf", person, pdf(img), "pdf", tamper))
    letter = letter_page()
    found += [
        Specimen("not_a_passport", None, png(letter), "image"),
        Specimen("not_a_passport_pdf", None, pdf(letter), "pdf"),
    ]
    return found


def expected(person: Person) -> dict[str, object]:
    """The contract's `mrz` object a perfect reader returns for the person."""
    return {
        "document_type": person.document_type,
        "issuing_state": person.issuing_state,
        "surname": person.surname.replace("-", " "),
        "given_names": person.given_names,
        "document_number": person.number,
        "nationality": person.nationality,
        "birth_date": person.birth.isoformat(),
        "sex": person.sex,
        "expiry_date": person.expiry.isoformat(),
        "checksums_ok": True,
    }
