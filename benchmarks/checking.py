"""Issue 13's targets for checking documents, each measured beside its baseline in one run.

Run from the project root: `.venv/bin/python -m benchmarks.checking`. It generates the
language samples (text PDFs, 12 MP phone photos, a 5 MB PDF) in a temporary folder and
measures, through the real commands and server:

* a cold `tracker validate` of 19 text PDFs (one process, language included);
* each of a batch of further text PDFs, checked as that command checks them once the
  first has started the isolated child, timed directly, against `file` + `pdftotext`;
* the peak resident memory of one `tracker validate` of a text PDF, child processes
  included (the sum of each process's own peak: an upper bound);
* the server's process tree (web and its child processes) after checking 21 documents;
* a phone photo's check, per page read, wall and CPU (the child's included) and the
  load at the time, against `tesseract -l eng` alone on it;
* the web's answer to a 5 MB upload (checks run after), against a GET of the login page.

Figures only: nothing here asserts. Each line ends with the figure over its target.
`--only further` measures the further text PDFs alone (a minute instead of several).
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import random
import re
import resource
import sqlite3
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

from fpdf import FPDF
from PIL import Image

from benchmarks.upload_memory import peak_kib
from tests.test_crash_upload import TRACKER, logged_in_cookie_and_token, start_server
from tests.validation.lang_samples import BY_NAME, SAMPLES, phone_page, text_pdf

RUNS = 3  # the median of this many runs of each timing
TEXT_PDFS = 19
PHONE = ("vietnamese", "chinese_simplified")  # two scripts, two sets of tesseract packs


@dataclass(frozen=True)
class Target:
    what: str
    unit: str
    limit: float


TARGETS = {
    "cold": Target("cold `tracker validate` of 19 text PDFs", "s", 1.5),
    "further": Target("each further text PDF / (file + pdftotext)", "x", 0.5),
    "peak": Target("peak RSS of one `tracker validate` of a text PDF", "MB", 200),
    "server": Target("server process tree after checking 21 documents", "MB", 400),
    "phone": Target("a phone scan, language decided, per page", "s", 2.0),
    "upload": Target("web answer to a 5 MB upload (checks after)", "s", 0.3),
}


def report(key: str, figure: float, detail: str) -> None:
    target = TARGETS[key]
    verdict = "met" if figure <= target.limit else "MISSED"
    print(
        f"  {target.what:52} {figure:8.3f} {target.unit:2} (target ≤ {target.limit:g}: "
        f"{figure / target.limit:.2f} of it, {verdict})  {detail}"
    )


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds
    cpu: float  # user + system seconds: a loaded machine stretches wall time, not this


def cpu_seconds(also: int | None = None) -> float:
    """CPU time of this process and its finished children, plus `also`'s and its children's."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    if also is not None:
        fields = Path(f"/proc/{also}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


def median_time(fn: Callable[[], object], runs: int = RUNS, also: int | None = None) -> Timing:
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), cpu_seconds(also)
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds(also) - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


def run(*argv: str | Path) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run([str(a) for a in argv], capture_output=True, check=True, env=env)


# ---- the command line ----


def command_line(folder: Path) -> None:
    pdfs = [text_pdf(s, folder / f"{s.name}.pdf") for s in SAMPLES[:TEXT_PDFS]]
    cold = median_time(lambda: run(TRACKER, "validate", *pdfs))
    one = median_time(lambda: run(TRACKER, "validate", pdfs[0]))
    detail = f"cpu {cold.cpu:.2f} s; one PDF: {one.wall:.2f} s, cpu {one.cpu:.2f} s"
    report("cold", cold.wall, f"({detail})")
    further_pdfs(folder, pdfs)
    peaks = [tree_peak_mb([TRACKER, "validate", str(pdfs[0])]) for _ in range(RUNS)]
    report("peak", statistics.median(peaks), f"(runs: {', '.join(f'{p:.0f}' for p in peaks)})")


def further_pdfs(folder: Path, pdfs: list[Path]) -> None:
    """A batch of further text PDFs, each checked as `tracker validate` checks it, once the
    first has started the isolated child: timed directly, against `file` + `pdftotext`."""
    from tracker.isolation import child_pid
    from tracker.services.file_checks import check_file, limits_for

    limits = limits_for(None)
    check_file(pdfs[0], name=pdfs[0].name, limits=limits)  # start the child, load the code
    batch = [text_pdf(s, folder / f"further_{s.name}.pdf") for s in SAMPLES[:TEXT_PDFS]]

    def check_batch() -> None:
        for path in batch:
            check_file(path, name=path.name, limits=limits)

    timing = median_time(check_batch, also=child_pid())
    further = Timing(timing.wall / len(batch), timing.cpu / len(batch))
    spawns = [median_time(partial(file_and_pdftotext, p)) for p in batch]
    spawn = Timing(
        statistics.median(t.wall for t in spawns), statistics.median(t.cpu for t in spawns)
    )
    ms = f"{further.wall * 1000:.1f} ms vs {spawn.wall * 1000:.1f} ms"
    cpu = f"cpu {further.cpu * 1000:.1f} vs {spawn.cpu * 1000:.1f} ms"
    detail = f"{len(batch)} PDFs; {ms}; {cpu}: {further.cpu / spawn.cpu:.2f}x"
    report("further", further.wall / spawn.wall, f"({detail}; load {load()})")


def file_and_pdftotext(path: Path) -> None:
    run("file", path)
    run("pdftotext", "-q", path, "-")


def tree_peak_mb(argv: list[str]) -> float:
    """Run `argv` and add up the peak resident memory of it and of every child it starts."""
    peaks: dict[int, int] = {}
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while process.poll() is None:
        for pid in tree(process.pid):
            try:
                peaks[pid] = max(peaks.get(pid, 0), peak_kib(pid))
            except (OSError, RuntimeError):  # exited between the listing and the read
                continue
        time.sleep(0.002)
    return sum(peaks.values()) / 1024


def tree(root: int) -> list[int]:
    """`root` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_rss_mb(root: int) -> float:
    total = 0
    for pid in tree(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next(int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:"))
    return total / 1024


# ---- phone scans ----


def phone_scans(folder: Path) -> list[Path]:
    return [phone_page(BY_NAME[name], folder / f"{name}.jpg") for name in PHONE]


def phone(paths: list[Path]) -> None:
    """Each photo (one page) checked through the route uploads take: the isolated child."""
    from tracker.isolation import child_pid, run_isolated
    from tracker.validation.language_verdict import language_verdict

    run_isolated(language_verdict, paths[0], "image", timeout=600)  # start the child
    child = child_pid()
    ours, alone = [], []
    for path in paths:
        check = partial(run_isolated, language_verdict, path, "image", timeout=600)
        ours.append(median_time(check, 1, also=child))
        alone.append(median_time(partial(run, "tesseract", path, "-", "-l", "eng"), 1))
    wall = statistics.median(t.wall for t in ours)
    cpu = statistics.median(t.cpu for t in ours)
    base = Timing(statistics.median(t.wall for t in alone), statistics.median(t.cpu for t in alone))
    each = ", ".join(f"{t.wall:.2f}/{t.cpu:.2f}" for t in ours)
    report(
        "phone",
        wall,
        f"(cpu {cpu:.2f} s; wall/cpu per page {each}; tesseract -l eng alone: {base.wall:.2f} s,"
        f" cpu {base.cpu:.2f} s, {wall / base.wall:.2f}x; load {load()})",
    )


# ---- the server ----


def big_pdf(path: Path) -> Path:
    """A one-page PDF carrying a ~5 MB photo of noise (JPEG barely compresses noise)."""
    side = 2200  # ~1.1 bytes a pixel at quality 95
    noise = random.Random(13).randbytes(side * side * 3)
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(buf, format="JPEG", quality=95)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buf, x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def server(folder: Path, documents: list[Path]) -> None:
    folder.mkdir()
    process, port = start_server(folder)
    try:
        cookie, token, item = logged_in_cookie_and_token(port)
        post = Poster(port, cookie, token, item)
        post.items = [int(i) for i in re.findall(r'data-item-id="(\d+)"', post.get("/cases"))]
        for doc in documents:
            post.upload(doc)
        checked = wait_for_checks(folder / "db.sqlite")
        rss, processes = tree_rss_mb(process.pid), len(tree(process.pid))
        report(
            "server", rss, f"({processes} processes; {len(documents)} checked in {checked:.1f} s)"
        )
        big = big_pdf(folder / "big.pdf")
        answers = [post.upload(big) for _ in range(RUNS)]
        login = median_time(lambda: post.get("/login"))
        size = big.stat().st_size / 2**20
        figure = statistics.median(answers)
        report("upload", figure, f"({size:.1f} MB; GET /login: {login.wall * 1000:.0f} ms)")
    finally:
        for pid in reversed(tree(process.pid)):
            os.kill(pid, 15)
        process.wait(timeout=30)


class Poster:
    """Uploads files to one item as the logged-in demo applicant, over plain HTTP."""

    def __init__(self, port: int, cookie: str, token: str, item: int) -> None:
        self.port = port
        self.cookie, self.token, self.items = cookie, token, [item]

    def get(self, url: str) -> str:
        """GET `url` (following a redirect, as /cases makes to a family's one case)."""
        with self._connection() as conn:
            conn.request("GET", url, headers={"Cookie": self.cookie})
            answer = conn.getresponse()
            body = answer.read().decode()
        location = answer.getheader("Location")
        return self.get(location) if answer.status in (301, 302, 303) and location else body

    def upload(self, path: Path) -> float:
        """Upload to the first item that takes it (an item holds a limited number of files)."""
        while self.items:
            seconds = self._upload(path, self.items[0])
            if seconds is not None:
                return seconds
            self.items.pop(0)
        raise RuntimeError(f"no item took {path.name}")

    def _upload(self, path: Path, item: int) -> float | None:
        boundary = "----checkingbenchmark"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
                f"{self.token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
                f'name="file"; filename="{path.name}"\r\nContent-Type: application/octet-stream'
                "\r\n\r\n"
            ).encode()
            + path.read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {
            "Cookie": self.cookie,
            "Accept": "application/json",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        start = time.perf_counter()
        with self._connection() as conn:
            conn.request("POST", f"/items/{item}/documents", body=body, headers=headers)
            answer = conn.getresponse()
            answer.read()
        return time.perf_counter() - start if answer.status == 200 else None

    @contextmanager
    def _connection(self) -> Iterator[http.client.HTTPConnection]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            yield conn
        finally:
            conn.close()


def wait_for_checks(database: Path, timeout: float = 600) -> float:
    """Seconds until no document is still being checked."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        with sqlite3.connect(database) as db:
            (left,) = db.execute(
                "select count(*) from documents where check_state = 'checking'"
            ).fetchone()
        if not left:
            return time.perf_counter() - start
        time.sleep(0.2)
    raise RuntimeError("checks did not finish")


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes): wall times stretch with them."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description="Issue 13's checking targets.")
    parser.add_argument("--only", choices=["further"], help="measure this target alone")
    only = parser.parse_args().only
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load()}; medians of {RUNS}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if only == "further":
            pdfs = [text_pdf(s, folder / f"{s.name}.pdf") for s in SAMPLES[:TEXT_PDFS]]
            further_pdfs(folder, pdfs)
            return
        command_line(folder)
        photos = phone_scans(folder)
        phone(photos)
        documents = [folder / f"{s.name}.pdf" for s in SAMPLES[:TEXT_PDFS]] + photos
        server(folder / "server", documents)


if __name__ == "__main__":
    main()
