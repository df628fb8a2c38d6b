"""A real `tracker serve` (or `tracker worker`) in its own process group, and a browser-like client.

For the tests that need real processes: signals, restarts, several workers.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
import requests

from tests.servers import free_port

TRACKER = str(Path(sys.executable).with_name("tracker"))
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ITEM = re.compile(r'data-item-code="(\w+)"[^>]*?data-item-id="(\d+)"', re.DOTALL)


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    """An instance in tmp_path: SQLite (unless given), its own store, migrated and seeded."""
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "TRACKER_UPLOAD_DIR": str(tmp_path / "uploads"),
        **extra,
    }
    for args in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([TRACKER, *args], env=env, check=True, capture_output=True, cwd=tmp_path)
    return env


@contextmanager
def serving(env: dict[str, str], cwd: Path, workers: int = 2) -> Iterator[tuple[Any, str]]:
    """Start `tracker serve` on a free port; yield the master and its base URL; kill all at exit."""
    port = free_port()
    with (cwd / f"serve-{port}.log").open("wb") as log:
        master = subprocess.Popen(
            [TRACKER, "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _answers(f"{base}/healthz"), what="tracker serve", seconds=60)
        yield master, base
    finally:
        kill_tree(master.pid)
        master.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:  # not listening yet, or still starting
        return False


def wait_until(condition: Any, *, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def descendants(pid: int) -> list[psutil.Process]:
    children: list[psutil.Process] = psutil.Process(pid).children(recursive=True)
    return children


def checking_children(pid: int) -> list[psutil.Process]:
    """The process's isolated checking children (not RQ's scheduler, also a child)."""
    found = []
    for process in descendants(pid):
        try:
            if "tracker.isolation" in " ".join(process.cmdline()):
                found.append(process)
        except psutil.NoSuchProcess:
            continue
    return found


def alive(process: psutil.Process) -> bool:
    try:
        status: str = process.status()
        return status != str(psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


def kill_tree(pid: int) -> None:
    """SIGKILL a process and every descendant (what a crash or the OOM killer does)."""
    try:
        tree = [psutil.Process(pid), *descendants(pid)]
    except psutil.NoSuchProcess:
        return
    for process in tree:
        try:
            process.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            continue


class Applicant:
    """A logged-in browser session: the demo applicant by default."""

    def __init__(
        self, base: str, email: str = "applicant@example.com", password: str = "applicant-demo-1"
    ) -> None:
        self.base = base
        self.http = requests.Session()
        token = self._token("/login")
        form = {"csrf_token": token, "email": email, "password": password}
        response = self.http.post(f"{base}/login", data=form, allow_redirects=False, timeout=30)
        assert response.status_code == 302, response.text[:300]
        self.case_page = self.http.get(f"{base}/cases", timeout=30).text
        self.token = CSRF.search(self.case_page).group(1)  # type: ignore[union-attr]
        self.items = {code: int(item) for code, item in ITEM.findall(self.case_page)}

    def _token(self, path: str) -> str:
        page = self.http.get(f"{self.base}{path}", timeout=30).text
        return CSRF.search(page).group(1)  # type: ignore[union-attr]

    def upload(self, code: str, data: bytes, name: str) -> requests.Response:
        return self.http.post(
            f"{self.base}/items/{self.items[code]}/documents",
            data={"csrf_token": self.token},
            files={"file": (name, data)},
            headers={"Accept": "application/json"},
            timeout=120,
        )

    def item(self, code: str) -> dict[str, Any]:
        response = self.http.get(f"{self.base}/items/{self.items[code]}", timeout=30)
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body
