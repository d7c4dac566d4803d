"""The API, in-process over a real database (SQLite and PostgreSQL), with a user per role.

``api`` is an ``Api``: a TestClient over ``create_app`` on the ``database``
fixture of tests/integration, and bearer tokens for ``admin`` (ada),
``responder`` (rita), ``viewer`` (vic) and ``participant`` (pat, a responder
named on private incidents). ``api.as_("viewer").get(...)`` sends as vic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from warroom.api.app import create_app
from warroom.config import Settings
from warroom.services import accounts
from warroom.services.context import Context
from warroom.storage import Database

USERS = {
    "admin": ("ada", "admin"),
    "responder": ("rita", "responder"),
    "viewer": ("vic", "viewer"),
    "participant": ("pat", "responder"),
}


@dataclass
class As:
    client: TestClient
    headers: dict[str, str]

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, url, headers=headers, **kwargs)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)


@dataclass
class Api:
    client: TestClient
    ctx: Context
    tokens: dict[str, str] = field(default_factory=dict)

    def as_(self, who: str) -> As:
        """Requests as a role of USERS, or ``anonymous`` (no credentials)."""
        if who == "anonymous":
            return As(self.client, {})
        return As(self.client, {"Authorization": f"Bearer {self.tokens[who]}"})

    def declare(self, who: str = "responder", **fields: Any) -> dict[str, Any]:
        body = {"title": "Checkout API returning 500s", "severity": 2, **fields}
        response = self.as_(who).post("/api/v1/incidents", json=body)
        assert response.status_code == 201, response.text
        record: dict[str, Any] = response.json()
        return record


def context_over(database: Database) -> Context:
    return Context(
        settings=Settings.load(environ={}),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
    )


@pytest.fixture
def api(database: Database) -> Iterator[Api]:
    ctx = context_over(database)
    api = Api(TestClient(create_app(ctx, web=False)), ctx)
    for role, (name, level) in USERS.items():
        accounts.add_user(ctx, name, level)
        _, api.tokens[role] = accounts.create_token(ctx, f"{role} token", "write", name)
    with api.client:
        yield api
