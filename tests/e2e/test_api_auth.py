"""Who may do what through the API: sign-in, sessions, tokens and their scopes, roles, setup."""

from __future__ import annotations

from api_fixtures import Api, context_over
from fastapi.testclient import TestClient

from warroom.api.app import create_app
from warroom.services import accounts
from warroom.storage import Database

INCIDENTS = "/api/v1/incidents"
NEW = {"title": "Disk full", "severity": 3}


def test_no_credentials_is_401_in_the_error_shape(api: Api) -> None:
    response = api.as_("anonymous").get(INCIDENTS)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response.headers["www-authenticate"] == "Bearer"
    assert api.as_("anonymous").post(INCIDENTS, json=NEW).status_code == 401


def test_a_bad_or_revoked_token_is_401(api: Api) -> None:
    bogus = api.client.get(INCIDENTS, headers={"Authorization": "Bearer wr_nope_nope"})
    assert bogus.status_code == 401
    basic = api.client.get(INCIDENTS, headers={"Authorization": "Basic YTpi"})
    assert basic.status_code == 401
    token_id, secret = accounts.create_token(api.ctx, "temp", "write", "rita")
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.client.get(INCIDENTS, headers=headers).status_code == 200
    revoked = api.as_("admin").delete(f"/api/v1/tokens/{token_id}")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert api.client.get(INCIDENTS, headers=headers).status_code == 401


def test_viewers_read_but_do_not_write(api: Api) -> None:
    ref = api.declare()["ref"]
    as_vic = api.as_("viewer")
    assert as_vic.get(f"{INCIDENTS}/{ref}").status_code == 200
    refused = as_vic.post(INCIDENTS, json=NEW)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert as_vic.post(f"{INCIDENTS}/{ref}/timeline", json={"text": "x"}).status_code == 403
    assert as_vic.patch(f"{INCIDENTS}/{ref}", json={"version": 1}).status_code == 403


def test_a_read_scope_token_cannot_write_whatever_its_role(api: Api) -> None:
    _, secret = accounts.create_token(api.ctx, "dashboards", "read", "ada")
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.client.get(INCIDENTS, headers=headers).status_code == 200
    refused = api.client.post(INCIDENTS, json=NEW, headers=headers)
    assert refused.status_code == 403
    assert "read-only" in refused.json()["error"]["message"]


def test_admin_only_endpoints(api: Api) -> None:
    assert api.as_("responder").get("/api/v1/users").status_code == 403
    assert api.as_("responder").post("/api/v1/tokens", json={"name": "x"}).status_code == 403
    users = api.as_("admin").get("/api/v1/users").json()["items"]
    assert {u["name"]: u["role"] for u in users}["vic"] == "viewer"
    added = api.as_("admin").post("/api/v1/users", json={"name": "zoe", "role": "responder"})
    assert added.status_code == 201
    twice = api.as_("admin").post("/api/v1/users", json={"name": "zoe", "role": "viewer"})
    assert twice.status_code == 409
    bad_role = api.as_("admin").post("/api/v1/users", json={"name": "x", "role": "king"})
    assert bad_role.status_code == 422
    assert bad_role.json()["error"]["field"] == "role"
    created = api.as_("admin").post(
        "/api/v1/tokens", json={"name": "zoe's bot", "scope": "write", "user": "zoe"}
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    me = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.json()["name"] == "zoe"
    listed = api.as_("admin").get("/api/v1/tokens").json()["items"]
    assert "secret" not in listed[0]
    demoted = api.as_("admin").patch("/api/v1/users/zoe", json={"role": "viewer"})
    assert demoted.json()["role"] == "viewer"


def test_session_cookie_sign_in_and_out(api: Api) -> None:
    accounts.add_user(api.ctx, "sid", "responder", "correct horse")
    wrong = api.client.post("/api/v1/session", json={"name": "sid", "password": "wrong pass"})
    assert wrong.status_code == 401
    nobody = api.client.post("/api/v1/session", json={"name": "nobody", "password": "whatever"})
    assert nobody.status_code == 401
    assert nobody.json() == wrong.json()
    signed = api.client.post("/api/v1/session", json={"name": "sid", "password": "correct horse"})
    assert signed.status_code == 200
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith("warroom_session=")
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert api.client.get("/api/v1/me").json()["name"] == "sid"
    assert api.client.post(INCIDENTS, json=NEW).status_code == 201
    cross_site = api.client.post(INCIDENTS, json=NEW, headers={"Origin": "https://evil.example"})
    assert cross_site.status_code == 403
    assert api.client.delete("/api/v1/session").status_code == 204
    api.client.cookies.clear()
    assert api.client.get("/api/v1/me").status_code == 401


def test_first_run_setup_creates_one_admin(api: Api) -> None:
    # The fixture's users exist: setup is over, and a setup token cannot make another admin.
    token = accounts.create_setup_token(api.ctx)
    body = {"token": token, "name": "eve", "password": "long enough"}
    assert api.client.post("/api/v1/setup", json=body).status_code == 409
    bad = api.client.post("/api/v1/setup", json={**body, "token": "guess"})
    assert bad.status_code == 401


def test_setup_on_an_empty_database_makes_the_first_admin(database: Database) -> None:
    ctx = context_over(database)
    assert accounts.setup_needed(ctx)
    token = accounts.create_setup_token(ctx)
    with TestClient(create_app(ctx, web=False)) as client:
        short = client.post("/api/v1/setup", json={"token": token, "name": "ada", "password": "x"})
        assert short.status_code == 422
        assert short.json()["error"]["field"] == "password"
        body = {"token": token, "name": "ada", "password": "long enough"}
        done = client.post("/api/v1/setup", json=body)
        assert done.status_code == 201
        assert done.json()["role"] == "admin"
        assert "warroom_session=" in done.headers["set-cookie"]
        assert client.get("/api/v1/me").json()["name"] == "ada"
        again = client.post("/api/v1/setup", json={**body, "name": "mallory"})
        assert again.status_code == 401
    assert not accounts.setup_needed(ctx)
    assert [u.name for u in accounts.list_users(ctx)] == ["ada"]
