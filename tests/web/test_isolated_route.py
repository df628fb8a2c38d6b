"""One bounded route for the language check (uploads, the API, the CLI): the isolated child.

pdfium, tesseract and the language model never load in the web, worker or CLI process itself.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.web.uploading import INDONESIAN, pdf_bytes
from tracker import isolation

HEAVY = ("pypdfium2", "fasttext")


def validate(client: FlaskClient, data: bytes, name: str = "a.pdf") -> dict[str, object]:
    response = client.post(
        "/api/v1/validate",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    body: dict[str, object] = response.get_json()
    return body


def test_the_api_decides_the_language_in_the_child(applicant_client: FlaskClient) -> None:
    body = validate(applicant_client, pdf_bytes(INDONESIAN))
    assert body["languages"] == ["id"]
    assert body["needs_translation"] is True
    assert isolation.child_pid() is not None


@pytest.mark.app_config(CHILD_MEMORY_MB=35)  # the child starts in ~20 MB; reading needs ~50
def test_a_child_out_of_memory_is_a_warning_and_the_web_process_lives_on(
    applicant_client: FlaskClient,
) -> None:
    body = validate(applicant_client, pdf_bytes(INDONESIAN))
    assert body["ok"] is True
    assert body["languages"] == []
    assert [f["code"] for f in body["findings"]] == ["language_unchecked"]  # type: ignore[attr-defined]
    assert isolation.child_pid() is None  # gone, restarted by the next call


@pytest.mark.app_config(RATELIMIT_ENABLED=True)
def test_the_api_is_rate_limited_like_uploads(applicant_client: FlaskClient) -> None:
    statuses = [
        applicant_client.post(
            "/api/v1/validate",
            data={"file": (io.BytesIO(b""), "empty.pdf")},
            content_type="multipart/form-data",
        ).status_code
        for _ in range(61)
    ]
    assert statuses == [200] * 60 + [429]


PROBE = """
import json, sys
from pathlib import Path
from flask_migrate import upgrade
from tests.apps import login, make_app
from tests.web.uploading import INDONESIAN, pdf_bytes, requirement, upload
from tracker.cli import cli as main
from tracker.extensions import db
from tracker.models import Document
from tracker.services.demo import seed_demo

folder = Path(sys.argv[1])
app = make_app(f"sqlite:///{folder / 'db.sqlite'}", folder / "uploads")
document = folder / "akta.pdf"
document.write_bytes(pdf_bytes(INDONESIAN))
with app.app_context():
    upgrade()
    list(seed_demo(app.extensions["programs"]["hk_dependant"]))
    client = app.test_client()
    login(client, "applicant@example.com", "applicant-demo-1")
    req = requirement("A4", person="Maria Reyes")
    upload(client, f"/items/{req.id}/documents", document.read_bytes(), "akta.pdf")
    app.extensions["jobs"].wait()
    db.session.expire_all()
    doc = db.session.scalars(db.select(Document)).one()
    preview = client.get(f"/documents/{doc.id}/preview")
    with document.open("rb") as stream:
        api = client.post("/api/v1/validate", data={"file": (stream, "akta.pdf")}).get_json()
    cli = app.test_cli_runner().invoke(main, ["validate", str(document), str(document)])
    print(json.dumps({
        "upload": doc.languages,
        "preview": [preview.status_code, preview.mimetype],
        "api": api["languages"],
        "cli": [r["languages"] for r in json.loads(cli.output)],
        "loaded": sorted(m for m in sys.modules if m.split(".")[0] in %r),
    }))
"""


@pytest.mark.slow  # fresh interpreters
def test_uploads_previews_api_and_cli_never_load_pdfium_or_models_in_their_own_process(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (HEAVY,), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "upload": ["id"],
        "preview": [200, "image/png"],
        "api": ["id"],
        "cli": [["id"], ["id"]],
        "loaded": [],
    }
