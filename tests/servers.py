"""Real servers for the test run, started from Debian's packages: PostgreSQL 15 and Redis.

A server that cannot start fails the run loudly; nothing is skipped.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path(os.environ.get("TRACKER_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: use the `postgres` account Debian creates."""
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


def _wait_for(port: int, what: str, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start on port {port}:\n{detail}")


def _run(argv: list[str]) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stdout}{result.stderr}")


@contextmanager
def postgres() -> Iterator[str]:
    """Start a throw-away PostgreSQL cluster; yield its SQLAlchemy URL."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(f"PostgreSQL not found in {PG_BIN}: install the postgresql package")
    # Its own directory straight under the temp root: the server account must reach it.
    workdir = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    data, log = workdir / "data", workdir / "postgres.log"
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(workdir, user.pw_uid, user.pw_gid)
    run = _as_server_user
    _run(
        run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "tracker",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
    )
    port = free_port()
    _run(
        run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-o",
                f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off",
                "start",
            ]
        ),
    )
    try:
        _wait_for(port, "PostgreSQL", log)
        _run(
            run(
                [
                    str(PG_BIN / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "tracker",
                    "tracker_test",
                ]
            ),
        )
        yield f"postgresql+psycopg://tracker@127.0.0.1:{port}/tracker_test"
    finally:
        subprocess.run(
            run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def redis(workdir: Path) -> Iterator[str]:
    """Start a throw-away redis-server; yield its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server not found: install the redis-server package")
    workdir.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), workdir / "redis.log"
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
            "--logfile",
            str(log),
        ],
    )
    try:
        _wait_for(port, "redis-server", log)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
