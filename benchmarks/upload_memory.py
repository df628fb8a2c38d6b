"""Peak memory of the server while a 20 MB file is uploaded, against the file's size.

Run: .venv/bin/python -m benchmarks.upload_memory
Starts `tracker run` on a temporary database, logs in as the demo applicant,
uploads one 20 MB file and reads the server's peak resident size (VmHWM)
before and after. A server that held the whole upload in memory would grow
by at least the file's size (ratio ≥ 1).
"""

from __future__ import annotations

import socket
import tempfile
import time
from pathlib import Path

from tests.test_crash_upload import logged_in_cookie_and_token, start_server

SIZE = 20 * 1024 * 1024


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def upload(port: int, cookie: str, token: str, item: int) -> float:
    boundary = "----benchboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body_len = len(head) + SIZE + len(tail)
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            (
                f"POST /items/{item}/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                f"Accept: application/json\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                f"Content-Length: {body_len}\r\nConnection: close\r\n\r\n"
            ).encode()
            + head
        )
        chunk = b"%PDF-1.7\n" + b"0" * (1024 * 1024 - 9)
        for n in range(SIZE // len(chunk)):
            sock.sendall(chunk if n == 0 else b"0" * len(chunk))
        sock.sendall(tail)
        reply = b""
        while data := sock.recv(65536):
            reply += data
    status = reply.split(b"\r\n", 1)[0].decode()
    if " 200 " not in status:
        raise RuntimeError(f"upload failed: {status}")
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        server, port = start_server(Path(folder))
        try:
            cookie, token, item = logged_in_cookie_and_token(port)
            before = peak_kib(server.pid)
            seconds = upload(port, cookie, token, item)
            after = peak_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    growth = (after - before) / 1024
    print(f"upload size            {SIZE / 2**20:8.1f} MiB")
    print(f"server peak RSS before {before / 1024:8.1f} MiB")
    print(f"server peak RSS after  {after / 1024:8.1f} MiB")
    print(f"peak growth            {growth:8.1f} MiB")
    print(f"growth / file size     {growth / (SIZE / 2**20):8.2f}  (1.00 = whole file in memory)")
    print(f"upload + checks        {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
