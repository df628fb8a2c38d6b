"""A third, invented program through the real `tracker checklist`, from another programs folder."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commandline import facts_file, tracker
from tests.rules.atlantis import ATLANTIS, HONG_KONG


def programs_folder(tmp_path: Path) -> dict[str, str]:
    """A folder holding only the invented program, as TRACKER_PROGRAMS_DIR names it."""
    folder = tmp_path / "programs"
    folder.mkdir()
    (folder / "atlantis.toml").write_text(ATLANTIS, encoding="utf-8")
    return {"TRACKER_PROGRAMS_DIR": str(folder)}


def test_checklist_reads_a_program_from_the_configured_folder(tmp_path: Path) -> None:
    env = programs_folder(tmp_path)
    facts = facts_file(tmp_path, {"job": "diver"})
    for lang in ("en", "zh-Hant", "zh-Hans"):
        ran = tracker(
            "checklist", "--program", "atlantis_work", "--facts", facts, "--lang", lang,
            cwd=tmp_path, extra_env=env,
        )  # fmt: skip
        assert ran.returncode == 0, ran.stderr
        document = json.loads(ran.stdout)
        assert (document["program"], document["eligible"]) == ("atlantis_work", True)
        assert [i["code"] for i in document["items"]] == ["W1"]
        assert [n["code"] for n in document["notes"]] == ["review"]
        assert not [word for word in HONG_KONG if word in ran.stdout]


def test_the_installed_programs_are_not_loaded_beside_another_folder(tmp_path: Path) -> None:
    env = programs_folder(tmp_path)
    facts = facts_file(tmp_path, {"purpose": "tourism"})
    ran = tracker(
        "checklist", "--program", "us_b1b2", "--facts", facts, cwd=tmp_path, extra_env=env
    )
    assert ran.returncode == 2
    assert ran.stderr.strip() == "error: unknown program 'us_b1b2' (installed: atlantis_work)"
