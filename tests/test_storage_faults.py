"""The file store fails under the app: the S3 server stops, the upload disk fills up.

Each time the user gets a clear "try again" answer in their language, nothing
is half-stored (no row without its file; no file without its row once
`tracker storage check --fix` ran), and everything works again afterwards.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests import servers
from tracker.cli import cli
from tracker.extensions import db
from tracker.models import Document
from tracker.services.registry import get_jobs
from tracker.storage.s3 import PART, S3Storage

pytestmark = pytest.mark.slow  # stops real servers: seconds each

HONG_KONG = {"Accept-Language": "zh-HK,zh;q=0.9", "Accept": "application/json"}
UNAVAILABLE_ZH = "檔案儲存暫時無法使用"
MB = 1024 * 1024


@pytest.fixture
def s3_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[servers.SeaweedFS]:
    """An S3 server of this test's own, since the test stops it and starts it again."""
    with servers.seaweedfs() as server:
        for name, value in server.environment().items():
            monkeypatch.setenv(name, value)
        yield server


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs of the test's own, for the upload folder."""
    mountpoint = tmp_path / "small-disk"
    mountpoint.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mountpoint)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode:
        raise RuntimeError(f"cannot mount a small tmpfs (run as root): {mounted.stderr}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=True)


def photo(side: int = 500) -> bytes:
    """A noisy PNG of about side² × 3 bytes (noise does not compress)."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG")
    return out.getvalue()


def upload(client: FlaskClient, req_id: int, data: bytes, name: str = "me.png") -> Any:
    """Post the file; the body is built in memory (the test client's spooled one leaks)."""
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), filename=name)})
    return client.post(
        f"/items/{req_id}/documents",
        data=body,
        headers=HONG_KONG,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def downloaded(client: FlaskClient, doc: Document) -> bytes:
    response = client.get(f"/documents/{doc.id}/file")
    assert response.status_code == 200
    data = response.get_data()
    response.close()
    return data


def photo_item() -> int:
    from tests.web.uploading import requirement

    return requirement("A1", person="Maria Reyes").id


def scan_item() -> int:
    """An item that takes several files (the photo item takes one)."""
    from tests.web.uploading import requirement

    return requirement("A4", person="Maria Reyes").id


def referenced_keys() -> set[str]:
    """The files the rows refer to: each upload, its preview and its page images once drawn."""
    rows = stored_rows()
    pages = {str(key) for r in rows for key in r.page_keys or ()}
    return {r.storage_key for r in rows} | {r.preview_key for r in rows if r.preview_key} | pages


def stored_rows() -> list[Document]:
    db.session.expire_all()
    return list(db.session.scalars(select(Document).order_by(Document.id)))


def check_and_fix(app: Flask) -> str:
    result = app.test_cli_runner().invoke(cli, ["storage", "check", "--fix", "--grace", "0"])
    assert result.exit_code == 0, result.output  # exit 1 would mean a row without its file
    return result.output


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503
    assert UNAVAILABLE_ZH in response.get_json()["error"]


def stop_during_the_second_part(storage: S3Storage, server: servers.SeaweedFS) -> None:
    """Kill the S3 server just as the upload's second part is about to go out."""

    def stop(**_: Any) -> None:
        if server.process is not None:
            server.stop()

    storage.client.meta.events.register("before-send.s3.UploadPart", stop)


@pytest.mark.parametrize("storage_kind", ["s3"])
def test_the_s3_server_stopping_mid_upload_is_a_clear_503_and_nothing_is_half_stored(
    app: Flask, applicant_client: FlaskClient, s3_server: servers.SeaweedFS
) -> None:
    storage = app.extensions["storage"]
    first = upload(applicant_client, photo_item(), photo())
    assert first.status_code == 200, first.get_data(as_text=True)
    get_jobs().wait()  # the preview is stored in the background
    [kept] = stored_rows()

    stop_during_the_second_part(storage, s3_server)
    big = upload(applicant_client, scan_item(), os.urandom(3 * PART), "scan.png")
    assert_unavailable(big)
    assert s3_server.process is None, "the server was not stopped mid-upload"
    assert_unavailable(upload(applicant_client, scan_item(), photo()))
    assert_unavailable(applicant_client.get(f"/documents/{kept.id}/file", headers=HONG_KONG))
    assert [row.id for row in stored_rows()] == [kept.id]
    health = applicant_client.get("/healthz")
    assert (health.status_code, health.get_json()["checks"]["storage"][:4]) == (503, "down")

    s3_server.start()
    assert applicant_client.get("/healthz").get_json()["checks"]["storage"] == "ok"
    check_and_fix(app)
    assert set(storage.keys()) == referenced_keys()
    assert storage.temporaries() == []
    again = upload(applicant_client, scan_item(), photo())
    assert again.status_code == 200
    assert len(downloaded(applicant_client, kept)) == kept.size
    assert len(stored_rows()) == 2


@pytest.fixture
def disk_app(database_url: str, small_disk: Path, tmp_path: Path) -> Iterator[Flask]:
    from tests.apps import empty_and_dispose, make_app

    app = make_app(database_url, small_disk / "uploads")
    with app.app_context():
        yield app
        empty_and_dispose()


def test_a_full_upload_disk_is_a_clear_503_and_nothing_is_half_stored(
    disk_app: Flask, small_disk: Path
) -> None:
    from tests.apps import login
    from tracker.services.demo import seed_demo

    list(seed_demo(disk_app.extensions["programs"]["hk_dependant"]))
    client = disk_app.test_client()
    login(client, "applicant@example.com", "applicant-demo-1")
    storage = disk_app.extensions["storage"]
    assert upload(client, photo_item(), photo(300)).status_code == 200
    get_jobs().wait()  # the preview is stored in the background
    [kept] = stored_rows()

    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    filler.write_bytes(b"\0" * (free - 200_000))  # less room than the next photo needs
    assert_unavailable(upload(client, photo_item(), photo()))
    assert [row.id for row in stored_rows()] == [kept.id]
    assert storage.temporaries() == []
    assert set(storage.keys()) == referenced_keys()

    filler.unlink()
    check_and_fix(disk_app)
    assert upload(client, photo_item(), photo()).status_code == 200
    assert len(stored_rows()) == 2
    with storage.open(kept.storage_key) as stored:
        assert downloaded(client, kept) == stored.read()
