"""`GET /healthz`: 200 naming each dependency, 503 naming the one that is down."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from tests import servers
from tests.apps import dispose, make_app


def test_healthy_instance_names_every_dependency(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "checks": {"database": "ok", "storage": "ok", "queue": "ok"},
    }


def test_a_missing_file_store_is_a_503_naming_storage(app: Flask, client: FlaskClient) -> None:
    shutil.rmtree(app.config["UPLOAD_DIR"])
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks["storage"].startswith("down: StorageUnavailable")
    assert (checks["database"], checks["queue"]) == ("ok", "ok")


def test_an_unreachable_database_is_a_503_naming_the_database(tmp_path: Path) -> None:
    broken = make_app(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.sqlite'}", tmp_path / "up")
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks["database"].startswith("down: OperationalError")
    assert checks["storage"] == "ok"


def test_the_redis_queue_is_checked_and_a_stopped_redis_is_a_503(app: Flask) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="tracker-redis-health-"))
    with servers.redis(workdir) as url:
        queued = make_app(app.config["SQLALCHEMY_DATABASE_URI"], workdir / "up", REDIS_URL=url)
        client = queued.test_client()
        assert client.get("/healthz").get_json()["checks"]["queue"] == "ok"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["queue"].startswith("down: ConnectionError")
    queued.extensions["jobs"].connection.close()
    with queued.app_context():
        dispose()
    shutil.rmtree(workdir, ignore_errors=True)
