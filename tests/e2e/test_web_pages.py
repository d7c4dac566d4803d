"""Every page renders for a signed-in user, from warroom's own assets only; access rules hold."""

from __future__ import annotations

import re

import pytest
from web_fixtures import Site

from warroom.demo import load_demo
from warroom.domain.model import Visibility

PAGES = [
    "/",
    "/incidents",
    "/incidents/new",
    "/action-items",
    "/import",
    "/settings",
    "/search?q=pool",
    "/insights?by=severity",
]
_ASSET = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]*)\"", re.I)


@pytest.fixture
def demo(site: Site) -> list[str]:
    return load_demo(site.ctx)


def test_each_page_renders_for_a_signed_in_user(site: Site, demo: list[str]) -> None:
    ada = site.as_("ada")
    for path in [*PAGES, *(f"/incidents/{ref}" for ref in demo)]:
        response = ada.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1" in response.text, path
        assert "Content-Security-Policy" in response.headers


def test_no_page_loads_anything_from_another_site(site: Site, demo: list[str]) -> None:
    ada = site.as_("ada")
    pages = [*PAGES, f"/incidents/{demo[0]}", "/login"]
    for path in pages:
        html = ada.get(path).text if path != "/login" else site.anonymous().get(path).text
        assets = _ASSET.findall(html)
        assert assets, path
        outside = [url for url in assets if url.startswith(("http://", "https://", "//"))]
        assert not outside, (path, outside)
        for url in assets:
            assert site.anonymous().client.get(url).status_code == 200, url
    csp = ada.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp


def test_htmx_is_served_with_its_license(site: Site) -> None:
    browser = site.anonymous()
    script = browser.client.get("/static/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text[:2000]
    assert "Zero-Clause BSD" in browser.client.get("/static/HTMX-LICENSE").text


def test_pages_send_you_to_sign_in_and_back(site: Site) -> None:
    password = site.password("rita")
    browser = site.anonymous()
    first = browser.client.get("/incidents?status=open", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=/incidents%3Fstatus%3Dopen"
    page = browser.get(first.headers["location"])
    assert 'value="/incidents?status=open"' in page.text
    data = {"name": "rita", "password": password, "next": "/incidents?status=open"}
    back = browser.post("/login", data, follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == "/incidents?status=open"
    assert "HttpOnly" in back.headers["set-cookie"] and "SameSite=lax" in back.headers["set-cookie"]


def test_signing_in_never_redirects_to_another_site(site: Site) -> None:
    browser = site.anonymous()
    browser.get("/login")
    data = {"name": "rita", "password": site.password("rita"), "next": "//evil.example/x"}
    answer = browser.post("/login", data, follow_redirects=False)
    assert answer.headers["location"] == "/"


def test_a_wrong_password_shows_the_form_again_with_the_name(site: Site) -> None:
    site.password("rita")
    browser = site.anonymous()
    browser.get("/login")
    answer = browser.post("/login", {"name": "rita", "password": "nope", "next": "/"})
    assert answer.status_code == 401
    assert 'value="rita"' in answer.text
    assert "wrong user name or password" in answer.text


def test_signing_out_ends_the_session(site: Site) -> None:
    rita = site.as_("rita")
    assert rita.get("/").status_code == 200
    rita.post("/logout")
    again = rita.client.get("/", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/login")


def test_the_setup_link_creates_the_first_admin_once(tmp_path: object) -> None:
    from fastapi.testclient import TestClient
    from web_fixtures import Browser

    from warroom.api.app import create_app
    from warroom.bootstrap import build_context
    from warroom.config import Settings
    from warroom.services.accounts import create_setup_token

    ctx = build_context(Settings.load(environ={}, database_url=f"sqlite:///{tmp_path}/s.db"))
    token = create_setup_token(ctx)
    with TestClient(create_app(ctx)) as client:
        browser = Browser(client)
        page = browser.get(f"/setup?token={token}")
        assert page.status_code == 200 and token in page.text
        short = browser.post(
            "/setup",
            {"token": token, "name": "root", "password": "short", "password_again": "short"},
        )
        assert short.status_code == 422 and 'value="root"' in short.text
        assert "at least 8 characters" in short.text
        made = browser.post(
            "/setup",
            {
                "token": token,
                "name": "root",
                "password": "long enough",
                "password_again": "long enough",
            },
        )
        assert made.status_code == 200 and "Dashboard" in made.text
        assert "root" in made.text
        assert browser.get(f"/setup?token={token}").url.path != "/setup"  # used up
    ctx.close()


def test_viewers_see_no_edit_forms_and_cannot_post(site: Site) -> None:
    ref = site.declare()
    vic = site.as_("vic")
    page = vic.get(f"/incidents/{ref}")
    assert page.status_code == 200
    assert f'/incidents/{ref}/timeline" hx-target' not in page.text
    assert "Declare an incident" not in vic.get("/").text
    refused = vic.post(f"/incidents/{ref}/timeline", {"text": "hello", "version": "1"})
    assert refused.status_code == 403
    assert vic.get("/settings").status_code == 403
    assert site.as_("rita").get("/settings").status_code == 403


def test_private_incidents_are_404_for_those_not_in_them(site: Site) -> None:
    secret = site.declare("Leaked credentials", commander="pat", visibility=Visibility.PRIVATE)
    public = site.declare("Slow search")
    for name in ("rita", "vic"):
        browser = site.as_(name)
        for path in ("", "/timeline", "/report?as=md"):
            answer = browser.get(f"/incidents/{secret}{path}")
            assert answer.status_code == 404, (name, path)
        assert "Not found" in browser.get(f"/incidents/{secret}").text
        assert "Leaked credentials" not in browser.get("/incidents").text
        assert "Leaked credentials" not in browser.get("/").text
        assert "Slow search" in browser.get("/incidents").text
    edit = site.as_("rita").post(f"/incidents/{secret}/timeline", {"text": "x", "version": "1"})
    assert edit.status_code == 404
    assert site.as_("pat").get(f"/incidents/{secret}").status_code == 200
    assert site.as_("ada").get(f"/incidents/{secret}").status_code == 200
    assert "Leaked credentials" in site.as_("ada").get("/incidents").text
    assert site.as_("rita").get(f"/incidents/{public}").status_code == 200


def test_an_unknown_page_is_an_html_404(site: Site) -> None:
    answer = site.as_("rita").get("/no/such/page")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert site.as_("rita").get("/incidents/INC-1999-01-01-001").status_code == 404
