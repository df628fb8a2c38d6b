"""Processes killed mid-work: a web worker mid-upload, the job worker mid-check.

Each leaves no half-stored document, and the service recovers: gunicorn
replaces the worker; `tracker checks retry` and a new `tracker worker` finish
the check, and a running `tracker worker` takes over a killed one's check by itself.
"""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from tests import servers
from tests.live import (
    TRACKER,
    Applicant,
    checking_children,
    descendants,
    environment,
    kill_tree,
    serving,
    wait_until,
)
from tests.web.uploading import INDONESIAN, pdf_bytes, png_bytes
from tracker.storage.local import LocalStorage

pytestmark = pytest.mark.slow  # real server processes

# 40 pages: its check takes ~1.5 s here, time to catch the worker in the middle of it.
LONG_CHECK = pdf_bytes(INDONESIAN, pages=40)


def half_an_upload(base: str, family: Applicant) -> socket.socket:
    """Send the first 3 MB of an 8 MB upload and keep the connection open."""
    port = int(base.rsplit(":", 1)[1])
    cookie = "; ".join(f"{c.name}={c.value}" for c in family.http.cookies)
    boundary = "----faultboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{family.token}\r\n--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(
        (
            f"POST /items/{family.items['A4']}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {len(head) + 8 * 1024 * 1024}\r\n\r\n"
        ).encode()
        + head
        + b"0" * 3 * 1024 * 1024
    )
    return sock


def test_a_web_worker_killed_mid_upload_leaves_nothing_and_is_replaced(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with serving(env, tmp_path, workers=2) as (master, base):
        family = Applicant(base)
        workers = psutil.Process(master.pid).children()
        with half_an_upload(base, family):
            time.sleep(0.5)
            for worker in workers:
                worker.kill()
        wait_until(lambda: len(psutil.Process(master.pid).children()) == 2, what="new workers")
        wait_until(lambda: _healthy(family), what="the server to answer again", seconds=60)
        assert family.upload("A1", png_bytes(), "me.png").status_code == 200
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        names = db.execute("select original_name from documents").fetchall()
    assert names == [("me.png",)]
    assert len(list(LocalStorage(tmp_path / "uploads").keys())) == 1


def _healthy(family: Applicant) -> bool:
    try:
        return family.http.get(f"{family.base}/healthz", timeout=5).status_code == 200
    except OSError:
        return False


def start_worker(env: dict[str, str], cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [TRACKER, "worker", *args],
        env=env,
        cwd=cwd,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_job_worker_killed_mid_check_loses_nothing(tmp_path: Path) -> None:
    with servers.redis(tmp_path / "redis") as url:
        env = environment(tmp_path, TRACKER_REDIS_URL=url)
        with serving(env, tmp_path) as (_master, base):
            family = Applicant(base)
            assert family.upload("A4", LONG_CHECK, "akta.pdf").status_code == 200
            worker = start_worker(env, tmp_path)
            wait_until(lambda: checking_children(worker.pid), what="the worker's check to start")
            kill_tree(worker.pid)  # mid-check: its isolated child is working
            worker.wait(timeout=10)
            assert family.item("A4")["status"] == "checking"

            retry = [TRACKER, "checks", "retry", "--stale-minutes", "0"]
            subprocess.run(retry, env=env, cwd=tmp_path, check=True, capture_output=True)
            again = [TRACKER, "worker", "--burst"]
            subprocess.run(again, env=env, cwd=tmp_path, check=True, capture_output=True)
            assert family.item("A4")["status"] == "needs_translation"


def test_a_running_worker_takes_over_the_check_of_a_killed_one(tmp_path: Path) -> None:
    from tracker.services.check_queue import LOST_AFTER

    with servers.redis(tmp_path / "redis") as url:
        env = environment(tmp_path, TRACKER_REDIS_URL=url)
        with serving(env, tmp_path) as (_master, base):
            family = Applicant(base)
            assert family.upload("A4", LONG_CHECK, "akta.pdf").status_code == 200
            first = start_worker(env, tmp_path)
            second: subprocess.Popen[bytes] | None = None
            try:
                wait_until(lambda: checking_children(first.pid), what="the first check to start")
                frozen = [psutil.Process(first.pid), *descendants(first.pid)]
                for process in frozen:
                    process.send_signal(signal.SIGSTOP)  # alive, but no progress
                assert family.item("A4")["status"] == "checking"
                second = start_worker(env, tmp_path, "--sweep-seconds", "1")
                time.sleep(LOST_AFTER.total_seconds() + 5)  # several sweeps
                assert family.item("A4")["status"] == "checking"  # a live worker's job is kept
                assert not checking_children(second.pid)
                kill_tree(first.pid)
                first.wait(timeout=10)
                wait_until(
                    lambda: family.item("A4")["status"] == "needs_translation",
                    what="the second worker to take the check over",
                    seconds=90,
                )
            finally:
                for worker in (first, second):
                    if worker is not None:
                        kill_tree(worker.pid)
                        worker.wait(timeout=10)
