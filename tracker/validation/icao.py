"""The machine-readable zone as text (ICAO 9303): layouts, OCR repair, check digits, fields.

Pure string work: the lines come from OCR (tracker/validation/mrz.py). Each position has
a type (digit, letter, either), so letters read where a digit must be (O for 0) are put
right before any check digit is verified; a changed digit stays changed and fails.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

FILLER = "<"
# What OCR reads for a character of the other class, both ways.
AS_DIGIT = str.maketrans("OQDUIJLZSBGT", "000011125867")
AS_LETTER = str.maketrans("01256784", "OIZSGTBA")


@dataclass(frozen=True)
class Field:
    """One field of a layout: where it is, what it holds, and its check digit if any."""

    name: str
    line: int
    start: int
    end: int
    kind: str  # "digits", "letters" or "any"
    check: int | None = None  # position of its check digit on the same line


@dataclass(frozen=True)
class Layout:
    name: str
    lines: int
    width: int
    fields: tuple[Field, ...]
    composite: tuple[int, int]  # (line, position) of the composite check digit
    composite_of: tuple[tuple[int, int, int], ...]  # (line, start, end) slices it covers


def _two_lines(name: str, width: int) -> Layout:
    """TD3 (passports, 44 characters) and TD2 (cards, 36): the same fields, TD3's optional
    data with a check digit of its own."""
    composite = width - 1
    optional = (
        Field("optional_data", 1, 28, composite - 1, "any", composite - 1)
        if name == "TD3"
        else Field("optional_data", 1, 28, composite, "any")
    )
    return Layout(
        name, 2, width,
        (
            Field("document_type", 0, 0, 2, "letters"),
            Field("issuing_state", 0, 2, 5, "letters"),
            Field("names", 0, 5, width, "letters"),
            Field("document_number", 1, 0, 9, "any", 9),
            Field("nationality", 1, 10, 13, "letters"),
            Field("birth_date", 1, 13, 19, "digits", 19),
            Field("sex", 1, 20, 21, "letters"),
            Field("expiry_date", 1, 21, 27, "digits", 27),
            optional,
        ),
        (1, composite),
        ((1, 0, 10), (1, 13, 20), (1, 21, composite)),
    )  # fmt: skip


def _td1() -> Layout:
    return Layout(
        "TD1", 3, 30,
        (
            Field("document_type", 0, 0, 2, "letters"),
            Field("issuing_state", 0, 2, 5, "letters"),
            Field("document_number", 0, 5, 14, "any", 14),
            Field("optional_data", 0, 15, 30, "any"),
            Field("birth_date", 1, 0, 6, "digits", 6),
            Field("sex", 1, 7, 8, "letters"),
            Field("expiry_date", 1, 8, 14, "digits", 14),
            Field("nationality", 1, 15, 18, "letters"),
            Field("optional_data_2", 1, 18, 29, "any"),
            Field("names", 2, 0, 30, "letters"),
        ),
        (1, 29),
        ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)),
    )  # fmt: skip


LAYOUTS = {
    layout.lines * 100 + layout.width: layout
    for layout in (_two_lines("TD3", 44), _two_lines("TD2", 36), _td1())
}


@dataclass(frozen=True)
class Mrz:
    """The zone's fields, as the contract's `mrz` object shows them."""

    document_type: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: str | None  # ISO 8601; None when the digits are no date
    sex: str
    expiry_date: str | None
    checksums_ok: bool
    failed: tuple[str, ...] = ()  # names of the fields whose check digit fails

    def to_dict(self) -> dict[str, object]:
        """The contract's shape (without the internal list of failed checks)."""
        record = asdict(self)
        del record["failed"]
        return record


def check_digit(text: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 over digits, letters A=10… and fillers 0."""
    total = 0
    for index, ch in enumerate(text):
        value = int(ch) if ch.isdigit() else ord(ch) - 55 if ch.isalpha() else 0
        total += value * (7, 3, 1)[index % 3]
    return str(total % 10)


def layout_for(lines: list[str]) -> Layout | None:
    """The layout whose line count and width the OCR'd lines fit best, if any."""
    if len(lines) not in (2, 3):
        return None
    width = round(sum(len(line) for line in lines) / len(lines))
    candidates = [lay for lay in LAYOUTS.values() if lay.lines == len(lines)]
    best = min(candidates, key=lambda lay: abs(lay.width - width))
    return best if abs(best.width - width) <= 4 else None


def parse_zone(raw: list[str]) -> Mrz | None:
    """Repair OCR'd lines to their layout and read the fields; None if they fit no layout."""
    layout = layout_for(raw)
    if layout is None:
        return None
    lines = [_fit_width(line, layout, index) for index, line in enumerate(raw)]
    lines = _typed(lines, layout)
    names = next(f for f in layout.fields if f.name == "names")
    name = lines[names.line]
    lines[names.line] = (
        name[: names.start] + _fillers(name[names.start : names.end]) + name[names.end :]
    )
    return _fields(lines, layout)


def _fit_width(line: str, layout: Layout, index: int) -> str:
    """Pad or trim a line to the layout's width where OCR is likeliest to miscount: fillers."""
    width = layout.width
    if len(line) == width:
        return line
    numbered = [f for f in layout.fields if f.line == index and f.name.startswith("optional")]
    tail = width - numbered[-1].end if numbered and numbered[-1].end < width else 0
    if tail and line[-tail:].strip(FILLER):  # check digits after an optional-data run
        head, end = line[:-tail], line[-tail:]
        body = head.rstrip(FILLER)
        return body[: width - tail].ljust(width - tail, FILLER) + end
    return line.rstrip(FILLER)[:width].ljust(width, FILLER)


def _typed(lines: list[str], layout: Layout) -> list[str]:
    """Put each position into its class: digits where digits must be, letters where letters."""
    chars = [list(line) for line in lines]
    for field in layout.fields:
        spots = [(field.line, i) for i in range(field.start, field.end)]
        if field.check is not None:
            spots.append((field.line, field.check))
        for line, pos in spots:
            is_check = pos == field.check
            chars[line][pos] = _as(chars[line][pos], "digits" if is_check else field.kind)
    line, pos = layout.composite
    chars[line][pos] = _as(chars[line][pos], "digits")
    return ["".join(c) for c in chars]


def _fillers(names: str) -> str:
    """Turn a K between fillers back into a filler: OCR's usual misreading of `<`."""
    chars = list(names)
    for i, ch in enumerate(chars):
        if (
            ch == "K"
            and i
            and chars[i - 1] == FILLER
            and (i + 1 == len(chars) or chars[i + 1] in "<K")
        ):
            chars[i] = FILLER
    return "".join(chars)


def _as(ch: str, kind: str) -> str:
    if ch == FILLER or kind == "any":
        return ch
    return ch.translate(AS_DIGIT if kind == "digits" else AS_LETTER)


def _fields(lines: list[str], layout: Layout) -> Mrz:
    raw = {f.name: lines[f.line][f.start : f.end] for f in layout.fields}
    failed = tuple(
        f.name
        for f in layout.fields
        if f.check is not None and lines[f.line][f.check] != check_digit(raw[f.name])
    )
    composite = "".join(lines[line][start:end] for line, start, end in layout.composite_of)
    if lines[layout.composite[0]][layout.composite[1]] != check_digit(composite):
        failed += ("composite",)
    surname, _, given = raw["names"].partition(FILLER * 2)
    return Mrz(
        document_type=raw["document_type"].strip(FILLER),
        issuing_state=raw["issuing_state"].strip(FILLER),
        surname=_words(surname),
        given_names=_words(given),
        document_number=raw["document_number"].strip(FILLER),
        nationality=raw["nationality"].strip(FILLER),
        birth_date=_date(raw["birth_date"], future=False),
        sex=raw["sex"].replace(FILLER, "X"),
        expiry_date=_date(raw["expiry_date"], future=True),
        checksums_ok=not failed,
        failed=failed,
    )


def _words(text: str) -> str:
    return " ".join(part for part in text.split(FILLER) if part)


def _date(digits: str, *, future: bool, today: date | None = None) -> str | None:
    """YYMMDD as ISO 8601: a birth date is in the past, an expiry within the next 50 years."""
    if not digits.isdigit():
        return None
    today = today or date.today()
    year = 2000 + int(digits[:2])
    limit = today.year + (50 if future else 0)
    if year > limit:
        year -= 100
    try:
        return date(year, int(digits[2:4]), int(digits[4:6])).isoformat()
    except ValueError:
        return None
