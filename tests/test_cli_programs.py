"""`tracker checklist --program us_b1b2`, `tracker programs` and `tracker programs diff`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.apps import dispose, make_app
from tests.commandline import facts_file, invoke, tracker
from tests.us_changes import TRAVELLER, U14
from tracker.cli import cli
from tracker.extensions import db
from tracker.models import Case, ItemStatus
from tracker.rules.loader import PROGRAMS_DIR
from tracker.rules.program import Program
from tracker.services.cases import NewApplicant, create_case

INSTALLED = (PROGRAMS_DIR / "us_b1b2.toml").read_text(encoding="utf-8")


def changed(text: str = INSTALLED) -> str:
    """The installed us_b1b2 with one more item, for business trips, under a new version."""
    old_version = next(line for line in text.splitlines() if line.startswith("version = "))
    return text.replace(old_version, 'version = "next"', 1).replace("\n[[notes]]\n", U14, 1)


def program_files(tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(INSTALLED, encoding="utf-8")
    new.write_text(changed(), encoding="utf-8")
    return str(old), str(new)


# ---------------------------------------------------------------- checklist --program us_b1b2


def test_checklist_for_us_b1b2(tmp_path: Path) -> None:
    result = invoke(
        "checklist",
        "--program",
        "us_b1b2",
        "--facts",
        facts_file(tmp_path, TRAVELLER),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["program"] == "us_b1b2"
    assert document["eligible"] is True
    assert [i["code"] for i in document["items"]] == [
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U7",
        "U8",
        "U9",
        "U10",
        "U12",
    ]
    assert {"no_visa_waiver", "interview_required", "telecode", "fee"} <= {
        n["code"] for n in document["notes"]
    }


def test_checklist_for_us_b1b2_in_simplified_chinese(tmp_path: Path) -> None:
    facts = {**TRAVELLER, "purpose": "transit", "applicant_nationality": "gb"}
    result = invoke(
        "checklist",
        "--program",
        "us_b1b2",
        "--lang",
        "zh-Hans",
        "--facts",
        facts_file(tmp_path, facts),
        cwd=tmp_path,
    )
    document = json.loads(result.stdout)
    notes = {n["code"]: n["message"] for n in document["notes"]}
    assert "esta_possible" in notes
    assert "过境" in notes["transit_visa"]
    assert "身份证" in next(i["title"] for i in document["items"] if i["code"] == "U6")


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ({**TRAVELLER, "sponsor_category": "gep"}, "sponsor_category"),
        ({**TRAVELLER, "purpose": "study"}, "purpose"),
        ({**TRAVELLER, "applicant_nationality": "HKG"}, "applicant_nationality"),
        ({k: v for k, v in TRAVELLER.items() if k != "employment_status"}, "employment_status"),
    ],
)
def test_bad_us_b1b2_facts_exit_2_with_one_line(
    tmp_path: Path, content: object, named: str
) -> None:
    result = invoke(
        "checklist", "--program", "us_b1b2", "--facts", facts_file(tmp_path, content), cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- programs


def test_programs_lists_code_version_title_and_source(tmp_path: Path) -> None:
    result = invoke("programs", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "us_b1b2  2025.12.1  US visitor visa (B1/B2)" in result.stdout
    assert "hk_dependant" in result.stdout
    assert "source: US Department of State" in result.stdout


def test_programs_as_json(tmp_path: Path) -> None:
    result = invoke("programs", "--json", cwd=tmp_path)
    listed = {p["code"]: p for p in json.loads(result.stdout)}
    assert {"hk_dependant", "us_b1b2"} <= set(listed)
    assert listed["us_b1b2"]["title"]["zh-Hant"].startswith("美國")
    assert listed["us_b1b2"]["path"].endswith("us_b1b2.toml")
    assert listed["us_b1b2"]["version"]


# ---------------------------------------------------------------- programs diff (console script)


def test_diff_on_an_empty_database(tmp_path: Path) -> None:
    assert invoke("db", "upgrade", cwd=tmp_path).returncode == 0
    result = invoke("programs", "diff", *program_files(tmp_path), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["old_version"] == "2025.12.1"
    assert document["new_version"] == "next"
    assert (document["open_cases"], document["cases"], document["applied"]) == (0, [], False)


@pytest.mark.parametrize(
    ("new_text", "named"),
    [
        (None, "no such program file"),
        ("[program\n", "not valid TOML"),
        (INSTALLED.replace('code = "us_b1b2"', 'code = "other"', 1), "different programs"),
        (changed().replace('section = "C"\nwhen', 'section = "Z"\nwhen', 1), "unknown section"),
    ],
)
def test_diff_bad_input_exits_2_with_one_line(
    tmp_path: Path, new_text: str | None, named: str
) -> None:
    old, new = program_files(tmp_path)
    if new_text is None:
        Path(new).unlink()
    else:
        Path(new).write_text(new_text, encoding="utf-8")
    result = invoke("programs", "diff", old, new, cwd=tmp_path)
    assert result.returncode == 2
    assert named in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_apply_refuses_a_file_that_is_not_installed(tmp_path: Path) -> None:
    result = invoke("programs", "diff", *program_files(tmp_path), "--apply", cwd=tmp_path)
    assert result.returncode == 2
    assert "not the installed us_b1b2" in result.stderr


@pytest.mark.slow  # the real console script
def test_apply_refuses_an_unchanged_version(tmp_path: Path) -> None:
    installed = str(PROGRAMS_DIR / "us_b1b2.toml")
    result = tracker("programs", "diff", installed, installed, "--apply", cwd=tmp_path)
    assert result.returncode == 2
    assert "bump" in result.stderr


# ---------------------------------------------------------------- programs diff on stored cases


@pytest.fixture
def installed(database_url: str, tmp_path: Path, app: Flask) -> Iterator[Flask]:
    """The same database, served by an app whose installed us_b1b2 is the changed file."""
    folder = tmp_path / "programs"
    folder.mkdir()
    shutil.copy(PROGRAMS_DIR / "hk_dependant.toml", folder)
    (folder / "us_b1b2.toml").write_text(changed(), encoding="utf-8")
    other = make_app(database_url, tmp_path / "uploads-2", PROGRAMS_DIR=folder)
    yield other
    with other.app_context():
        dispose()


def run_cli(app: Flask, *args: str) -> Any:
    with app.app_context():
        result = app.test_cli_runner().invoke(cli, list(args))
        db.session.remove()
    return result


def make_cases(app: Flask) -> tuple[Case, Case]:
    us: Program = app.extensions["programs"]["us_b1b2"]
    business, tourism = (
        create_case(us, case_facts={}, sponsor_name="", applicants=[NewApplicant(name, facts)])
        for name, facts in [("Ann", TRAVELLER), ("Ben", {**TRAVELLER, "purpose": "tourism"})]
    )
    return business, tourism


def test_preview_then_apply_on_stored_cases(app: Flask, installed: Flask, tmp_path: Path) -> None:
    business, tourism = make_cases(app)
    old = tmp_path / "old.toml"
    old.write_text(INSTALLED, encoding="utf-8")
    new = str(tmp_path / "programs" / "us_b1b2.toml")

    preview = run_cli(installed, "programs", "diff", str(old), new)
    assert preview.exit_code == 0, preview.output
    assert "1 of 2 open case(s) affected" in preview.output
    row = next(line for line in preview.output.splitlines() if business.reference in line)
    assert row.split()[1:] == ["2025.12.1", "Ann", "U14", "-"]
    assert tourism.reference not in preview.output
    assert "preview only" in preview.output

    applied = run_cli(installed, "programs", "diff", str(old), new, "--apply", "--json")
    assert applied.exit_code == 0, applied.output
    document = json.loads(applied.output)
    assert (document["applied"], document["rederived"]) == (True, 2)
    assert [c["reference"] for c in document["cases"]] == [business.reference]

    db.session.expire_all()
    assert (business.program_version, tourism.program_version) == ("next", "next")
    u14 = [r for r in business.requirements if r.code == "U14"]
    assert [r.status for r in u14] == [ItemStatus.MISSING]
