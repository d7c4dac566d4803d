"""The ASGI application: ``create_app(ctx)`` builds it, ``warroom serve`` runs it.

::

    /api/v1/...            the REST API (routes in ``api.routes``)
    /api/v1/openapi.json   its OpenAPI description
    /api/docs              Swagger UI, from warroom's own static files
    /metrics               Prometheus metrics (``integrations.metrics``)
    /                      the web UI, when ``warroom.web`` defines
                           ``install(app: FastAPI, ctx: Context) -> None``

Everything a request needs is in the ``Context`` (``app.state.ctx``):
sessions live in the database, so several processes may serve one database.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from warroom import __version__
from warroom.api.docs import STATIC_DIR, STATIC_PATH
from warroom.api.docs import router as docs_router
from warroom.api.errors import install_error_handlers
from warroom.api.routes import router as api_router
from warroom.integrations.metrics import install_metrics
from warroom.services.context import Context

API_PREFIX = "/api/v1"

DESCRIPTION = """\
The incidents, timelines, action items, audit log, users and tokens of warroom.

Authenticate with `Authorization: Bearer <token>` (`warroom token create NAME
--scope write`) or the `warroom_session` cookie of a signed-in browser. Errors
are `{"error": {"code", "message", "field"}}`. See docs/api.md.
"""


def create_app(ctx: Context, *, web: bool = True) -> FastAPI:
    """The whole application over ``ctx``: API, docs, and (unless ``web=False``) the web UI."""
    app = FastAPI(
        title="warroom",
        version=__version__,
        description=DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.ctx = ctx
    install_error_handlers(app)
    app.include_router(api_router, prefix=API_PREFIX)
    install_metrics(app, ctx)  # GET /metrics and request counts
    app.include_router(docs_router)
    app.mount(STATIC_PATH, StaticFiles(directory=STATIC_DIR), name="api-static")
    if web:
        install_web(app, ctx)
    return app


def install_web(app: FastAPI, ctx: Context) -> None:
    """Let ``warroom.web`` add its pages: it defines ``install(app, ctx)`` when it has any."""
    web = importlib.import_module("warroom.web")
    install = getattr(web, "install", None)
    if install is not None:
        install(app, ctx)
