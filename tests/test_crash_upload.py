"""Killing the server in the middle of an upload loses nothing and leaves nothing behind."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.servers import free_port
from tracker.storage.local import LocalStorage

pytestmark = pytest.mark.slow  # kills real server processes: seconds each

TRACKER = str(Path(sys.executable).with_name("tracker"))


def environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "TRACKER_UPLOAD_DIR": str(tmp_path / "uploads"),
    }


def start_server(tmp_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    env = environment(tmp_path)
    for args in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([TRACKER, *args], env=env, check=True, capture_output=True, cwd=tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [TRACKER, "run", "--port", str(port), "--no-reload"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return server, port
        time.sleep(0.1)
    server.kill()
    raise RuntimeError("tracker run did not start")


def logged_in_cookie_and_token(port: int) -> tuple[str, str, int]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    form = urllib.parse.urlencode(
        {"csrf_token": token, "email": "applicant@example.com", "password": "applicant-demo-1"}
    ).encode()
    opener.open(f"{base}/login", data=form)
    case_page = opener.open(f"{base}/cases").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', case_page).group(1)  # type: ignore[union-attr]
    item = int(re.search(r'data-item-id="(\d+)"', case_page).group(1))  # type: ignore[union-attr]
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token, item


def test_sigkill_mid_upload_leaves_no_row_and_no_file(tmp_path: Path) -> None:
    server, port = start_server(tmp_path)
    try:
        cookie, token, item = logged_in_cookie_and_token(port)
        boundary = "----trackerboundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
        ).encode()
        total = len(head) + 8 * 1024 * 1024
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(
                (
                    f"POST /items/{item}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    f"Cookie: {cookie}\r\n"
                    f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                    f"Content-Length: {total}\r\n\r\n"
                ).encode()
                + head
            )
            for _ in range(3):  # 3 of 8 MB, then the server dies
                sock.sendall(b"0" * 1024 * 1024)
            time.sleep(0.5)
            server.send_signal(signal.SIGKILL)
            server.wait(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        assert db.execute("select count(*) from documents").fetchone() == (0,)
    store = LocalStorage(tmp_path / "uploads")
    assert list(store.keys()) == []
    assert store.temporaries() == []


def test_leftover_temporary_is_removed_at_start_and_by_storage_check(tmp_path: Path) -> None:
    env = environment(tmp_path)
    subprocess.run([TRACKER, "db", "upgrade"], env=env, check=True, capture_output=True)
    store = LocalStorage(tmp_path / "uploads")

    def leftover(name: str, age: float) -> Path:
        path = tmp_path / "uploads" / "tmp" / name
        path.write_bytes(b"half an upload")
        os.utime(path, (time.time() - age, time.time() - age))
        return path

    first = leftover("upload-1", age=3600)
    subprocess.run([TRACKER, "routes"], env=env, check=True, capture_output=True)  # any start
    assert not first.exists()

    second = leftover("upload-2", age=300)  # too young for the start-up sweep
    report = subprocess.run(
        [TRACKER, "storage", "check"], env=env, capture_output=True, text=True, check=True
    )
    assert "temporaries: 1" in report.stdout
    fixed = subprocess.run(
        [TRACKER, "storage", "check", "--fix"], env=env, capture_output=True, text=True, check=True
    )
    assert "removed: 1" in fixed.stdout
    assert not second.exists()
    assert store.temporaries() == []
