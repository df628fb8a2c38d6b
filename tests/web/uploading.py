"""Uploads as the browser sends them: sample files, the request, waiting for the checks."""

from __future__ import annotations

import io
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from fpdf import FPDF
from PIL import Image
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Case, Requirement

INDONESIAN = (
    "Kutipan Akta Perkawinan. Pada hari ini telah dilangsungkan perkawinan antara "
    "seorang laki-laki dan seorang perempuan di hadapan pegawai pencatat perkawinan "
    "sesuai dengan ketentuan peraturan perundang-undangan yang berlaku di Republik Indonesia. "
)
ENGLISH = (
    "Certified translation of the marriage certificate. On this day a marriage was "
    "solemnised between the man and the woman named below before the registrar of "
    "marriages, in accordance with the laws in force in the Republic of Indonesia. "
)


def pdf_bytes(text: str, pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 8, text * 4)
    return bytes(pdf.output())


def png_bytes(size: tuple[int, int] = (800, 1000)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(out, "PNG")
    return out.getvalue()


def requirement(code: str, reference: str = "DEMO-0001", person: str | None = None) -> Requirement:
    query = (
        select(Requirement).join(Case).where(Case.reference == reference, Requirement.code == code)
    )
    reqs = db.session.scalars(query).all()
    return next(r for r in reqs if person is None or r.person.name == person)


def upload(client: FlaskClient, url: str, data: bytes, name: str) -> Any:
    return client.post(
        url,
        data={"file": (io.BytesIO(data), name)},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )


def settle(app: Flask) -> None:
    app.extensions["jobs"].wait()
    db.session.expire_all()
