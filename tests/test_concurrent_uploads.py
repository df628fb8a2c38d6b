"""Several `tracker serve` workers, one case, simultaneous uploads: counts and readiness stay exact.

Runs on each database in `--databases`; on SQLite no write may fail with
"database is locked".
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.live import Applicant, environment, serving
from tests.web.uploading import png_bytes

pytestmark = pytest.mark.slow  # real `tracker serve` processes: seconds each

UPLOADS = 7


def NOT_A_PDF(code: str) -> bytes:  # noqa: N802 - a constant's role
    return b"<html>not a pdf</html>" + code.encode()


@pytest.fixture
def instance(database_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The session's database, seeded by the CLI, emptied afterwards."""
    engine = create_engine(database_url)
    try:
        yield environment(tmp_path, TRACKER_DATABASE_URL=database_url)
    finally:
        from tracker.extensions import db

        with engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        engine.dispose()


def upload_all_at_once(
    family: Applicant, codes: list[str], data: Callable[[str], bytes] = NOT_A_PDF
) -> list[requests.Response]:
    start = threading.Barrier(len(codes))
    answers: dict[int, requests.Response] = {}

    def send(index: int, code: str) -> None:
        start.wait()
        answers[index] = family.upload(code, data(code), "x.pdf")

    threads = [threading.Thread(target=send, args=pair) for pair in enumerate(codes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return [answers[index] for index in range(len(codes))]


def stored_and_recounted(database_url: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        case_id, *stored = connection.execute(
            text(
                "select id, count_missing, count_invalid, readiness from cases"
                " where reference = 'DEMO-0001'"
            )
        ).one()
        statuses: Counter[str] = Counter(
            dict(
                connection.execute(
                    text(
                        "select status, count(*) from requirements"
                        " where case_id = :c group by status"
                    ),
                    {"c": case_id},
                ).all()
            )
        )
    engine.dispose()
    return tuple(stored), (statuses["missing"], statuses["invalid"], 0)


def test_simultaneous_uploads_through_several_workers_keep_the_counts_exact(
    instance: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    with serving(instance, tmp_path, workers=3) as (_master, base):
        family = Applicant(base)
        codes = sorted(family.items)[:UPLOADS]
        for round_ in range(2):  # the second round re-uploads to the same items
            answers = upload_all_at_once(family, codes)
            assert [a.status_code for a in answers] == [200] * UPLOADS, [a.text for a in answers]
            assert all(a.json()["status"] == "invalid" for a in answers), round_
    stored, recounted = stored_and_recounted(database_url)
    assert stored == recounted
    assert recounted[1] == UPLOADS
    log = "".join(p.read_text() for p in tmp_path.glob("serve-*.log"))
    assert "database is locked" not in log


def test_simultaneous_uploads_to_a_one_file_item_keep_one_and_refuse_the_rest(
    instance: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    with serving(instance, tmp_path, workers=3) as (_master, base):
        family = Applicant(base)  # A1, the photograph, takes one file
        answers = upload_all_at_once(family, ["A1"] * 4, data=lambda _code: png_bytes())
        assert sorted(a.status_code for a in answers) == [200, 409, 409, 409], [
            a.text for a in answers
        ]
        assert len(family.item("A1")["documents"]) == 1
    engine = create_engine(database_url)
    with engine.connect() as connection:
        kept = connection.execute(
            text(
                "select count(*) from documents join requirements r on r.id = requirement_id"
                " where r.code = 'A1' and r.case_id = (select id from cases"
                " where reference = 'DEMO-0001')"
            )
        ).scalar_one()
    engine.dispose()
    assert kept == 1  # the refused ones left no record
