"""Helpers for the consultant-side tests: users, cases, stored documents, sample files."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, g
from sqlalchemy import event, select

from tracker.extensions import db
from tracker.models import (
    Case,
    CheckState,
    Document,
    Person,
    Requirement,
    Review,
    Role,
    User,
)
from tracker.services.cases import NewApplicant, create_case
from tracker.services.status import refresh_case
from tracker.services.users import create_user, find_user
from tracker.validation.findings import Finding

SPOUSE: dict[str, Any] = {
    "relationship": "spouse",
    "applicant_age": 34,
    "applicant_nationality": "PH",
    "applicant_residence": "overseas",
}
CHILD: dict[str, Any] = {**SPOUSE, "relationship": "child", "applicant_age": 10}


def staff(email: str = "c@example.com", role: Role = Role.CONSULTANT, name: str = "") -> User:
    return find_user(email) or create_user(email, "long-password-1", role, name=name)


def new_case(
    program: Any,
    consultant: User | None,
    *,
    applicants: Sequence[tuple[str, dict[str, Any]]] = (("Ann Reyes", SPOUSE),),
    sponsor: str = "Sam Reyes",
    **case_facts: Any,
) -> Case:
    facts = {"application_type": "entry", "sponsor_category": "gep", **case_facts}
    return create_case(
        program,
        case_facts=facts,
        sponsor_name=sponsor,
        applicants=[NewApplicant(name, f) for name, f in applicants],
        consultant=consultant,
    )


def sponsor_of(case: Case) -> Person:
    """The sponsor of a case whose program has one."""
    assert case.sponsor is not None
    return case.sponsor


def requirement(case: Case, code: str, person: str | None = None) -> Requirement:
    return next(
        r
        for r in case.requirements
        if r.code == code and (person is None or r.person.name == person)
    )


def add_document(
    app: Flask,
    req: Requirement,
    data: bytes,
    *,
    name: str = "document.pdf",
    mime: str = "application/pdf",
    kind: str = "pdf",
    review: Review = Review.PENDING,
    findings: Sequence[Finding] = (),
    needs_translation: bool = False,
    translation_of: Document | None = None,
    check_state: CheckState = CheckState.DONE,
) -> Document:
    """Store bytes and record them as an upload of the item, as the upload side would."""
    stored = app.extensions["storage"].save(io.BytesIO(data), max_bytes=10**7)
    doc = Document(
        requirement=req,
        case_id=req.case_id,
        translation_of=translation_of,
        storage_key=stored.key,
        original_name=name,
        mime=mime,
        kind=kind,
        size=stored.size,
        sha256=stored.sha256,
        findings=list(findings),
        languages=["en"],
        needs_translation=needs_translation,
        check_state=check_state,
        review=review,
    )
    db.session.add(doc)
    db.session.flush()
    refresh_case(req.case)
    db.session.commit()
    return doc


def pdf_bytes(text: str = "Certificate") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    return bytes(pdf.output())


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (600, 800)) -> bytes:
    from PIL import Image

    if fmt == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def noise_png(size: tuple[int, int]) -> bytes:
    """A PNG that does not compress (random pixels): 1500 × 1300 is over 5 MB."""
    import os

    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, "PNG")
    return out.getvalue()


def ready_but_the_photo(program: Any, app: Flask, review: Review) -> tuple[Case, Requirement]:
    """A case with every item accepted but its photograph (A1), whose files get `review`."""
    case = new_case(program, staff())
    accept_everything(case, app)
    photo = requirement(case, "A1")
    for doc in photo.documents:
        doc.review = review
    return case, photo


def accept_everything(case: Case, app: Flask) -> None:
    """Upload an accepted PDF for every required item of the case."""
    for req in list(case.requirements):
        if req.required:
            add_document(
                app, req, pdf_bytes(req.code), name=f"{req.code}.pdf", review=Review.ACCEPTED
            )


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block."""
    statements: list[str] = []
    engine = db.engine

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def forget_current_user() -> None:
    """The tests share one app context, so Flask-Login's `g._login_user` outlives a request:
    drop it before another client's request, as a real request would start afresh."""
    g.pop("_login_user", None)


def case_by_reference(reference: str) -> Case:
    return db.session.scalars(select(Case).where(Case.reference == reference)).one()


def variant(program: Any, tmp_path: Path, *changes: tuple[str, str]) -> Any:
    """A copy of an installed program with text replaced and the version bumped."""
    from tracker.rules.loader import load_program

    text = Path(program.path).read_text(encoding="utf-8")
    for old, new in [(f'version = "{program.version}"', 'version = "next"'), *changes]:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{program.code}.toml"
    path.write_text(text, encoding="utf-8")
    return load_program(path)
