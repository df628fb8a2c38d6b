"""`tracker serve`: gunicorn workers, a clean stop on SIGTERM, checks that survive a restart."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.live import Applicant, alive, descendants, environment, kill_tree, serving, wait_until
from tests.web.uploading import INDONESIAN, pdf_bytes

pytestmark = pytest.mark.slow  # real `tracker serve` processes: seconds each


def test_sigterm_ends_the_master_workers_and_their_language_processes(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with serving(env, tmp_path, workers=2) as (master, base):
        family = Applicant(base)
        assert family.upload("A4", pdf_bytes(INDONESIAN), "akta.pdf").status_code == 200
        wait_until(lambda: family.item("A4")["status"] != "checking", what="the language check")
        tree = descendants(master.pid)
        assert len(tree) > 2, "the workers and the language process should be running"
        master.send_signal(signal.SIGTERM)
        master.wait(timeout=15)
        wait_until(lambda: not any(alive(p) for p in tree), what="every child to end", seconds=5)


def test_a_check_cut_off_by_a_crash_is_finished_after_the_restart(tmp_path: Path) -> None:
    env = environment(tmp_path)
    with serving(env, tmp_path) as (master, base):
        family = Applicant(base)
        assert family.upload("A4", pdf_bytes(INDONESIAN), "akta.pdf").json()["status"] == "checking"
        kill_tree(master.pid)  # before the language models have even loaded
        master.wait(timeout=10)
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        assert db.execute("select check_state from documents").fetchall() == [("checking",)]
    with serving(env, tmp_path) as (_master, base):
        family = Applicant(base)
        wait_until(lambda: family.item("A4")["status"] != "checking", what="the resumed check")
        assert family.item("A4")["status"] == "needs_translation"
