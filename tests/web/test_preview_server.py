"""A real `tracker run` survives a burst of concurrent PDF previews (pdfium crashed it before)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest

from tests.e2e.app import APPLICANT, environment, running_tracker

pytestmark = pytest.mark.slow  # a real `tracker run` under load: seconds each

# Four text PDFs in pdfium's non-embedded standard font, the kind that crashed two
# threads drawing at once; added through the services, as an upload would be.
SEED = """
import io, json
from tracker import create_app
from tracker.extensions import db
from tracker.models import User
from tracker.services.documents import submit_document
from tests.web.uploading import ENGLISH, pdf_bytes, requirement

app = create_app()
with app.app_context():
    user = db.session.scalars(db.select(User).where(User.email == "applicant@example.com")).one()
    program = app.extensions["programs"]["hk_dependant"]
    req = requirement("A4", person="Maria Reyes")
    ids = [
        submit_document(
            user, req, io.BytesIO(pdf_bytes(ENGLISH * n, pages=n)), f"letter-{n}.pdf",
            program=program,
        ).id
        for n in range(1, 5)
    ]
    app.extensions["jobs"].wait()
    print(json.dumps(ids))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[int]]]:
    workdir = tmp_path_factory.mktemp("preview-server")
    with running_tracker(workdir) as url:
        env = {**environment(workdir), "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        seeded = subprocess.run(
            [sys.executable, "-c", SEED],
            env=env,
            cwd=workdir,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert seeded.returncode == 0, seeded.stderr[-3000:]
        yield url, json.loads(seeded.stdout.strip().splitlines()[-1])


def logged_in(url: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    with opener.open(f"{url}/login", timeout=30) as page:
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode())
    assert token is not None
    form = {"email": APPLICANT[0], "password": APPLICANT[1], "csrf_token": token.group(1)}
    with opener.open(f"{url}/login", urllib.parse.urlencode(form).encode(), timeout=30) as done:
        assert done.status == 200
    return opener


def test_sixty_previews_from_eight_threads_leave_the_server_alive(
    server: tuple[str, list[int]],
) -> None:
    url, ids = server
    opener = logged_in(url)

    def fetch(n: int) -> tuple[int, str, int]:
        with opener.open(f"{url}/documents/{ids[n % len(ids)]}/preview", timeout=60) as answer:
            return answer.status, answer.headers["Content-Type"], len(answer.read())

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(fetch, range(60)))
    assert {(status, kind) for status, kind, _ in answers} == {(200, "image/png")}
    assert all(size > 100 for _, _, size in answers)
    with opener.open(f"{url}/login", timeout=30) as page:  # still serving
        assert page.status == 200
