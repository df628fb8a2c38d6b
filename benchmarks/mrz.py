"""MRZ reading: fields read per kind of specimen, tampered pages caught, seconds per page.

Run from the project root: `.venv/bin/python -m benchmarks.mrz`. It generates the
specimens of tests/validation/passports.py (ten made-up people in TD3, TD2 and TD1
layouts; clean 300-dpi scans, phone photos, pages turned 90° and 180°, 150-dpi scans,
a tampered birth date; each as an image and as a PDF; and a page with no zone), reads
each in the isolated child as the background check does, and, as the baseline in the
same run, reads the same zone crops with tesseract's English model (MRZ characters
only). Figures only: nothing here asserts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from benchmarks.checking import cpu_seconds, load
from tests.validation.passports import Specimen, expected, specimens
from tracker.isolation import child_pid, run_isolated
from tracker.validation.icao import Mrz, parse_zone
from tracker.validation.mrz import read_mrz
from tracker.validation.mrz_zone import zone_crops

FIELDS: tuple[str, ...] = ("document_type", "issuing_state", "surname", "given_names")
FIELDS += ("document_number", "nationality", "birth_date", "sex", "expiry_date")
TESSERACT = ["tesseract", "-", "-", "--psm", "6", "-l", "eng"]
TESSERACT += ["-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"]


@dataclass
class Tally:
    pages: int = 0
    all_fields: int = 0
    fields: int = 0
    right: int = (
        0  # all fields for a genuine page, a failed check for a tampered one, None for none
    )
    seconds: list[float] | None = None
    cpu: list[float] | None = None  # the isolated child's CPU seconds (ours only)


def judge(specimen: Specimen, reading: Mrz | None) -> tuple[int, bool]:
    """(fields read right, whether the page's verdict is right)."""
    if specimen.person is None:
        return 0, reading is None
    want = expected(specimen.person)
    got = reading.to_dict() if reading else {}
    fields = sum(got.get(f) == want[f] for f in FIELDS)
    if specimen.tampered:
        return fields, reading is not None and not reading.checksums_ok
    return fields, fields == len(FIELDS) and reading is not None and reading.checksums_ok


def tesseract_baseline(page: Image.Image) -> Mrz | None:
    """The same crops, read by tesseract's English model instead of OCR-B cells."""
    best = None
    for crop in zone_crops(page):
        for turned in (crop, crop.rotate(180)):
            path = Path(tempfile.mkstemp(suffix=".png")[1])
            turned.save(path)
            env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
            out = subprocess.run(  # noqa: S603 - fixed program
                [*TESSERACT[:1], str(path), *TESSERACT[2:]], capture_output=True, env=env
            ).stdout.decode()
            path.unlink()
            lines = [line.replace(" ", "") for line in out.splitlines() if len(line) >= 20]
            found = parse_zone(lines)
            if found is not None and found.checksums_ok:
                return found
            best = best or found
    return best


def measure(items: list[Specimen], folder: Path) -> tuple[dict[str, Tally], dict[str, Tally]]:
    ours: dict[str, Tally] = defaultdict(Tally)
    base: dict[str, Tally] = defaultdict(Tally)
    warm = folder / "warm.image"  # start the isolated child before any page is timed
    warm.write_bytes(items[0].data)
    run_isolated(read_mrz, warm, items[0].file_kind, timeout=60)
    for index, specimen in enumerate(items):
        path = folder / f"{index}.{specimen.file_kind}"
        path.write_bytes(specimen.data)
        start, cpu = time.perf_counter(), cpu_seconds(child_pid())
        reading = run_isolated(read_mrz, path, specimen.file_kind, timeout=60)
        record(ours[specimen.kind], specimen, reading, time.perf_counter() - start)
        ours[specimen.kind].cpu = [*(ours[specimen.kind].cpu or []), cpu_seconds(child_pid()) - cpu]
        if specimen.file_kind == "image":
            with Image.open(path) as img:
                start = time.perf_counter()
                reading = tesseract_baseline(img.convert("L"))
                record(base[specimen.kind], specimen, reading, time.perf_counter() - start)
    return ours, base


def record(tally: Tally, specimen: Specimen, reading: Mrz | None, seconds: float) -> None:
    fields, right = judge(specimen, reading)
    tally.pages += 1
    tally.fields += fields
    tally.all_fields += fields == len(FIELDS)
    tally.right += right
    tally.seconds = [*(tally.seconds or []), seconds]


def report(ours: dict[str, Tally], base: dict[str, Tally]) -> None:
    print(f"{'specimen kind':22} {'pages':>5} {'right':>6} {'fields':>7} {'median s':>9}"
          f" {'max s':>6} {'cpu med':>7} {'cpu max':>7} | {'tesseract right':>15} {'fields':>7}"
          f" {'median s':>9}")  # fmt: skip
    for kind, t in ours.items():
        b = base.get(kind)
        seconds, cpu = t.seconds or [0.0], t.cpu or [0.0]
        line = (f"{kind:22} {t.pages:5} {t.right:3}/{t.pages:<2} {pct(t.fields, t.pages):>7}"
                f" {statistics.median(seconds):9.2f} {max(seconds):6.2f}"
                f" {statistics.median(cpu):7.2f} {max(cpu):7.2f}")  # fmt: skip
        if b is not None:
            line += (f" | {b.right:11}/{b.pages:<3} {pct(b.fields, b.pages):>7}"
                     f" {statistics.median(b.seconds or [0.0]):9.2f}")  # fmt: skip
        print(line)
    total = [t for t in ours.values()]
    pages = sum(t.pages for t in total)
    seconds = [s for t in total for s in (t.seconds or [])]
    cpu = [s for t in total for s in (t.cpu or [])]
    print(f"all: {sum(t.right for t in total)}/{pages} pages right; median "
          f"{statistics.median(seconds):.2f} s, max {max(seconds):.2f} s a page; cpu median "
          f"{statistics.median(cpu):.2f} s, max {max(cpu):.2f} s; load {load()}")  # fmt: skip
    ours_t = statistics.median(s for k, t in ours.items() if k in base for s in t.seconds or [])
    base_t = statistics.median(s for t in base.values() for s in t.seconds or [])
    print(f"time ratio ours/tesseract (images): {ours_t / base_t:.2f}")


def pct(fields: int, pages: int) -> str:
    return f"{100 * fields / (pages * len(FIELDS)):.0f}%"


def main() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    start = time.perf_counter()
    print(f"load at the start: {load()}")
    items = specimens()
    print(
        f"{len(items)} specimens generated in {time.perf_counter() - start:.0f} s", file=sys.stderr
    )
    with tempfile.TemporaryDirectory() as folder:
        ours, base = measure(items, Path(folder))
    report(ours, base)


if __name__ == "__main__":
    main()
