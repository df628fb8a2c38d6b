"""Time and peak memory of the Flate bomb and the huge-page PDF, before and after the limits.

Run: .venv/bin/python -m benchmarks.pdf_limits
Each case runs in a fresh process (peak resident size from the kernel's rusage)
capped at CAP_MB of address space and TIMEOUT s, so the old behaviour is shown
without taking the machine down. "before" is what the old code did with these
files (validation passed them, then pdfium drew or read them); "after" is what
the code does now: pypdf refuses them first, and the preview drawn in the
isolated child is bounded in pixels even for a page that skipped validation.
The baseline is a process that only imports the same modules; the figures are the
differences from it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.validation.samples import flate_bomb_pdf, huge_page_pdf

CAP_MB = 2048  # an old-code case that would need more is stopped here
TIMEOUT = 60.0

IMPORTS = "import pypdfium2, tracker.validation.pipeline, tracker.validation.thumbnail\n"
CASES = {
    "baseline (imports only)": "",
    # services/previews.py before: first page at 320 px height, scale up to 2, any width.
    "before: preview, pdfium at a fixed height": (
        "pdf = pypdfium2.PdfDocument(PATH); page = pdf[0]\n"
        "page.render(scale=min(320 / max(page.get_height(), 1), 2.0)).to_pil()\n"
    ),
    # language detection before: pdfium's text layer of every page it read.
    "before: text layer, pdfium": (
        "pdf = pypdfium2.PdfDocument(PATH); pdf[0].get_textpage().get_text_bounded()\n"
    ),
    "after: validate_file (pypdf, parent)": (
        "from tracker.validation.limits import Limits\n"
        "from tracker.validation.pipeline import validate_file\n"
        "r = validate_file(PATH, name='x.pdf', limits=Limits())\n"
        "print([f.code for f in r.findings], file=sys.stderr)\n"
    ),
    # The backstop: a file that skipped validation, drawn through the isolated child
    # under its default limits (ChildLimits), as the check job does.
    "after: preview via run_isolated, unvalidated": (
        "from tracker.isolation import IsolationError, run_isolated\n"
        "from tracker.validation.thumbnail import preview_png\n"
        "try:\n    png = run_isolated(preview_png, PATH, 'pdf', timeout=30)\n"
        "    print(f'{len(png or b\"\")} byte PNG', file=sys.stderr)\n"
        "except IsolationError as exc:\n    print(exc, file=sys.stderr)\n"
    ),
}


def run(code: str, path: Path) -> tuple[float, float, str]:
    """Seconds, peak resident MB and outcome of `code` in a fresh capped process."""
    script = f"import sys\nfrom pathlib import Path\nPATH = Path({str(path)!r})\n{IMPORTS}{code}"
    started = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", script], stderr=subprocess.PIPE, preexec_fn=_cap
    )
    timer = threading.Timer(TIMEOUT, child.kill)
    timer.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    timer.cancel()
    assert child.stderr is not None
    said = child.stderr.read().decode(errors="replace").strip().splitlines()
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, _outcome(child.returncode, said, seconds)


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP_MB * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _outcome(code: int, said: list[str], seconds: float) -> str:
    if seconds >= TIMEOUT:
        return f"stopped after {TIMEOUT:g} s"
    if code != 0:
        last = said[-1] if said else ""
        return f"died ({code}) at the {CAP_MB} MB cap: {last[:60]}"
    return said[-1] if said else "done"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "Flate bomb (1.5 MB, ~400 MB of content)": Path(folder) / "bomb.pdf",
            "huge page (1,000,000 x 100 pt)": Path(folder) / "huge.pdf",
        }
        for (name, path), data in zip(
            files.items(), (flate_bomb_pdf(), huge_page_pdf()), strict=True
        ):
            path.write_bytes(data)
            print(f"\n{name}: {len(data):,} bytes")
            print(f"  {'case':44} {'+seconds':>8} {'+peak MB':>8}  outcome (vs the baseline)")
            base: tuple[float, float] | None = None
            for case, code in CASES.items():
                seconds, peak, outcome = run(code, path)
                base = base or (seconds, peak)
                print(f"  {case:44} {seconds - base[0]:8.2f} {peak - base[1]:8.0f}  {outcome}")


if __name__ == "__main__":
    main()
