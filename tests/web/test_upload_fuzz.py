"""Issue 11, "also hold": whatever a browser sends to the upload route, the answer is a clear
message in the user's language, never a 500 (the validators' fuzzing, extended to HTTP)."""

from __future__ import annotations

import io
import re

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.validation import samples
from tests.validation.fuzzing import mutated
from tests.web.uploading import requirement

GPS_PHOTOS = [
    samples.jpeg_with_fill_byte(samples.jpeg(64, 80, exif=samples.phone_exif(orientation=6))),
    samples.png(64, 80, exif=samples.phone_exif()),
]
CJK = re.compile(r"[\u4e00-\u9fff]")
LABELS = ["application/pdf", "image/jpeg", "image/png", "text/html", "", "x/\u00e9"]
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _messages(body: dict[str, object]) -> list[str]:
    """The error, or the findings of the newest document, as the page would show them."""
    if "error" in body:
        return [str(body["error"])]
    newest = body["documents"][0]  # type: ignore[index]
    return [f["message"] for f in newest["findings"]]


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=2048), mutated(), mutated(GPS_PHOTOS)),
    name=st.text(max_size=40),
    label=st.sampled_from(LABELS),
    code=st.sampled_from(["A1", "A4"]),
    lang=st.sampled_from(["en", "zh-Hant", "zh-Hans"]),
)
def test_any_upload_gets_a_clear_answer_in_the_users_language(
    app: Flask,
    applicant_client: FlaskClient,
    data: bytes,
    name: str,
    label: str,
    code: str,
    lang: str,
) -> None:
    url = f"/items/{requirement(code, person='Maria Reyes').id}/documents"
    with app.app_context():  # a fresh `g` per request, as on a server
        response = applicant_client.post(
            url,
            data={"file": (io.BytesIO(data), name, label)},
            headers={"Accept": "application/json", "Accept-Language": lang},
            content_type="multipart/form-data",
        )
    app.extensions["jobs"].wait()
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:500]
    messages = _messages(response.get_json())
    assert all(m.strip() and "Traceback" not in m for m in messages)
    assert response.status_code == 200 or messages
    if lang != "en":
        assert all(CJK.search(m) for m in messages), messages
