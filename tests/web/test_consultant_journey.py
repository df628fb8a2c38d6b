"""The whole journey, as a new consultant would make it: open a case, invite the family,
they upload, the consultant reviews, the dashboard goes 0 % → 100 %, the bundle is complete."""

from __future__ import annotations

import io
import re
import zipfile

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image
from sqlalchemy import select

from tests.casework import forget_current_user, pdf_bytes, sponsor_of
from tracker.extensions import db
from tracker.models import Case, Document

ENGLISH = (
    "Certified true copy issued by the registry office. The bearer named below is the person "
    "described in this certificate, issued in accordance with the laws in force. "
) * 3
INDONESIAN = (
    "Kutipan Akta Perkawinan. Pada hari ini telah dilangsungkan perkawinan antara seorang "
    "laki-laki dan seorang perempuan di hadapan pegawai pencatat perkawinan sesuai dengan "
    "ketentuan peraturan perundang-undangan yang berlaku di Republik Indonesia. "
) * 3


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (900, 1200), (200, 180, 160)).save(out, "JPEG")
    return out.getvalue()


def readiness(client: FlaskClient, case_id: int) -> int:
    html = client.get("/dashboard").get_data(as_text=True)
    match = re.search(rf'data-case-id="{case_id}" data-readiness="(\d+)"', html)
    assert match, html
    return int(match.group(1))


def link_in(html: str) -> str:
    match = re.search(r'value="http://localhost(/invite/[^"]+)"', html)
    assert match, html
    return match.group(1)


def join(app: Flask, link: str, name: str) -> FlaskClient:
    forget_current_user()
    client = app.test_client()
    response = client.post(
        link, data={"name": name, "password": "family-pass-1", "confirm": "family-pass-1"}
    )
    assert response.status_code == 302
    return client


def upload(client: FlaskClient, url: str, data: bytes, name: str) -> None:
    response = client.post(
        url,
        data={"file": (io.BytesIO(data), name)},
        headers={"Accept": "application/json"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.get_data(as_text=True)


def test_open_invite_review_and_bundle(app: Flask, consultant_client: FlaskClient) -> None:
    opened = consultant_client.post(
        "/consultant/cases/new",
        data={
            "program": "hk_dependant",
            "case-application_type": "entry",
            "case-sponsor_category": "qmas",
            "sponsor-name": "Budi Santoso",
            "a0-name": "Siti Rahayu",
            "a0-relationship": "spouse",
            "a0-applicant_age": "31",
            "a0-applicant_nationality": "ID",
            "a0-applicant_residence": "overseas",
        },
    )
    assert opened.status_code == 302
    case = db.session.scalars(select(Case).where(Case.reference.like("HD-%"))).one()
    siti, budi = case.applicants[0], sponsor_of(case)
    assert readiness(consultant_client, case.id) == 0

    invites = {}
    for who, email in (
        (f"applicant:{siti.id}", "siti@example.com"),
        (f"sponsor:{budi.id}", "budi@example.com"),
    ):
        page = consultant_client.post(
            f"/consultant/cases/{case.id}/invitations", data={"email": email, "who": who}
        )
        invites[email] = link_in(page.get_data(as_text=True))

    family = join(app, invites["siti@example.com"], "Siti")
    for req in siti.requirements:
        if req.code == "A1":
            upload(family, f"/items/{req.id}/documents", photo(), "siti.jpg")
        elif req.code == "A4":
            upload(family, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "akta.pdf")
        else:
            upload(family, f"/items/{req.id}/documents", pdf_bytes(ENGLISH), f"{req.code}.pdf")
    sponsor = join(app, invites["budi@example.com"], "Budi")
    for req in budi.requirements:
        upload(sponsor, f"/items/{req.id}/documents", pdf_bytes(ENGLISH), f"{req.code}.pdf")
    app.extensions["jobs"].wait()
    db.session.expire_all()

    forget_current_user()
    marriage = next(
        d for d in db.session.scalars(select(Document)) if d.original_name == "akta.pdf"
    )
    assert marriage.requirement.status.value == "needs_translation"
    upload(family, f"/documents/{marriage.id}/translations", pdf_bytes(ENGLISH), "akta-en.pdf")
    app.extensions["jobs"].wait()
    db.session.expire_all()

    forget_current_user()
    originals = [d for d in db.session.scalars(select(Document)) if d.translation_of_id is None]
    for doc in originals:
        response = consultant_client.post(f"/consultant/documents/{doc.id}/accept")
        assert response.status_code == 302
    assert readiness(consultant_client, case.id) == 100

    with consultant_client.get(f"/consultant/cases/{case.id}/bundle.zip") as bundle:
        assert bundle.status_code == 200
        names = zipfile.ZipFile(io.BytesIO(bundle.data)).namelist()
    assert names == [
        "00 Index.pdf",
        "01 Siti Rahayu - A1 Recent photograph of the applicant.jpg",
        "02 Siti Rahayu - A2 Applicant's valid travel document.pdf",
        "03 Siti Rahayu - A4 Proof of relationship with the sponsor.pdf",
        "04 Siti Rahayu - A4 Proof of relationship with the sponsor - translation.pdf",
        "05 Budi Santoso - B1 Sponsor's Hong Kong identity card.pdf",
        "06 Budi Santoso - B2 Sponsor's valid travel document with current Hong Kong visa.pdf",
        "07 Budi Santoso - B3 Proof of the sponsor's financial position.pdf",
        "08 Budi Santoso - B4 Proof of the sponsor's address.pdf",
    ]
    history = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    for action in (
        "case.created",
        "invitation.created",
        "document.uploaded",
        "document.accepted",
        "case.exported",
    ):
        assert f'data-action="{action}"' in history
