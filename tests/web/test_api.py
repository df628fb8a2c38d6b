"""/api/v1: the checklist as the CLI prints it; errors as JSON."""

from __future__ import annotations

import json

from flask.testing import FlaskClient

FACTS = {
    "application_type": "entry",
    "sponsor_category": "qmas",
    "relationship": "spouse",
    "applicant_age": 40,
    "applicant_nationality": "ID",
    "applicant_residence": "overseas",
}


def test_api_needs_a_login(client: FlaskClient) -> None:
    response = client.post("/api/v1/checklist", json=FACTS)
    assert response.status_code == 401
    assert response.is_json


def test_checklist_over_http(applicant_client: FlaskClient) -> None:
    response = applicant_client.post("/api/v1/checklist?lang=zh-Hans", json=FACTS)
    assert response.status_code == 200
    body = response.get_json()
    assert body["eligible"] is True
    assert body["items"][0]["code"] == "A1"
    assert body["items"][0]["title"] == "申请人的近照"


def test_bad_facts_over_http_name_the_key(applicant_client: FlaskClient) -> None:
    response = applicant_client.post("/api/v1/checklist", json={**FACTS, "applicant_age": "x"})
    assert response.status_code == 400
    assert "applicant_age" in response.get_json()["error"]


def test_openapi_document(client: FlaskClient) -> None:
    body = client.get("/api/v1/openapi.json").get_json()
    assert body["openapi"].startswith("3.")
    assert "/api/v1/checklist" in body["paths"]
    assert "/api/v1/validate" in body["paths"]


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_checklist_refuses_a_key_given_twice(applicant_client: FlaskClient) -> None:
    body = json.dumps(FACTS)[:-1] + ', "relationship": "fiance"}'
    response = applicant_client.post(
        "/api/v1/checklist", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "'relationship' is given twice" in response.get_json()["error"]
