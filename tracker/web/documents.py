"""Uploading, downloading and previewing documents, for everyone who may see them."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.extensions import limiter
from tracker.models import Document
from tracker.services import documents as service
from tracker.services.captures import submit_pages
from tracker.services.compliant_copies import make_compliant_copy
from tracker.services.errors import InvalidInputError
from tracker.services.previews import stored_page, stored_preview
from tracker.services.removal import remove_document
from tracker.services.views.documents import item_dict, upload_dict
from tracker.web.errors import too_many_files
from tracker.web.locale import current_lang
from tracker.web.programs import program

bp = Blueprint("documents", __name__)
UPLOAD_LIMIT = "60 per minute"


def _files(field: str = "file") -> list[tuple[Any, str]]:
    files = [f for f in request.files.getlist(field) if f.filename]
    if not files:
        raise InvalidInputError(_("Choose a file to upload."))
    if len(files) > current_app.config["MAX_FILES_PER_UPLOAD"]:
        raise InvalidInputError(too_many_files())
    return [(f.stream, f.filename or "upload") for f in files]


def _answer(req_id: int, uploaded: list[Document], message: str) -> ResponseReturnValue:
    """JSON for the page's script (the new documents only); plain forms go back to the item."""
    req = service.get_requirement(current_user, req_id)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(upload_dict(req, uploaded, current_lang()))
    flash(message, "success")
    return redirect(url_for("applicant.case", case_id=req.case_id, _anchor=f"item-{req.id}"))


@bp.post("/items/<int:req_id>/documents")
@login_required
@limiter.limit(UPLOAD_LIMIT)
def upload(req_id: int) -> ResponseReturnValue:
    req = service.get_requirement(current_user, req_id)
    replaces = request.form.get("replaces", type=int)
    uploaded = service.submit_uploads(
        current_user,
        req,
        _files(),
        program=program(req.case.program),
        replaces=service.get_document(current_user, replaces) if replaces else None,
    )
    return _answer(req_id, uploaded, _("Uploaded. We are checking it now."))


@bp.post("/documents/<int:doc_id>/remove")
@login_required
@limiter.limit(UPLOAD_LIMIT)
def remove(doc_id: int) -> ResponseReturnValue:
    doc = service.get_document(current_user, doc_id)
    remove_document(current_user, doc)
    return _answer(doc.requirement_id, [], _("The file was removed."))


@bp.post("/items/<int:req_id>/pages")
@login_required
@limiter.limit(UPLOAD_LIMIT)
def upload_pages(req_id: int) -> ResponseReturnValue:
    """Photographed pages of one document, in order: filed as one PDF."""
    req = service.get_requirement(current_user, req_id)
    doc = submit_pages(current_user, req, _files("page"), program=program(req.case.program))
    return _answer(
        req_id, [doc], _("The pages were put together as one PDF. We are checking it now.")
    )


@bp.post("/documents/<int:doc_id>/translations")
@login_required
@limiter.limit(UPLOAD_LIMIT)
def upload_translation(doc_id: int) -> ResponseReturnValue:
    original = service.get_document(current_user, doc_id)
    uploaded = service.submit_uploads(
        current_user,
        original.requirement,
        _files(),
        program=program(original.case.program),
        translation_of=original,
    )
    return _answer(
        original.requirement_id, uploaded, _("Translation uploaded. We are checking it now.")
    )


@bp.post("/documents/<int:doc_id>/compliant-copy")
@login_required
@limiter.limit(UPLOAD_LIMIT)
def compliant_copy(doc_id: int) -> ResponseReturnValue:
    doc = service.get_document(current_user, doc_id)
    copy = make_compliant_copy(current_user, doc, program=program(doc.case.program))
    return _answer(
        doc.requirement_id, [copy], _("A compliant copy was made and added to this item.")
    )


@bp.get("/items/<int:req_id>")
@login_required
def item(req_id: int) -> Response:
    return jsonify(item_dict(service.get_requirement(current_user, req_id), current_lang()))


@bp.get("/documents/<int:doc_id>/file")
@login_required
def download(doc_id: int) -> Response:
    doc, stream = service.open_for_download(current_user, doc_id)
    response = send_file(  # streamed in blocks from the store, closed by the server
        stream,
        mimetype=doc.mime if doc.kind else "application/octet-stream",
        as_attachment=True,
        download_name=doc.original_name,
        max_age=0,
        conditional=False,
        etag=False,
    )
    response.content_length = doc.size
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/documents/<int:doc_id>/preview")
@login_required
def preview(doc_id: int) -> ResponseReturnValue:
    """Serve the stored picture; one not drawn yet (or never: a broken file) is a 404."""
    png = stored_preview(current_user, doc_id)
    if png is None:
        return Response(status=404, headers={"Cache-Control": "no-store"})
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.get("/documents/<int:doc_id>/pages/<int:number>")
@login_required
def page_image(doc_id: int, number: int) -> ResponseReturnValue:
    """Serve one stored page image of the viewer; one not drawn (yet) is a 404."""
    jpeg = stored_page(current_user, doc_id, number)
    if jpeg is None:
        return Response(status=404, headers={"Cache-Control": "no-store"})
    response = Response(jpeg, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
