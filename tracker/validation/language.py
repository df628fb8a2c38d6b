"""Which languages a document is written in, and whether it needs a certified translation.

The writing system answers first (Hangul is Korean, kana is Japanese, Han is Chinese,
Thai, Greek, Devanagari … each one language); a small statistical model, loaded only
when a line needs it, tells apart the Latin, Cyrillic and Arabic-script languages, line
by line. Text PDFs are read with pdfium, scans and image-only pages with tesseract,
only as far as a verdict needs.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image
from pypdfium2 import PdfiumError

from tracker.validation import language_model, ocr
from tracker.validation.findings import NEEDS_TRANSLATION, Finding, Severity
from tracker.validation.language_names import language_name
from tracker.validation.pdf_pages import PdfText

ACCEPTED = frozenset({"zh", "en"})  # no translation needed
FLAG_SHARE = 0.20  # a non-zh/en language on this share of the lines needs translation
LIST_SHARE = 0.10  # a language on this share of the lines is listed
KANA_SHARE = 0.05  # Japanese pages are ~27 % kana, Chinese ones below 1 %
MIN_CASED_LETTERS = 8  # shorter Latin or Cyrillic runs are labels, numbers or names
MIN_OTHER_LETTERS = 2
SCANNED_LETTERS = 400  # a page mostly image with fewer letters is a scan: OCR it
SCANNED_COVER = 0.5  # share of the page covered by images that makes it look scanned
GARBLED_SHARE = 0.2  # Latin-1 signs in mojibake: Big5/GBK 0.9-1.0; Vietnamese 0.08
MIN_TEXT_PAGES = 5  # text layers are cheap (~1-10 ms a page): read at least this many
MAX_TEXT_PAGES = 20  # and this many at most
MAX_OCR_PAGES = 3  # OCR is 1-3 s a page: read this many at most
CONFIDENT_UNITS = 6  # classified lines needed before OCR may stop
CONFIDENT_MARGIN = 0.10  # and the foreign share this far from FLAG_SHARE
UNREAD_SCRIPT_UNITS = 8  # weight of a script OSD saw but no pack reads: about a page
DOCUMENT_SECONDS = 60.0  # OCR starts no new page after this

# Scripts several languages write: a model tells those languages apart.
MODEL_SCRIPTS = frozenset(language_model.SCRIPT_CANDIDATES)
CASED_SCRIPTS = frozenset({"LATIN", "CYRILLIC"})
# Languages so close that the model splits one document's lines between them.
SIBLINGS = (("id", "ms"), ("ru", "bg"), ("da", "nb"))

# Scripts written by one language we meet: the script is the verdict. Keys are Unicode
# script names as they open character names, which are also tesseract's OSD names.
SCRIPT_LANGUAGE: dict[str, str] = {
    "HAN": "zh",
    "KANA": "ja",
    "HANGUL": "ko",
    "KOREAN": "ko",
    "JAPANESE": "ja",
    "THAI": "th",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "HEBREW": "he",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "BENGALI": "bn",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
    "LAO": "lo",
    "MYANMAR": "my",
    "ETHIOPIC": "am",
    "KHMER": "km",
}
# Character-name prefixes that are not script names.
_ALIASES = {
    "CJK": "HAN",
    "IDEOGRAPHIC": "HAN",
    "HIRAGANA": "KANA",
    "KATAKANA": "KANA",
    "KATAKANA-HIRAGANA": "KANA",
}


@dataclass(frozen=True)
class LanguageResult:
    """The verdict on one document: its languages (main first) and how they were read."""

    languages: tuple[str, ...]
    needs_translation: bool
    method: str  # "text", "ocr" or "none" (nothing could be read)
    pages_read: int


# ---- scripts ----


@cache
def script_of(ch: str) -> str | None:
    """Return the script of a letter or mark (e.g. "LATIN", "HAN"); None for the rest."""
    if not (ch.isalpha() or unicodedata.category(ch).startswith("M")):
        return None
    words = unicodedata.name(ch, "").split()
    if words[:1] in (["FULLWIDTH"], ["HALFWIDTH"]):
        words = words[1:]
    if not words or words[0] == "COMBINING":
        return None
    return _ALIASES.get(words[0], words[0])


def count_scripts(text: str) -> Counter[str]:
    """Count the letters of each script in `text`."""
    return Counter(s for s in map(script_of, text) if s is not None)


def segments(line: str) -> Iterator[tuple[str, str]]:
    """Split a line into (script, text) runs; Han and kana share a run, as in Japanese."""
    current: str | None = None
    start = 0
    for i, ch in enumerate(line):
        script = script_of(ch)
        if script is None:
            continue
        script = "HAN" if script == "KANA" else script
        if script != current:
            if current is not None:
                yield current, line[start:i]
            current, start = script, i
    if current is not None:
        yield current, line[start:]


# ---- identification of a text ----


@dataclass(frozen=True)
class Unit:
    """One run of one script in one line: the thing whose language is counted."""

    script: str
    text: str


def units(text: str) -> list[Unit]:
    """Cut text into runs worth classifying, leaving out names, addresses and labels."""
    lines = text.splitlines()
    return (
        _units(lines, keep_names=False)
        # All capitals: no case tells names apart, but a form's values follow a colon.
        or _units([_label(line) for line in lines], keep_names=True)
        or _units(lines, keep_names=True)
    )


def _units(lines: list[str], *, keep_names: bool) -> list[Unit]:
    out: list[Unit] = []
    for line in lines:
        for script, run in segments(line):
            if script in CASED_SCRIPTS and not keep_names:
                run = _without_names(run)
            if _letters(run) >= _min_letters(script):
                out.append(Unit(script, run))
    return out


def _label(line: str) -> str:
    """Keep what comes before a colon: the value after it is a name, a date or an address."""
    return re.split(r"[:：]", line, maxsplit=1)[0]


def _min_letters(script: str) -> int:
    return MIN_CASED_LETTERS if script in CASED_SCRIPTS else MIN_OTHER_LETTERS


def _letters(run: str) -> int:
    return sum(1 for ch in run if script_of(ch) is not None)


def _without_names(run: str) -> str:
    """Keep the lower-case words of a run: capitalised ones are names, places, headings."""
    words = run.split()
    kept = [w for i, w in enumerate(words) if _is_common_word(w, first=i == 0)]
    return " ".join(kept) if len(kept) >= 2 else ""


def _is_common_word(word: str, *, first: bool) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return False
    if letters[0].islower():
        return True
    # A sentence's first word is capitalised; an all-capitals word is a name or heading.
    return first and any(ch.islower() for ch in letters[1:])


def kana_share(runs: list[Unit]) -> float:
    """Share of kana among the Han and kana letters: high for Japanese, ~0 for Chinese.

    Only kana written among kanji count: kana alone is OCR noise as often as Japanese.
    """
    cjk = kana = 0
    for run in runs:
        if run.script == "HAN":
            counts = count_scripts(run.text)
            cjk += counts["HAN"] + counts["KANA"]
            kana += counts["KANA"] if counts["HAN"] else 0
    return kana / cjk if cjk else 0.0


def tally(text: str) -> Counter[str]:
    """Count the classified runs of each language in `text`."""
    runs = units(text)
    han = "ja" if kana_share(runs) >= KANA_SHARE else "zh"
    langs = Counter[str]()
    modelled = [(u.script, u.text) for u in runs if u.script in MODEL_SCRIPTS]
    langs.update(lang for lang in language_model.classify_lines(modelled) if lang)
    for u in runs:
        if u.script == "HAN":
            langs[han] += 1
        elif u.script in SCRIPT_LANGUAGE:
            langs[SCRIPT_LANGUAGE[u.script]] += 1
    return langs


def foreign_share(counts: Counter[str]) -> float:
    """Share of the runs in a language that is neither Chinese nor English."""
    total = sum(counts.values())
    # Summed, so a language the model splits (Indonesian / Malay) still counts whole.
    return sum(n for lang, n in counts.items() if lang not in ACCEPTED) / total if total else 0.0


def verdict(counts: Counter[str]) -> tuple[tuple[str, ...], bool]:
    """Languages (main first) and whether a translation is needed, from run counts."""
    counts = _fold_siblings(counts)
    total = sum(counts.values())
    if not total:
        return (), False
    # On a tie the language that needs translating leads: it is the one to name.
    ranked = sorted(counts, key=lambda lang: (-counts[lang], lang in ACCEPTED))
    listed = [lang for lang in ranked if counts[lang] / total >= LIST_SHARE] or ranked[:1]
    needs = listed[0] not in ACCEPTED or foreign_share(counts) >= FLAG_SHARE
    if needs and set(listed) <= ACCEPTED:  # name the language that needs translating
        listed.append(next(lang for lang in ranked if lang not in ACCEPTED))
    return tuple(listed), needs


def _fold_siblings(counts: Counter[str]) -> Counter[str]:
    """Give a close sibling's lines to the language with more of them (the model splits these)."""
    folded = Counter(counts)
    for a, b in SIBLINGS:
        if folded[a] and folded[b]:
            major, minor = (a, b) if folded[a] >= folded[b] else (b, a)
            folded[major] += folded.pop(minor)
    return +folded


def identify_text(text: str) -> tuple[tuple[str, ...], bool]:
    """Return the languages of `text` (ISO 639-1, main first) and whether it needs translation."""
    return verdict(tally(text))


# ---- documents ----


@dataclass
class Evidence:
    """What the pages read so far say, and how they were read."""

    counts: Counter[str] = field(default_factory=Counter)
    text_pages: int = 0
    ocr_pages: int = 0
    deadline: float = field(default_factory=lambda: time.monotonic() + DOCUMENT_SECONDS)

    def add_text(self, text: str) -> None:
        self.counts += tally(text)
        self.text_pages += 1

    def add_reading(self, reading: ocr.Reading) -> None:
        self.counts += tally("\n".join(reading.lines))
        for script in reading.unread_scripts:
            if script.upper() in SCRIPT_LANGUAGE:
                self.counts[SCRIPT_LANGUAGE[script.upper()]] += UNREAD_SCRIPT_UNITS
        self.ocr_pages += 1

    def clock(self) -> ocr.Clock:
        """The time the next page may take: its own budget, within the document's."""
        return ocr.Clock(min(time.monotonic() + ocr.PAGE_SECONDS, self.deadline))

    def wants_ocr(self) -> bool:
        """True while one more OCR'd page could change the verdict."""
        if self.ocr_pages >= MAX_OCR_PAGES or time.monotonic() >= self.deadline:
            return False
        return self.ocr_pages == 0 or not self.confident()

    def confident(self) -> bool:
        if sum(self.counts.values()) < CONFIDENT_UNITS:
            return False
        return abs(foreign_share(self.counts) - FLAG_SHARE) >= CONFIDENT_MARGIN

    def result(self) -> LanguageResult:
        languages, needs = verdict(self.counts)
        method = "ocr" if self.ocr_pages else "text" if self.text_pages else "none"
        return LanguageResult(languages, needs, method, self.text_pages + self.ocr_pages)


UNDETERMINED = LanguageResult((), False, "none", 0)
BOMBS = (Image.DecompressionBombError, Image.DecompressionBombWarning)


def detect_document_language(path: Path, *, kind: str) -> LanguageResult:
    """Read as much of a PDF or image as a verdict needs and identify its languages."""
    return _judged(lambda: _read_pdf(path) if kind == "pdf" else _read_image(path))


def detect_pdf_language(pdf: PdfText) -> LanguageResult:
    """The same for a PDF already open, its loaded pages shared with the other checks."""
    return _judged(lambda: _read_pages(pdf))


def _judged(read: Callable[[], Evidence]) -> LanguageResult:
    try:
        evidence = read()
    except (OSError, ValueError, RuntimeError, PdfiumError, *BOMBS):
        return UNDETERMINED
    return evidence.result()


def _read_pdf(path: Path) -> Evidence:
    with PdfText(path) as pdf:
        return _read_pages(pdf)


def _read_pages(pdf: PdfText) -> Evidence:
    evidence = Evidence()
    for index in range(min(len(pdf), MAX_TEXT_PAGES)):
        if index >= MIN_TEXT_PAGES and evidence.confident():
            break
        text = pdf.text(index)
        if not _looks_scanned(pdf, index, text):
            evidence.add_text(text)
        elif evidence.wants_ocr():
            evidence.add_reading(ocr.read_page(pdf.image(index), clock=evidence.clock()))
    return evidence


def _looks_scanned(pdf: PdfText, index: int, text: str) -> bool:
    """True when a page's text layer is missing, garbled, or a stamp on top of a scan."""
    letters = _letters(text)
    if not letters or _garbled(text):
        return True
    # A short text layer over a picture is a stamp or a page number; alone, it is the text.
    return letters < SCANNED_LETTERS and pdf.image_cover(index) >= SCANNED_COVER


def _garbled(text: str) -> bool:
    """True for text decoded with the wrong code page (GBK, Big5, EUC-KR read as Latin-1)."""
    chars = [ch for ch in text if not ch.isspace()]
    latin1 = sum(1 for ch in chars if 0x80 <= ord(ch) <= 0xFF)
    return latin1 >= GARBLED_SHARE * len(chars)


def _read_image(path: Path) -> Evidence:
    evidence = Evidence()
    for page in ocr.load_pages(path):
        if not evidence.wants_ocr():
            break
        evidence.add_reading(ocr.read_page(page, clock=evidence.clock()))
    return evidence


def language_findings(result: LanguageResult) -> list[Finding]:
    """Say what the language verdict means for the applicant, if anything."""
    if result.needs_translation:
        foreign = next((lang for lang in result.languages if lang not in ACCEPTED), "")
        return [Finding.make(NEEDS_TRANSLATION, Severity.ERROR, language=language_name(foreign))]
    if not result.languages:
        return [Finding.make("language_undetermined", Severity.WARNING)]
    return []
