"""Time, memory and size of the bundle's index PDF: Latin text, and Chinese with each CJK font.

Run: .venv/bin/python -m benchmarks.bundle_index
Each variant renders a 40-line index (fpdf2 embeds only the glyphs used) in a
fresh child process, three times; the table prints the median time, the child's
peak resident size, the PDF's size and the ratios against the Latin-only index
(the built-in font, no CJK font read). "Noto Sans CJK" is fonts-noto-cjk's 19 MB
OpenType collection the index used before (its first face: same cost); the index
now uses WenQuanYi Micro Hei (5 MB TrueType), whose text pypdf also extracts.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from tracker.services.bundle_index import CJK_FONT

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
RUNS = 3
CHILD = """
import json, resource, sys, time
from pathlib import Path
from tracker.services import bundle_index as bi
lang, font = sys.argv[1], Path(sys.argv[2])
words = bi.IndexWords(("Item", "Person", "Document", "Status", "Files"), "Not ready")
person = "陳大文 (保證人)" if lang == "zh" else "Daniel Reyes (Sponsor)"
title = "保證人的經濟狀況證明" if lang == "zh" else "Proof of the sponsor's financial position"
lines = [
    bi.IndexLine(f"B{n}", person, title, "accepted", "已接納" if lang == "zh" else "Accepted",
                 (f"{n:02d} Daniel Reyes - B{n} Proof of the sponsor's financial position.pdf",))
    for n in range(40)
]
summary = bi.IndexSummary(title, [("Program", title)] * 10, lines[:5], words)
start = time.perf_counter()
pdf = bi.index_pdf(summary, lines, cjk_font=font)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_kib": peak, "bytes": len(pdf)}))
"""


def measure(lang: str, font: Path) -> dict[str, float]:
    runs = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, lang, str(font)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(json.loads(done.stdout))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "peak_mib": statistics.median(r["peak_kib"] for r in runs) / 1024,
        "kib": runs[0]["bytes"] / 1024,
    }


def main() -> None:
    variants = {
        "Latin only (baseline)": ("en", CJK_FONT),
        "Chinese, WenQuanYi Micro Hei": ("zh", CJK_FONT),
        "Chinese, Noto Sans CJK (before)": ("zh", NOTO),
    }
    base = measure(*variants["Latin only (baseline)"])
    print(f"{'index':34} {'time ms':>8} {'x':>6} {'peak MiB':>9} {'x':>6} {'PDF KiB':>8}")
    for name, (lang, font) in variants.items():
        got = base if lang == "en" else measure(lang, font)
        print(
            f"{name:34} {got['seconds'] * 1000:8.0f} {got['seconds'] / base['seconds']:6.1f}"
            f" {got['peak_mib']:9.1f} {got['peak_mib'] / base['peak_mib']:6.2f} {got['kib']:8.1f}"
        )


if __name__ == "__main__":
    main()
