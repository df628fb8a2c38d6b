"""Issue 11 finding 7: logging in costs the same whether or not the e-mail has an account."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.security import check_password_hash

from tracker.models import user as user_model
from tracker.services.users import authenticate

# the real deployment's method: what the timing depends on
pytestmark = pytest.mark.app_config(PASSWORD_HASH_METHOD="scrypt")


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The method of every stored hash a password is checked against (werkzeug does the work)."""
    methods: list[str] = []
    real: Callable[[str, str], bool] = check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        methods.append(pwhash.split("$", 1)[0].split(":", 1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(user_model, "check_password_hash", counting)
    return methods


@pytest.mark.parametrize(
    "email",
    ["nobody@example.com", "applicant@example.com"],
    ids=["unknown address", "known address"],
)
def test_a_failed_login_hashes_once_either_way(
    app: Flask, demo: None, hashed: list[str], email: str
) -> None:
    """Finding 7: an unknown e-mail answered in ~25 ms, a known one in ~260 ms."""
    assert authenticate(email, "wrong-password-123") is None
    assert hashed == ["scrypt"]


def test_the_right_password_still_logs_in(app: Flask, demo: None, hashed: list[str]) -> None:
    assert authenticate("applicant@example.com", "applicant-demo-1") is not None
    assert hashed == ["scrypt"]


def test_deployments_hash_passwords_with_scrypt(tmp_path: Path) -> None:
    from tracker.config import load_settings

    assert load_settings(str(tmp_path))["PASSWORD_HASH_METHOD"] == "scrypt"
