"""The interface language: the user's choice, else the browser's Accept-Language."""

from __future__ import annotations

from flask import Blueprint, Flask, has_request_context, redirect, request, session, url_for
from flask_babel import refresh
from flask_login import current_user
from werkzeug.wrappers import Response

from tracker.i18n import LANGS
from tracker.services.users import save_language
from tracker.web.redirects import local_target

bp = Blueprint("locale", __name__)

# Browser tags to our three languages (Hong Kong, Taiwan and Macau write Traditional).
_TAGS = {
    "zh-hant": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hans": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh": "zh-Hans",
    "en": "en",
}
BABEL_LOCALE = {"en": "en", "zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}


def current_lang() -> str:
    """Our language code for this request: en, zh-Hant or zh-Hans."""
    chosen = session.get("lang")
    if chosen in LANGS:
        return str(chosen)
    for tag, _quality in request.accept_languages:
        tag = tag.lower()
        if tag in _TAGS:
            return _TAGS[tag]
        if tag.split("-")[0] in _TAGS:
            return _TAGS[tag.split("-")[0]]
    return "en"


def select_locale() -> str:
    """Babel's locale for this request; English outside one (commands, background jobs)."""
    return BABEL_LOCALE[current_lang()] if has_request_context() else "en"


@bp.post("/lang")
def switch() -> Response:
    """Remember the language the user picked."""
    lang = request.form.get("lang", "")
    if lang in LANGS:
        session["lang"] = lang
        if current_user.is_authenticated:
            save_language(current_user, lang)
    return redirect(local_target(request.form.get("next", ""), url_for("auth.home")))


def register(app: Flask) -> None:
    # Babel remembers the locale in the app context, which a request may share with
    # the code around it (tests, commands): choose it afresh for every request.
    app.before_request(refresh)
    app.context_processor(lambda: {"lang": current_lang(), "langs": LANGS})
