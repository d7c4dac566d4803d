"""An unexpected failure: pages answer an HTML error page, the API its JSON error."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from warroom.api.app import create_app
from warroom.bootstrap import build_context
from warroom.config import Settings


def test_unexpected_errors_answer_in_the_callers_language(tmp_path: Path) -> None:
    ctx = build_context(Settings.load(environ={}, database_url=f"sqlite:///{tmp_path / 'w.db'}"))
    app = create_app(ctx)

    def boom() -> None:
        raise RuntimeError("kaboom: internal detail")

    app.add_api_route("/boom", boom)
    app.add_api_route("/api/v1/boom", boom)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            page = client.get("/boom")
            api = client.get("/api/v1/boom")
    finally:
        ctx.close()
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    assert "unexpected error" in page.text and "kaboom" not in page.text
    assert api.status_code == 500
    assert api.json()["error"]["code"] == "internal"
    assert "kaboom" not in api.text
