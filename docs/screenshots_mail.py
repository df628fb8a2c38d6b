"""Screenshots of every kind of e-mail the tracker sends, rendered by Debian's chromium.

    .venv/bin/python docs/screenshots_mail.py

Renders each message through services.outbox.queue_message (the templates and
subjects the real messages use) with sample values, in English, plus the
rejection in Traditional Chinese; nothing is stored or sent.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from docs.screenshots import save  # noqa: E402
from tests.e2e.app import launch_chromium  # noqa: E402

BASE = "https://tracker.example.org"
CASE = "HD-2026-7Q4M-K2PX"
EXPIRES = datetime(2026, 12, 14, 9, 30, tzinfo=UTC)
REMINDER = {
    "todo": [
        "Recent photograph of the applicant (Maria Reyes)",
        "Marriage certificate (Maria Reyes)",
    ],
    "dates": ["Limit of stay: 2027-01-05"],
    "stop_link": f"{BASE}/reminders/stop/…",
}
DIGEST = [
    (
        "Documents waiting for your review",
        [(f"{CASE}: 3 document(s)", f"{BASE}/consultant/cases/7")],
    ),
    ("Ready to file", [("HD-2026-9XJ2-4TQA", f"{BASE}/consultant/cases/9")]),
    (
        "Deadlines within 14 days",
        [(f"{CASE}: Limit of stay 2026-12-10", f"{BASE}/consultant/cases/7")],
    ),
]


def samples(lang: str) -> dict[str, tuple[dict[str, Any], str]]:
    """Each kind with sample values and its link."""
    from tracker.rules.review_reasons import reason
    from tracker.services.outbox import hong_kong_time

    unreadable = reason("unreadable")
    assert unreadable is not None
    case_link = f"{BASE}/cases/7"
    return {
        "invitation": (
            {"inviter": "Chan Tai Man", "expires": hong_kong_time(EXPIRES)},
            f"{BASE}/invite/…",
        ),
        "password_reset": ({"expires": hong_kong_time(EXPIRES)}, f"{BASE}/reset/…"),
        "document_rejected": (
            {
                "item": "結婚證書" if lang == "zh-Hant" else "Marriage certificate",
                "person": "Maria Reyes",
                "reason": unreadable.label(lang),
                "advice": unreadable.advice(lang),
                "comment": "相片太模糊" if lang != "en" else "The photo is blurred.",
            },
            case_link,
        ),
        "translation_needed": (
            {"item": "Marriage certificate", "person": "Maria Reyes"},
            case_link,
        ),
        "check_failed": (
            {
                "item": "Bank statement",
                "person": "Maria Reyes",
                "problems": ["The PDF is password-protected: the Department cannot open it."],
            },
            case_link,
        ),
        "reminder": (REMINDER, case_link),
        "thread_message": (
            {"author": "Chan Tai Man", "body": "Please bring the original certificate on Monday."},
            f"{case_link}#thread",
        ),
        "ready_to_file": ({}, f"{BASE}/consultant/cases/7"),
        "digest": ({"sections": DIGEST}, f"{BASE}/dashboard"),
    }


def render(lang: str) -> dict[str, str]:
    """The HTML of every kind in `lang`, as queue_message writes it (rolled back after)."""
    from tracker import create_app
    from tracker.extensions import db
    from tracker.models import Case, User
    from tracker.services.outbox import queue_message

    folder = Path(tempfile.mkdtemp(prefix="tracker-mail-shots-"))
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'x.sqlite'}", "UPLOAD_DIR": str(folder)}
    )
    pages = {}
    with app.app_context():
        case = Case(reference=CASE)
        reader = User(email="maria.reyes@example.com", name="Maria Reyes")
        for kind, (context, link) in samples(lang).items():
            message = queue_message(
                kind, to=reader.email, lang=lang, context=context, case=case, user=reader, link=link
            )
            pages[kind] = message.html_body
        db.session.rollback()
        db.session.remove()
    return pages


def main() -> None:
    (ROOT / "docs" / "screenshots" / "mail").mkdir(parents=True, exist_ok=True)
    shots = {f"{kind}.png": html for kind, html in render("en").items()}
    shots["document_rejected-zh-hant.png"] = render("zh-Hant")["document_rejected"]
    with sync_playwright() as driver:
        browser = launch_chromium(driver)
        page = browser.new_page(viewport={"width": 600, "height": 400})
        for name, html in shots.items():
            page.set_content(html)
            save(page.screenshot(full_page=True), f"mail/{name}")
        browser.close()


if __name__ == "__main__":
    main()
