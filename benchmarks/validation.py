"""How long the validation pipeline takes per file and per page, beside `pdfinfo` + `file`.

Run from the project root: `.venv/bin/python -m benchmarks.validation`. It generates
text PDFs, scans (image-only PDFs) and phone photos in a temporary folder, validates
each in-process, runs Debian's `pdfinfo` (PDFs only) and `file --mime-type` on the
same file as separate processes, and prints the medians and their ratio. Figures
only: nothing here asserts on time.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import PIL
import pypdf

from tests.validation import samples
from tracker.validation.limits import Limits
from tracker.validation.pipeline import FileReport, validate_file

# Big enough that the size gate never stops a sample before its deep checks.
LIMITS = Limits(max_bytes=200 * 1024 * 1024, max_pages=500)


@dataclass(frozen=True)
class Sample:
    name: str
    make: Callable[[], bytes]
    runs: int


SAMPLES = [
    Sample("text-1p.pdf", lambda: samples.text_pdf(1), 15),
    Sample("text-20p.pdf", lambda: samples.text_pdf(20), 9),
    Sample("text-100p.pdf", lambda: samples.text_pdf(100), 5),
    Sample("scan-1p.pdf", lambda: samples.scan_pdf(1, dpi=200), 9),
    Sample("scan-10p.pdf", lambda: samples.scan_pdf(10, dpi=200), 5),
    Sample("scan-50p.pdf", lambda: samples.scan_pdf(50, dpi=200), 3),
    Sample("scan-1p.jpg", lambda: samples.jpeg(1654, 2339, mode="L", text=True), 9),
    Sample("phone-12mp.jpg", lambda: samples.noise_jpeg(4000, 3000, quality=90), 5),
    Sample("phone-12mp.heic", lambda: samples.noise_heic(4000, 3000), 3),
]


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Run `action` `runs` times and return the median wall time in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def c_tools(path: Path, is_pdf: bool) -> None:
    """What a sysadmin would run: `file` for the type, `pdfinfo` for a PDF's pages."""
    subprocess.run(["file", "--mime-type", str(path)], capture_output=True, check=True)
    if is_pdf:
        subprocess.run(["pdfinfo", str(path)], capture_output=True, check=False)


def measure(sample: Sample, folder: Path) -> str:
    path = folder / sample.name
    path.write_bytes(sample.make())

    def check() -> FileReport:
        return validate_file(path, name=sample.name, limits=LIMITS)

    report = check()  # warm the caches: libmagic, pillow-heif registration
    ours = median_ms(check, sample.runs)
    theirs = median_ms(lambda: c_tools(path, report.kind == "pdf"), sample.runs)
    pages = report.pages or 1
    verdict = "ok" if report.ok else ",".join(f.code for f in report.findings)
    return (
        f"{sample.name:<16} {path.stat().st_size / 1e6:>8.2f} {pages:>5} {ours:>10.1f} "
        f"{ours / pages:>9.2f} {theirs:>10.1f} {ours / theirs:>7.2f}  {verdict}"
    )


def header() -> str:
    return (
        f"Python {platform.python_version()}, pypdf {pypdf.__version__}, "
        f"Pillow {PIL.__version__}, {os.cpu_count()} CPUs; medians of repeated runs\n\n"
        f"{'file':<16} {'MB':>8} {'pages':>5} {'ours ms':>10} {'ms/page':>9} "
        f"{'C tools ms':>10} {'ratio':>7}  verdict"
    )


def main() -> None:
    print(header())
    with tempfile.TemporaryDirectory() as folder:
        for sample in SAMPLES:
            print(measure(sample, Path(folder)), flush=True)
    print(
        "\nours = tracker.validation.validate_file in-process (sha256, libmagic, pypdf or a "
        "full Pillow decode);\nC tools = `file --mime-type` (+ `pdfinfo` for PDFs), each a "
        "new process; ratio = ours / C tools."
    )


if __name__ == "__main__":
    main()
