"""Log-in, roles and who sees which case."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tracker.extensions import db
from tracker.models import AuditEvent, Case


def case_id(reference: str) -> int:
    return db.session.scalars(select(Case.id).where(Case.reference == reference)).one()


def test_login_page_has_the_contract_inputs(client: FlaskClient) -> None:
    html = client.get("/login").get_data(as_text=True)
    assert 'name="email"' in html
    assert 'name="password"' in html


def test_wrong_password_is_refused_and_audited(client: FlaskClient, demo: None) -> None:
    response = client.post(
        "/login", data={"email": "applicant@example.com", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert "Wrong e-mail or password" in response.get_data(as_text=True)
    assert client.get("/cases").status_code == 302
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "auth.login_failed" in actions


def test_pages_need_a_login(client: FlaskClient) -> None:
    response = client.get("/dashboard")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_applicant_sees_own_case_only(applicant_client: FlaskClient) -> None:
    own = applicant_client.get(f"/cases/{case_id('DEMO-0001')}")
    other = applicant_client.get(f"/cases/{case_id('DEMO-0002')}")
    assert own.status_code == 200
    assert other.status_code == 404
    html = own.get_data(as_text=True)
    assert 'data-item-code="A1"' in html
    assert 'data-status="missing"' in html


def test_applicant_cannot_open_the_dashboard(applicant_client: FlaskClient) -> None:
    assert applicant_client.get("/dashboard").status_code == 403


def test_consultant_dashboard_lists_cases_with_readiness(
    consultant_client: FlaskClient,
) -> None:
    html = consultant_client.get("/dashboard").get_data(as_text=True)
    assert f'data-case-id="{case_id("DEMO-0001")}"' in html
    assert 'data-readiness="0"' in html


def test_login_redirect_target_must_be_local(client: FlaskClient, demo: None) -> None:
    response = client.post(
        "/login?next=//evil.example/",
        data={"email": "applicant@example.com", "password": "applicant-demo-1"},
    )
    assert "evil.example" not in response.headers["Location"]


def test_seed_demo_is_idempotent(app: object, demo: None, program: object) -> None:
    from tracker.services.demo import seed_demo

    before = db.session.scalars(select(Case.reference)).all()
    list(seed_demo(program))  # type: ignore[arg-type]
    assert sorted(db.session.scalars(select(Case.reference)).all()) == sorted(before)


def test_logout(applicant_client: FlaskClient) -> None:
    applicant_client.post("/logout")
    assert applicant_client.get("/cases").status_code == 302


def test_other_applicant_logs_in_to_their_case(client: FlaskClient, demo: None) -> None:
    login(client, "other@example.com", "other-demo-1")
    response = client.get("/cases", follow_redirects=True)
    assert "DEMO-0002" in response.get_data(as_text=True)
