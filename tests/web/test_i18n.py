"""The interface in both Chinese scripts: complete catalogs, and pages that use them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tracker.config import PACKAGE_DIR
from tracker.extensions import db
from tracker.models import Case, Requirement

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("zh_Hant", "zh_Hans")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%%")
TRANSLATIONS = PACKAGE_DIR / "translations"
HONG_KONG = {"Accept-Language": "zh-HK,zh;q=0.9,en;q=0.5"}


def extracted() -> set[str]:
    """Every message the code and templates ask for, found as `pybabel extract` finds them."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found = extract_from_dir(ROOT, method_map, options_map)
    return {
        message if isinstance(message, str) else message[0]  # (singular, plural)
        for _file, _line, message, _comments, _context in found
    }


def catalog(locale: str) -> Catalog:
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, locale=locale)


def translations(locale: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs, plural forms included."""
    pairs = []
    for message in catalog(locale):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        texts = [message.string] if isinstance(message.string, str) else list(message.string or ())
        pairs += [(ids[-1] if n else ids[0], text) for n, text in enumerate(texts)]
    return pairs


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_of_the_code_is_translated(locale: str) -> None:
    done = catalog(locale)
    untranslated = sorted(
        msgid
        for msgid in extracted()
        if (message := done.get(msgid)) is None
        or message.fuzzy
        or not all(message.string if isinstance(message.string, tuple) else [message.string])
    )
    assert not untranslated, (
        f"translate these in tracker/translations/{locale} (see babel.cfg): {untranslated}"
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_the_placeholders(locale: str) -> None:
    for msgid, msgstr in translations(locale):
        assert sorted(PLACEHOLDER.findall(msgstr)) == sorted(PLACEHOLDER.findall(msgid)), msgid
        assert "%" not in PLACEHOLDER.sub("", msgstr), msgid  # a lone % breaks formatting


def test_english_is_the_default(client: FlaskClient) -> None:
    html = client.get("/login").get_data(as_text=True)
    assert "Log in" in html
    assert "登入" not in html


def test_login_page_follows_a_hong_kong_browser(client: FlaskClient) -> None:
    html = client.get("/login", headers=HONG_KONG).get_data(as_text=True)
    assert '<html lang="zh-Hant">' in html
    for text in ("登入", "電郵", "密碼", "記住我", "忘記密碼？"):
        assert text in html
    for text in ("Log in", "Password", "Remember me", "Forgot your password?"):
        assert text not in html


def test_the_chosen_language_is_remembered_over_the_browsers(client: FlaskClient) -> None:
    response = client.post("/lang", data={"lang": "zh-Hans", "next": "/login"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    html = client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="zh-Hans">' in html
    for text in ("登录", "电子邮件", "密码", "记住我"):
        assert text in html
    assert "Log in" not in html
    assert "登入" not in html  # Simplified, not Traditional


def test_case_page_in_traditional_chinese(applicant_client: FlaskClient) -> None:
    html = applicant_client.get("/cases", headers=HONG_KONG, follow_redirects=True).get_data(
        as_text=True
    )
    assert 'data-status="missing"' in html
    for text in ("選擇檔案，或把檔案拖放到這裏", "上載", "欠缺", "申請人", "保證人", "登出"):
        assert text in html
    assert "申請人的近照" in html  # item titles come from the program in the same language
    for text in ("Choose files or drop them here", ">Upload<", "Missing", "Log out", "Sponsor"):
        assert text not in html


def test_case_page_in_simplified_chinese(applicant_client: FlaskClient) -> None:
    applicant_client.post("/lang", data={"lang": "zh-Hans"})
    html = applicant_client.get("/cases", follow_redirects=True).get_data(as_text=True)
    for text in ("选择文件，或将文件拖放到此处", "上传", "缺少", "担保人", "退出登录"):
        assert text in html
    for text in ("Choose files or drop them here", "Missing", "選擇檔案"):
        assert text not in html


def test_messages_from_the_code_are_translated(client: FlaskClient, demo: None) -> None:
    refused = client.post(
        "/login",
        data={"email": "applicant@example.com", "password": "wrong-password"},
        headers=HONG_KONG,
    )
    assert "電郵或密碼不正確。" in refused.get_data(as_text=True)
    login(client, "applicant@example.com", "applicant-demo-1")
    client.post("/lang", data={"lang": "zh-Hans"})
    missing = client.get("/cases/999999").get_data(as_text=True)
    assert "找不到该案件。" in missing
    item = db.session.scalars(
        select(Requirement.id).join(Case).where(Case.reference == "DEMO-0001")
    ).first()
    nothing = client.post(f"/items/{item}/documents", headers={"Accept": "application/json"})
    assert nothing.get_json()["error"] == "请选择要上传的文件。"
