"""Read a page image with tesseract: the script first (OSD), then OCR with the packs for it.

tesseract runs in this process through tesserocr (the isolated child is its sandbox):
its own library, single-threaded, 2-3x quicker a call than the `tesseract` command,
which loads its packs anew each time. Each call is given what is left of the page's
time budget; a failure reads as "no text", never as an error.
"""

from __future__ import annotations

import ctypes
import os
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from tracker.validation.pillow_safe import open_image, untrusted

if TYPE_CHECKING:
    from tesserocr import PyTessBaseAPI

# The language packs of Debian's tesseract-ocr-* packages (TESSDATA_PREFIX first).
TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")
OCR_TIMEOUT = 30.0  # seconds; OCR takes 0.2-1.5 s a page (OSD, 0.1-0.4 s, has no timeout)
RESOLUTION = 96  # dpi tesseract is told; what it read in the BMP files the command was given
PAGE_SECONDS = 30.0  # everything tesseract may spend on one page
MIN_WORD_CONF = 65.0  # below this a "word" is noise, or a script the packs do not fit
MIXED_SHARE = 0.25  # unreadable share of the text's area that suggests a second script
MOSTLY_UNREADABLE = 0.6  # unreadable share that says the packs do not fit the page at all
MIN_PROBE_LETTERS = 20  # letters of its own script a probing pack must read to be believed
MIN_PROBE_SHARE = 0.6  # and their share of what it read
MIN_ORIENTATION_CONF = 1.0  # below this OSD's rotation is a guess: leave the page as it is
MIN_SHORT_LETTERS = 6  # letters of one script that make a page OSD found too short
MIN_UNREAD_CONF = 5.0  # OSD script confidence needed to name a script no pack can read
# Pixels of the longer side handed to tesseract: 2000 is ~170 dpi on A4, where 10-point
# print is still read; a 12 MP photo at full size costs 2-3x more for the same words.
MIN_SIDE, MAX_SIDE = 1000, 2000
OSD_SIDE = 1600  # orientation and script need only the letters' shapes
# Characters OSD classifies at least (5x at most); tesseract's 50 cost 2-4x more on a
# page of Latin text for the same script and turn, and fewer let a line or two through.
OSD_CHARACTERS = 20
PSM = 4  # one column of lines of any size: 3 loses Korean lines, 11 breaks tilted lines
OSD_PSM = 0  # orientation and script only

# Packs that read each script tesseract's OSD names. Latin needs Vietnamese, whose letters
# carry the most diacritics, English first so English stays plain (French, German,
# Spanish, Portuguese and Turkish keep their verdicts read so: benchmarks.checking;
# the five more packs doubled the cost of a page); `jpn`
# reads Chinese in either script well enough to tell it from Japanese, `chi_sim` adds
# the simplified forms.
SCRIPT_PACKS: dict[str, str] = {
    "Latin": "eng+vie",
    "Han": "jpn+chi_sim",
    "Japanese": "jpn+chi_sim",
    "Hiragana": "jpn",
    "Katakana": "jpn",
    "Korean": "kor",
    "Hangul": "kor",
    "Thai": "tha",
    "Arabic": "ara",
    "Cyrillic": "rus+ukr+eng",  # OSD takes Latin capitals for Cyrillic
    "Devanagari": "hin",
}
# One pack a script, with the Unicode names of the letters it reads: tried in turn when
# OSD misnames the script, believed only if it reads its own letters. Thai comes after
# Korean and Russian: its pack reads a photographed Korean, Russian or Greek page as Thai
# letters (a third of them unsure), while it leaves Arabic and Hindi pages unread and
# each other pack reads its own script alone (benchmark photos of each, one pack each).
PROBE_PACKS: dict[str, tuple[str, ...]] = {
    "eng": ("LATIN",),
    "jpn": ("CJK", "HIRAGANA", "KATAKANA"),
    "kor": ("HANGUL",),
    "rus": ("CYRILLIC",),
    "tha": ("THAI",),
    "ara": ("ARABIC",),
    "hin": ("DEVANAGARI",),
}


@dataclass(frozen=True)
class Osd:
    """Tesseract's orientation and script detection for one page."""

    script: str
    script_conf: float
    rotate: int
    orientation_conf: float


FEW = Osd("", 0.0, 0, 0.0)  # OSD found too few characters to tell


@dataclass(frozen=True)
class Word:
    line: tuple[int, int, int]  # block, paragraph, line
    box: tuple[int, int, int, int]  # left, top, right, bottom
    conf: float
    text: str


@dataclass(frozen=True)
class Reading:
    """What OCR made of a page: confident lines, and scripts seen that no pack reads."""

    lines: tuple[str, ...] = ()
    unread_scripts: tuple[str, ...] = field(default=())

    def __add__(self, other: Reading) -> Reading:
        return Reading(self.lines + other.lines, self.unread_scripts + other.unread_scripts)

    def __bool__(self) -> bool:
        return bool(self.lines or self.unread_scripts)


@dataclass(frozen=True)
class Clock:
    """The time left for one page: each tesseract call gets at most what remains."""

    deadline: float

    @classmethod
    def start(cls, seconds: float = PAGE_SECONDS) -> Clock:
        return cls(time.monotonic() + seconds)

    def timeout(self, limit: float) -> float:
        return max(0.0, min(limit, self.deadline - time.monotonic()))


def load_pages(path: Path) -> Iterator[Image.Image]:
    """Yield the frames of an image file, upright and grey (several for a TIFF or GIF)."""
    with untrusted():
        img = open_image(path)
        # A JPEG decodes at 1/2, 1/4 or 1/8 of its size nearly for free: no larger than needed.
        scale = MAX_SIDE / max(img.size)
        img.draft("L", (round(img.width * scale), round(img.height * scale)))
    try:
        for index in range(getattr(img, "n_frames", 1)):
            with untrusted():
                img.seek(index)
                page = ImageOps.exif_transpose(img).convert("L")
            yield page
    finally:
        img.close()


def read_page(img: Image.Image, *, clock: Clock | None = None) -> Reading:
    """Read the text of one page image; empty when there is none or tesseract fails.

    OSD runs once; the packs of the script it names read the likelier way up, then one
    pack a script (that script's first) until one reads its own letters. No page is
    read twice with the same pack.
    """
    clock = clock or Clock.start()
    img = _clean(_fit(img.convert("L")))
    osd = detect_script(img, clock)
    if osd is None:
        return Reading()
    if osd is FEW:  # a line or two, a blank page, a photo
        return _read_short(img, clock)
    turns = _orientations(img, osd)
    reading = _read_as_named(turns[0], osd, clock)
    if reading is not None:
        return reading
    named = SCRIPT_PACKS.get(osd.script, "")
    return _probe(turns, _probe_order(named), clock, skip_first=set(named.split("+")))


def detect_script(img: Image.Image, clock: Clock) -> Osd | None:
    """Run tesseract's OSD; None when tesseract cannot start or no time is left, FEW when
    the page has too few characters for it (it says nothing more then)."""
    if clock.timeout(OCR_TIMEOUT) <= 0:
        return None
    with _engine("osd", OSD_PSM) as api:
        if api is None:
            return None
        api.SetVariable("min_characters_to_try", str(OSD_CHARACTERS))
        _show(api, _fit(img, OSD_SIDE))
        found = api.DetectOrientationScript()
    if found is None:
        return FEW
    # OSD finds the page turned `orient_deg` clockwise: turning it back upright is the rest.
    turn = -int(found["orient_deg"]) % 360
    return Osd(found["script_name"], found["script_conf"], turn, found["orient_conf"])


def recognise(img: Image.Image, packs: str, clock: Clock) -> list[Word]:
    """OCR `img` with the tesseract packs `packs` (e.g. "jpn+chi_sim") into words."""
    timeout = clock.timeout(OCR_TIMEOUT)
    if timeout <= 0:
        return []
    with _engine(packs, PSM) as api:
        if api is None:
            return []
        _show(api, img)
        if not api.Recognize(timeout=max(1, round(timeout * 1000))):  # milliseconds
            return []
        return parse_tsv(api.GetTSVText(0))


def parse_tsv(out: str) -> list[Word]:
    """Parse tesseract's TSV output into its words (level 5 rows)."""
    words = []
    for row in out.splitlines():
        cols = row.split("\t")
        if len(cols) != 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = map(int, cols[6:10])
        key = (int(cols[2]), int(cols[3]), int(cols[4]))
        words.append(Word(key, (left, top, left + width, top + height), float(cols[10]), cols[11]))
    return words


def confident_lines(words: list[Word]) -> tuple[str, ...]:
    """Join the confident words of each line, in reading order."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    for w in words:
        if w.conf >= MIN_WORD_CONF:
            lines.setdefault(w.line, []).append(w.text)
    return tuple(" ".join(ws) for ws in lines.values())


def _read_as_named(page: Image.Image, osd: Osd, clock: Clock) -> Reading | None:
    """Read the page in the script OSD named; None when that script's packs cannot read it."""
    packs = SCRIPT_PACKS.get(osd.script)
    if packs is None:
        if osd.script_conf < MIN_UNREAD_CONF:
            return None
        # Latin capitals pass for Greek and the like: make sure before naming the script.
        return _read_with([page], "eng", clock) or Reading((), (osd.script,))
    words = recognise(page, packs, clock)
    unreadable = _unreadable_share(words) if words else 1.0
    if unreadable < MIXED_SHARE:
        return Reading(confident_lines(words))
    if unreadable < MOSTLY_UNREADABLE:  # a second script beside the first
        return Reading(confident_lines(words)) + _beside(_mask(page, words), packs, clock)
    return None


def _beside(masked: Image.Image, packs: str, clock: Clock) -> Reading:
    """Read what is left once the first script's words are painted out (no second OSD)."""
    return _probe([masked], _probe_order(""), clock, skip_first=set(packs.split("+")))


def _probe_order(named: str) -> list[str]:
    """The probing packs, the named script's own first (a page OSD turned the wrong way)."""
    own = [pack for pack in PROBE_PACKS if pack in named.split("+")]
    return own + [pack for pack in PROBE_PACKS if pack not in own]


def _probe(
    pages: list[Image.Image], packs: list[str], clock: Clock, *, skip_first: set[str]
) -> Reading:
    """Try one pack a script in turn on each page until one reads its own letters.

    The first page is not read again with a pack in `skip_first` (it was read with it).
    A page in which a pack finds no word at all has no text for any pack (a stamp's
    outline, a photo): it is not read again.
    """
    for pack in packs:
        worded = []
        for index, page in enumerate(pages):
            if index == 0 and pack in skip_first:
                worded.append(page)
                continue
            words = recognise(page, pack, clock)
            reading = _own_reading(words, pack)
            if reading is not None:
                return reading
            worded += [page] if words else []
        pages = worded
        if not pages:
            break
    return Reading()


def _read_short(img: Image.Image, clock: Clock) -> Reading:
    """Read a page with too few characters for OSD with every probing pack at once.

    Cheap, as there is little to read; the script is then told by the Unicode names of
    the confident letters read (a one-line Arabic certificate title), and believed only
    if most of them are of one script.
    """
    words = recognise(img, "+".join(PROBE_PACKS), clock)
    lines = confident_lines(words)
    for names in PROBE_PACKS.values():
        if _reads_own_letters(lines, names, least=MIN_SHORT_LETTERS):
            return Reading(lines)
    return Reading()


def _read_with(pages: list[Image.Image], pack: str, clock: Clock) -> Reading | None:
    """Read the first of `pages` that `pack` reads as letters of its own script, if any."""
    for page in pages:
        reading = _own_reading(recognise(page, pack, clock), pack)
        if reading is not None:
            return reading
    return None


def _own_reading(words: list[Word], pack: str) -> Reading | None:
    """The confident lines of `words` if they are mostly letters of the pack's script."""
    if _unreadable_share(words) >= MOSTLY_UNREADABLE:
        return None
    lines = confident_lines(words)
    return Reading(lines) if _reads_own_letters(lines, PROBE_PACKS[pack]) else None


def _reads_own_letters(
    lines: tuple[str, ...], names: tuple[str, ...], *, least: int = MIN_PROBE_LETTERS
) -> bool:
    """True when OCR'd lines are mostly letters of the pack's script (not digits).

    Punctuation belongs to no script: a noisy photo's Chinese read with its commas and
    colons was 59 % Han characters, 98 % of its letters.
    """
    chars = [ch for ch in "".join(lines) if ch.isalnum()]
    own = sum(1 for ch in chars if unicodedata.name(ch, "").startswith(names))
    return own >= least and own >= MIN_PROBE_SHARE * len(chars)


def _unreadable_share(words: list[Word]) -> float:
    """Share of the words' area that OCR could not read with confidence."""
    total = sum(_area(w) for w in words)
    low = sum(_area(w) for w in words if w.conf < MIN_WORD_CONF)
    return low / total if total else 0.0


def _area(w: Word) -> int:
    return (w.box[2] - w.box[0]) * (w.box[3] - w.box[1])


def _mask(img: Image.Image, words: list[Word]) -> Image.Image:
    """Paint the confidently read words white, leaving the rest of the page."""
    masked = img.copy()
    draw = ImageDraw.Draw(masked)
    for w in words:
        if w.conf >= MIN_WORD_CONF:
            draw.rectangle(w.box, fill=255)
    return masked


def _fit(img: Image.Image, longest: int = MAX_SIDE) -> Image.Image:
    """Scale the page so its longer side is within what tesseract reads well and fast."""
    side = max(img.size)
    if MIN_SIDE <= side <= longest:
        return img
    scale = (MIN_SIDE if side < MIN_SIDE else longest) / side
    size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
    return img.resize(size, Image.Resampling.LANCZOS)


def _clean(img: Image.Image) -> Image.Image:
    """Even out the lighting of a photographed page: dark ink on a white background."""
    small = img.reduce(8) if min(img.size) >= 80 else img
    background = small.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(6))
    ink = ImageChops.subtract(background.resize(img.size, Image.Resampling.BILINEAR), img)
    return ImageOps.autocontrast(ImageOps.invert(ink), cutoff=1)


def _orientations(img: Image.Image, osd: Osd) -> list[Image.Image]:
    """The page turned as OSD says and as it came, the likelier first."""
    if not osd.rotate or osd.orientation_conf < MIN_ORIENTATION_CONF:
        return [img]
    # OSD's "Rotate" is the clockwise turn that makes the page upright; capitals and
    # symmetric scripts fool it, so the page as it came is tried too.
    return [img.rotate(-osd.rotate, expand=True, fillcolor=255), img]


@contextmanager
def _engine(packs: str, psm: int) -> Iterator[PyTessBaseAPI | None]:
    """tesseract with `packs` loaded, released afterwards; None when it cannot start."""
    from tesserocr import PyTessBaseAPI

    try:
        api = PyTessBaseAPI(path=tessdata(), lang=packs, psm=psm)
    except RuntimeError:  # no language data, or a pack missing from it
        yield None
        return
    try:
        yield api
    finally:
        api.End()
        _give_back()


def _give_back() -> None:
    """Return the freed pack memory to the system: glibc keeps ~65 MB of it otherwise."""
    libc = ctypes.CDLL(None)
    if hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _show(api: PyTessBaseAPI, img: Image.Image) -> None:
    """Hand tesseract the grey pixels themselves: no file format in between."""
    grey = img if img.mode == "L" else img.convert("L")
    api.SetImageBytes(grey.tobytes(), grey.width, grey.height, 1, grey.width)
    api.SetSourceResolution(RESOLUTION)


@cache
def tessdata() -> str:
    """The folder holding tesseract's language packs ("" when none is found)."""
    for folder in (os.environ.get("TESSDATA_PREFIX", ""), *TESSDATA):
        if folder and Path(folder, "osd.traineddata").is_file():
            return folder
    return ""
