"""The JSON API under /api/v1: the same checklist and validate documents as the CLI."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, jsonify, request
from flask_login import login_required
from werkzeug.wrappers import Response

from tracker.extensions import limiter
from tracker.i18n import LANGS
from tracker.rules.engine import derive_checklist
from tracker.rules.facts import FactsError, parse_facts
from tracker.rules.facts_json import read_facts_json
from tracker.rules.program import Program
from tracker.services.errors import InvalidInputError, NotFoundError
from tracker.services.file_checks import check_file, limits_for
from tracker.services.registry import get_programs
from tracker.web.documents import UPLOAD_LIMIT
from tracker.web.openapi import OPENAPI

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _program(code: str) -> Program:
    programs = get_programs()
    if code not in programs:
        raise NotFoundError(f"unknown program {code!r}")
    return programs[code]


def _lang() -> str:
    lang = request.args.get("lang") or request.form.get("lang") or "en"
    if lang not in LANGS:
        raise InvalidInputError(f"lang must be one of {', '.join(LANGS)}")
    return lang


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(OPENAPI)


@bp.post("/checklist")
@login_required
def checklist() -> Response:
    """Facts as the JSON body (or {"program", "facts"}); ?program= and ?lang= in the query."""
    try:
        body: Any = read_facts_json(request.get_data())  # a key twice is refused, as on the CLI
        if isinstance(body, dict) and isinstance(body.get("facts"), dict):
            program, facts = _program(str(body.get("program", "hk_dependant"))), body["facts"]
        else:
            program, facts = _program(request.args.get("program", "hk_dependant")), body
        parsed = parse_facts(program, facts)
    except FactsError as exc:
        raise InvalidInputError(str(exc)) from None
    return jsonify(derive_checklist(program, parsed).to_dict(_lang()))


@bp.post("/validate")
@login_required
@limiter.limit(UPLOAD_LIMIT)
def validate() -> Response:
    """Multipart `file` (one or several); optional `item` and `program`.

    The language is decided in the isolated child, as for an upload, never in this process.
    """
    files = request.files.getlist("file")
    if not files:
        raise InvalidInputError("send the document as a multipart field named 'file'")
    program = _program(request.values.get("program", "hk_dependant"))
    code = request.values.get("item")
    item = program.item(code) if code else None
    if code and item is None:
        raise InvalidInputError(f"program {program.code} has no item {code!r}")
    lang, limits = _lang(), limits_for(item)
    travel = item is not None and item.travel_document
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for n, upload in enumerate(files):
            path = Path(folder) / f"upload-{n}"
            upload.save(path)
            name = upload.filename or "upload"
            report = check_file(path, name=name, limits=limits, travel_document=travel)
            results.append(report.to_dict(lang))
    return jsonify(results[0] if len(results) == 1 else results)
