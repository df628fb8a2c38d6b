"""docs/deploy.md's backup and restore, done as written: the restored copy is a working instance.

SQLite through the sqlite3 backup API, PostgreSQL with pg_dump / pg_restore;
the file store copied beside it.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient

from tests.apps import dispose, login, make_app
from tests.servers import PG_BIN
from tests.web.uploading import png_bytes, requirement, upload
from tracker.services.storage_check import check_storage


def back_up_database(url: str, target: Path) -> None:
    if url.startswith("sqlite:///"):
        source = sqlite3.connect(url.removeprefix("sqlite:///"))
        copy = sqlite3.connect(target)
        source.backup(copy)  # a consistent copy while the app keeps writing
        copy.close()
        source.close()
        return
    where = urlsplit(url)
    subprocess.run(
        [
            str(PG_BIN / "pg_dump"),
            "-Fc",
            "-h",
            str(where.hostname),
            "-p",
            str(where.port),
            "-U",
            str(where.username),
            "-f",
            str(target),
            where.path.lstrip("/"),
        ],
        check=True,
        capture_output=True,
    )


def restore_database(url: str, backup: Path, tmp_path: Path) -> str:
    """Restore into a new database; return its URL."""
    if url.startswith("sqlite:///"):
        restored = tmp_path / "restored.sqlite"
        shutil.copy(backup, restored)
        return f"sqlite:///{restored}"
    where = urlsplit(url)
    server = ["-h", str(where.hostname), "-p", str(where.port), "-U", str(where.username)]
    subprocess.run([str(PG_BIN / "dropdb"), "--if-exists", *server, "tracker_restored"], check=True)
    subprocess.run([str(PG_BIN / "createdb"), *server, "tracker_restored"], check=True)
    subprocess.run(
        [str(PG_BIN / "pg_restore"), "--no-owner", *server, "-d", "tracker_restored", str(backup)],
        check=True,
        capture_output=True,
    )
    return url.rsplit("/", 1)[0] + "/tracker_restored"


def test_a_backup_of_database_and_store_restores_into_a_working_instance(
    app: Flask, applicant_client: FlaskClient, tmp_path: Path
) -> None:
    photo = png_bytes()
    req = requirement("A1", person="Maria Reyes")
    doc_id = upload(applicant_client, f"/items/{req.id}/documents", photo, "me.png").get_json()[
        "documents"
    ][0]["id"]
    app.extensions["jobs"].wait()

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    back_up_database(url, tmp_path / "database.backup")
    shutil.copytree(app.config["UPLOAD_DIR"], tmp_path / "store.backup")

    restored_url = restore_database(url, tmp_path / "database.backup", tmp_path)
    shutil.copytree(tmp_path / "store.backup", tmp_path / "restored-uploads")
    restored = make_app(restored_url, tmp_path / "restored-uploads")
    with restored.app_context():
        report = check_storage()
        assert (report["missing_files"], report["orphan_files"]) == ([], [])
        client = restored.test_client()
        login(client, "applicant@example.com", "applicant-demo-1")
        download = client.get(f"/documents/{doc_id}/file")
        assert download.status_code == 200
        assert download.data == photo
        download.close()
        dispose()
