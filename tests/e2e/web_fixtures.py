"""The web pages, in-process over a temporary SQLite file, with a signed-in browser per user.

``site`` is a ``Site``: the whole app (``create_app``) and four users, ada
(admin), rita (responder), vic (viewer) and pat (a responder named on
private incidents). ``site.as_("rita")`` is a client with a session of its
own (``site.password("rita")`` gives her a password, to sign in through
the form: hashing is slow, so only the sign-in tests do); its ``post`` adds
the page's CSRF token unless told not to.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from warroom.api.app import create_app
from warroom.api.deps import SESSION_COOKIE
from warroom.bootstrap import build_context
from warroom.config import Settings
from warroom.services import accounts
from warroom.services.context import Context
from warroom.services.incidents import DeclareIncident, declare_incident

PASSWORD = "correct horse battery"
USERS = {"ada": "admin", "rita": "responder", "vic": "viewer", "pat": "responder"}
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@dataclass
class Browser:
    """A TestClient with its own cookies: one person's browser."""

    client: TestClient
    token: str = ""

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        response = self.client.get(url, **kwargs)
        if "csrf_token" in response.text:
            self.token = csrf_of(response.text)
        return response

    def post(
        self,
        url: str,
        data: dict[str, Any] | None = None,
        *,
        csrf: bool = True,
        htmx: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        if csrf and not self.token:
            self.get("/login")
        body = {**({"csrf_token": self.token} if csrf else {}), **(data or {})}
        headers = {"HX-Request": "true"} if htmx else {}
        kwargs.setdefault("follow_redirects", not htmx)
        return self.client.post(url, data=body, headers=headers, **kwargs)


@dataclass
class Site:
    ctx: Context
    client_factory: Any
    browsers: dict[str, Browser] = field(default_factory=dict)

    def anonymous(self) -> Browser:
        return Browser(self.client_factory())

    def as_(self, name: str) -> Browser:
        """A browser with a session of ``name``."""
        if name not in self.browsers:
            browser = self.anonymous()
            secret = accounts.start_session(self.ctx, accounts.get_user(self.ctx, name))
            browser.client.cookies.set(SESSION_COOKIE, secret)
            browser.get("/")
            self.browsers[name] = browser
        return self.browsers[name]

    def password(self, name: str) -> str:
        accounts.set_password(self.ctx, name, PASSWORD)
        return PASSWORD

    def declare(self, title: str = "Checkout API returning 502s", **fields: Any) -> str:
        data = DeclareIncident(title=title, severity=fields.pop("severity", 2), **fields)
        return declare_incident(self.ctx, data).incident.ref


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    settings = Settings.load(environ={}, database_url=f"sqlite:///{tmp_path / 'web.db'}")
    ctx = build_context(settings)
    for name, role in USERS.items():
        accounts.add_user(ctx, name, role)
    app = create_app(ctx)
    clients: list[TestClient] = []

    def new_client() -> TestClient:
        client = TestClient(app)
        clients.append(client)
        return client

    yield Site(ctx, new_client)
    for client in clients:
        client.close()
    ctx.close()


def form_value(html: str, name: str, *, id: str | None = None) -> str | None:
    """The value of the first input named ``name`` (or the text of the textarea).

    With ``id``, of the field with that id (several forms on a page share names).
    """
    key = f'id="{re.escape(id)}"' if id else f'name="{re.escape(name)}"'
    tag = re.search(rf"<input[^>]*{key}[^>]*>", html)
    if tag:
        value = re.search(r'value="([^"]*)"', tag.group(0))
        return value.group(1) if value else ""
    area = re.search(rf"<textarea[^>]*{key}[^>]*>(.*?)</textarea>", html, re.S)
    return area.group(1) if area else None


def error_next_to(html: str, field_id: str) -> str:
    """The error message shown under the field with id ``field_id``."""
    match = re.search(rf'<p class="field-error" id="{re.escape(field_id)}-error">([^<]*)</p>', html)
    assert match, f"no error shown next to {field_id}"
    return html_text.unescape(match.group(1))
