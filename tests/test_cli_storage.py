"""`tracker storage check [--fix]` and `tracker storage copy --to URL` on both stores."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import pytest
from click.testing import Result
from flask import Flask

from tests.casework import add_document, new_case, pdf_bytes, requirement, staff
from tests.servers import SeaweedFS, free_port
from tests.web.uploading import png_bytes
from tracker.cli import cli
from tracker.extensions import db
from tracker.models import Document
from tracker.storage.base import Storage
from tracker.storage.copying import digest
from tracker.storage.local import LocalStorage
from tracker.storage.s3 import S3Storage
from tracker.storage.urls import open_storage

BOTH_STORES = pytest.mark.parametrize("storage_kind", ["local", "s3"])


def run(app: Flask, *args: str) -> Result:
    return app.test_cli_runner().invoke(cli, list(args))


def stored_documents(app: Flask, program: Any, count: int) -> list[Document]:
    case = new_case(program, staff())
    req = requirement(case, "A4")
    return [add_document(app, req, pdf_bytes(f"Certificate {n}")) for n in range(count)]


def leave_a_leftover(storage: Storage, s3_server: SeaweedFS | None) -> None:
    """What an upload killed half-way leaves: a temporary file, or an incomplete upload."""
    if isinstance(storage, LocalStorage):
        (storage.root / "tmp" / "upload-killed.part").write_bytes(b"half")
    else:
        assert isinstance(storage, S3Storage)
        assert s3_server is not None
        s3_server.client().create_multipart_upload(
            Bucket=storage.bucket, Key=storage.prefix + "ab/cd/abcd" + "1" * 28
        )


@BOTH_STORES
def test_check_finds_orphans_missing_files_and_leftovers_and_fix_removes_them(
    app: Flask, program: Any, storage_kind: str, request: pytest.FixtureRequest
) -> None:
    storage: Storage = app.extensions["storage"]
    kept, lost = stored_documents(app, program, 2)
    storage.delete(lost.storage_key)
    orphan = storage.save(io.BytesIO(b"no row"), max_bytes=100)
    server = request.getfixturevalue("s3_server") if storage_kind == "s3" else None
    leave_a_leftover(storage, server)

    report = json.loads(run(app, "storage", "check", "--json").output)
    assert len(report["temporaries"]) == 1
    assert report["orphan_files"] == [orphan.key]
    assert report["missing_files"] == [lost.storage_key]

    young = run(app, "storage", "check", "--fix")
    assert "removed: 0" in young.output  # within the grace period: maybe an upload in progress
    fixed = run(app, "storage", "check", "--fix", "--grace", "0")
    assert fixed.exit_code == 1  # a missing file is for a person to resolve
    assert "removed: 2" in fixed.output
    assert storage.temporaries() == []
    assert set(storage.keys()) == {kept.storage_key}


def test_check_says_when_the_store_is_unreachable(
    app: Flask, s3_server: SeaweedFS, monkeypatch: pytest.MonkeyPatch
) -> None:
    nowhere = open_storage("s3://b/p", s3_endpoint_url=f"http://127.0.0.1:{free_port()}")
    monkeypatch.setitem(app.extensions, "storage", nowhere)
    result = run(app, "storage", "check")
    assert result.exit_code == 3
    assert "the file store is unavailable" in result.output


def test_copy_moves_every_file_to_s3_verified_and_a_second_run_copies_nothing(
    app: Flask, program: Any, s3_url: str, s3_server: SeaweedFS
) -> None:
    docs = stored_documents(app, program, 3)
    first = run(app, "storage", "copy", "--to", s3_url)
    assert first.exit_code == 0, first.output
    assert "copied: 3" in first.output
    assert f"TRACKER_STORAGE_URL={s3_url}" in first.output
    target = open_storage(s3_url, s3_endpoint_url=s3_server.endpoint)
    for doc in docs:
        found = digest(target, doc.storage_key)
        assert (found.size, found.sha256) == (doc.size, doc.sha256)

    again = run(app, "storage", "copy", "--to", s3_url)
    assert "copied: 0" in again.output
    assert "already there: 3" in again.output


def test_copy_replaces_a_damaged_copy_and_reports_files_missing_at_the_source(
    app: Flask, program: Any, s3_url: str, s3_server: SeaweedFS
) -> None:
    damaged, lost = stored_documents(app, program, 2)
    target = open_storage(s3_url, s3_endpoint_url=s3_server.endpoint)
    target.put(damaged.storage_key, io.BytesIO(b"truncated"), max_bytes=100)
    app.extensions["storage"].delete(lost.storage_key)
    result = run(app, "storage", "copy", "--to", s3_url, "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["counts"]["copied"] == 1
    assert report["missing"] == [lost.storage_key]
    assert digest(target, damaged.storage_key).sha256 == damaged.sha256


def test_after_the_copy_the_app_serves_the_files_from_s3(
    app: Flask, program: Any, s3_url: str, s3_server: SeaweedFS, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.apps import login

    [doc] = stored_documents(app, program, 1)
    assert run(app, "storage", "copy", "--to", s3_url).exit_code == 0
    switched = open_storage(s3_url, s3_endpoint_url=s3_server.endpoint)
    monkeypatch.setitem(app.extensions, "storage", switched)  # TRACKER_STORAGE_URL changed
    client = app.test_client()
    login(client, "c@example.com", "long-password-1")
    response = client.get(f"/documents/{doc.id}/file")
    assert response.status_code == 200
    assert hashlib.sha256(response.get_data()).hexdigest() == doc.sha256
    response.close()


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        ("ftp://elsewhere/x", 2, "s3://BUCKET/PREFIX"),
        ("s3://bucket/p", 3, "the file store is unavailable"),
    ],
)
def test_copy_to_a_bad_or_unreachable_store_says_so(
    app: Flask, url: str, code: int, says: str
) -> None:
    result = run(
        app, "storage", "copy", "--to", url, "--endpoint-url", f"http://127.0.0.1:{free_port()}"
    )
    assert result.exit_code == code
    assert says in result.output


@pytest.fixture(autouse=True)
def own_instance_folder(app: Flask, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy remembers what it verified in the instance folder: one per test."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path / "instance"))


class CountingReads:
    """A real store, counting the blobs read from it."""

    def __init__(self, store: Storage) -> None:
        self.store = store
        self.reads: list[str] = []

    def open(self, key: str) -> Any:
        self.reads.append(key)
        return self.store.open(key)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def with_drawn_images(app: Flask, doc: Document) -> list[str]:
    """Give the document a preview and two page images, as the checks would store them."""
    storage: Storage = app.extensions["storage"]
    doc.preview_key = storage.save(io.BytesIO(png_bytes((40, 50))), max_bytes=10**6).key
    pages = [storage.save(io.BytesIO(png_bytes((60, 80))), max_bytes=10**6).key for _ in "ab"]
    doc.page_keys = pages
    db.session.commit()
    return [doc.preview_key, *pages]


def a_target(kind: str, tmp_path: Any, request: pytest.FixtureRequest) -> Storage:
    if kind == "local":
        return open_storage(f"file://{tmp_path / 'target'}")
    server: SeaweedFS = request.getfixturevalue("s3_server")
    return open_storage(request.getfixturevalue("s3_url"), s3_endpoint_url=server.endpoint)


@pytest.mark.parametrize(
    ("storage_kind", "target_kind"), [("local", "s3"), ("s3", "local")], indirect=["storage_kind"]
)
def test_copy_takes_drawn_images_and_reads_again_only_what_changed(
    app: Flask, program: Any, target_kind: str, tmp_path: Any, request: pytest.FixtureRequest
) -> None:
    from tracker.services.storage_copy import copy_storage

    source: Storage = app.extensions["storage"]
    upload, other = stored_documents(app, program, 2)
    drawn = with_drawn_images(app, upload)
    target = CountingReads(a_target(target_kind, tmp_path, request))
    manifest = tmp_path / "manifest.json"

    def copy() -> dict[str, int]:
        target.reads.clear()
        report = copy_storage(target, manifest=manifest, progress=lambda key, outcome: None)
        assert report.ok, report.as_dict()
        return report.counts

    assert copy() == {"copied": 5, "already there": 0, "differs": 0}
    for key in [upload.storage_key, other.storage_key, *drawn]:
        assert digest(target, key) == digest(source, key)
    assert copy() == {"copied": 0, "already there": 5, "differs": 0}
    assert target.reads == []  # nothing read again: all verified by the first run

    target.put(drawn[1], io.BytesIO(b"damaged"), max_bytes=100)
    target.put(other.storage_key, io.BytesIO(b"x" * other.size), max_bytes=other.size)
    assert copy() == {"copied": 2, "already there": 3, "differs": 0}
    assert sorted(set(target.reads)) == sorted([drawn[1], other.storage_key])
    assert digest(target, drawn[1]) == digest(source, drawn[1])
    assert digest(target, other.storage_key).sha256 == other.sha256


def test_copy_reports_a_preview_missing_at_the_source(
    app: Flask, program: Any, tmp_path: Any
) -> None:
    [doc] = stored_documents(app, program, 1)
    preview, *_ = with_drawn_images(app, doc)
    app.extensions["storage"].delete(preview)
    result = run(app, "storage", "copy", "--to", f"file://{tmp_path / 'target'}", "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["missing"] == [preview]
    assert report["counts"]["copied"] == 3
