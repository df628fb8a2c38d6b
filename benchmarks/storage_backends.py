"""Upload and download throughput and memory on the local store and on S3 (SeaweedFS).

Run: .venv/bin/python -m benchmarks.storage_backends
The local disk is the baseline measured in the same run. Two levels:
* the Storage API: save and read back a 64 MiB stream (MiB/s, Python peak memory);
* the web app: `tracker run` started on each store, one 20 MiB upload and its
  download through the app, with the server's peak resident-size growth.
A store that held whole files in memory would grow by the file's size.
"""

from __future__ import annotations

import os
import socket
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.upload_memory import SIZE, peak_kib, upload
from tests import servers
from tests.storage.streams import blocks, fed
from tests.test_crash_upload import logged_in_cookie_and_token, start_server
from tracker.storage.base import CHUNK, Storage
from tracker.storage.local import LocalStorage
from tracker.storage.urls import open_storage

MIB = 2**20
API_SIZE = 64 * MIB


def api_figures(storage: Storage) -> dict[str, float]:
    tracemalloc.start()
    start = time.perf_counter()
    stored = storage.save(fed(blocks(API_SIZE)), max_bytes=API_SIZE)
    saved = time.perf_counter() - start
    _, save_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    with storage.open(stored.key) as stream:
        while stream.read(CHUNK):
            pass
    read = time.perf_counter() - start
    _, read_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    storage.delete(stored.key)
    return {
        "save MiB/s": API_SIZE / MIB / saved,
        "read MiB/s": API_SIZE / MIB / read,
        "save peak MiB": save_peak / MIB,
        "read peak MiB": read_peak / MIB,
    }


def download(port: int, cookie: str, doc_id: int) -> tuple[float, int]:
    start = time.perf_counter()
    received = 0
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            f"GET /documents/{doc_id}/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Cookie: {cookie}\r\nConnection: close\r\n\r\n".encode()
        )
        while data := sock.recv(CHUNK):
            received += len(data)
    return time.perf_counter() - start, received


def last_document(folder: Path) -> int:
    import sqlite3

    with sqlite3.connect(folder / "db.sqlite") as db:
        return int(db.execute("select max(id) from documents").fetchone()[0])


def web_figures(folder: Path) -> dict[str, float]:
    folder.mkdir(exist_ok=True)
    server, port = start_server(folder)
    try:
        cookie, token, item = logged_in_cookie_and_token(port)
        before = peak_kib(server.pid)
        up = upload(port, cookie, token, item)
        after_upload = peak_kib(server.pid)
        down, received = download(port, cookie, last_document(folder))
        after_download = peak_kib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    if received < SIZE:
        raise RuntimeError(f"download incomplete: {received} bytes")
    return {
        "upload+checks MiB/s": SIZE / MIB / up,
        "download MiB/s": SIZE / MIB / down,
        "upload RSS growth MiB": (after_upload - before) / 1024,
        "download RSS growth MiB": (after_download - after_upload) / 1024,
        "server peak RSS MiB": after_download / 1024,
    }


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def measure() -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        local = Path(folder)
        results["local"] = api_figures(LocalStorage(local / "api")) | web_figures(local / "web")
    with servers.seaweedfs() as s3, tempfile.TemporaryDirectory() as folder:
        url = f"s3://{s3.bucket}/bench"
        with environment({**s3.environment(), "TRACKER_STORAGE_URL": url}):
            storage = open_storage(url, s3_endpoint_url=s3.endpoint)
            results["s3"] = api_figures(storage) | web_figures(Path(folder))
    return results


def main() -> None:
    results = measure()
    print(f"{'figure':26} {'local':>9} {'s3':>9} {'s3/local':>9}")
    for name, value in results["local"].items():
        other = results["s3"][name]
        ratio = other / value if value else float("nan")
        print(f"{name:26} {value:9.1f} {other:9.1f} {ratio:9.2f}")


if __name__ == "__main__":
    main()
