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
from tracker.cli import cli
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
