"""The rule-change page: the open cases whose stored checklist differs from the installed
program, what each person gains or loses, applied only with a confirmation, in the history."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.apps import login
from tests.casework import forget_current_user, staff, variant
from tests.us_changes import TRAVELLER, U14
from tracker.extensions import db
from tracker.models import Case, ItemStatus
from tracker.rules.loader import PROGRAMS_DIR, load_program
from tracker.services.cases import NewApplicant, create_case
from tracker.services.users import find_user


def derived_with(program: Any, name: str, facts: dict[str, Any], consultant: Any) -> Case:
    case = create_case(
        program,
        case_facts={},
        sponsor_name="",
        applicants=[NewApplicant(name, facts)],
        consultant=consultant,
    )
    db.session.commit()
    return case


def u14_status(case: Case) -> ItemStatus:
    db.session.expire_all()
    return next(r.status for r in case.requirements if r.code == "U14")


def test_a_consultant_sees_applies_with_confirmation_and_the_history_records_it(
    app: Flask, consultant_client: FlaskClient, tmp_path: Path
) -> None:
    us = app.extensions["programs"]["us_b1b2"]
    older = variant(us, tmp_path, ("\n[[notes]]\n", U14))  # the rules the cases were made with
    me = find_user("consultant@example.com")
    ann = derived_with(older, "Ann Lee", TRAVELLER, me)
    tourist = derived_with(older, "Ben Lee", {**TRAVELLER, "purpose": "tourism"}, me)
    others = derived_with(older, "Cat Lee", TRAVELLER, staff("other@example.com"))
    forget_current_user()

    consultant_client.post("/lang", data={"lang": "zh-Hant"})
    chinese = consultant_client.get("/consultant/programs").get_data(as_text=True)
    assert "規則變更" in chinese
    consultant_client.post("/lang", data={"lang": "en"})

    html = consultant_client.get("/consultant/programs").get_data(as_text=True)
    us_part = html.split('data-program="us_b1b2"')[1]
    assert f'data-case-id="{ann.id}"' in us_part
    assert 'data-role="loses"><span class="badge" data-code="U14">U14</span>' in us_part
    assert f'data-case-id="{tourist.id}"' in us_part  # same items, older version
    assert "No item changes" in us_part
    assert f'data-case-id="{others.id}"' not in us_part  # another consultant's case
    assert 'name="confirm"' in us_part

    ids = {"case_id": [str(ann.id), str(tourist.id)]}
    refused = consultant_client.post("/consultant/programs/us_b1b2/apply", data=ids)
    assert refused.status_code == 302
    assert u14_status(ann) is ItemStatus.MISSING
    assert "tick the box" in consultant_client.get("/consultant/programs").get_data(as_text=True)

    applied = consultant_client.post(
        "/consultant/programs/us_b1b2/apply", data={**ids, "confirm": "yes"}
    )
    assert applied.status_code == 302
    assert u14_status(ann) is ItemStatus.NOT_REQUIRED
    assert u14_status(others) is ItemStatus.MISSING  # not shown, not applied
    assert (ann.program_version, tourist.program_version) == (us.version, us.version)
    after = consultant_client.get("/consultant/programs").get_data(as_text=True)
    assert "2 case(s) now follow version" in after
    assert f'data-case-id="{ann.id}"' not in after.split('data-program="us_b1b2"')[1]
    history = consultant_client.get(f"/consultant/cases/{ann.id}").get_data(as_text=True)
    assert 'data-action="case.program_changed"' in history
    assert f"version {us.version} of the program&#39;s rules (the case followed next)" in history
    assert "No longer required: U14 (Ann Lee)." in history


def test_the_page_says_when_the_program_file_on_disk_changes_or_breaks(
    other_app: Callable[..., Flask], demo: None, tmp_path: Path
) -> None:
    folder = tmp_path / "programs"
    folder.mkdir()
    for source in PROGRAMS_DIR.glob("*.toml"):
        shutil.copy(source, folder / source.name)
    client = other_app(PROGRAMS_DIR=str(folder)).test_client()
    login(client, "consultant@example.com", "consultant-demo-1")
    us_file = folder / "us_b1b2.toml"
    installed = load_program(us_file).version

    def said() -> str:
        html = client.get("/consultant/programs").get_data(as_text=True)
        section = html.split('data-program="us_b1b2"')[1].split("data-program=")[0]
        found = re.search(r'data-role="disk-(version|problem)">(.*?)</p>', section, re.S)
        return found.group(2) if found else ""

    assert said() == ""
    us_file.write_text(
        us_file.read_text("utf-8").replace(f'version = "{installed}"', 'version = "2099.1.1"'),
        "utf-8",
    )
    assert "now holds version 2099.1.1" in said()  # the edit is seen at once
    us_file.write_text("[program]\ncode = ", "utf-8")
    assert "cannot be loaded" in said()
    shutil.copy(PROGRAMS_DIR / "us_b1b2.toml", us_file)
    assert said() == ""
