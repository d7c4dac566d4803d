"""The web UI: server-rendered pages (Jinja2) with htmx for in-place updates.

``install(app, ctx)`` adds the pages and ``/static`` to the application that
``api.app.create_app`` builds. Every page works without JavaScript: each
htmx action is also a plain form POST answered with a redirect (or the form
again, with its errors). docs/web.md describes the pages.

::

    web/auth.py        who is signed in (the warroom_session cookie), roles
    web/csrf.py        the per-session token every form carries
    web/templating.py  the Jinja2 environment, its filters, ``render``
    web/forms.py       form state: typed values, errors, conflicts
    web/errors.py      error pages (404 for private incidents, 403, ...)
    web/routes/        one module per page or group of forms
    web/templates/     pages named after views, partials prefixed with ``_``
    web/static/        warroom.css, warroom.js, htmx.min.js (0BSD, HTMX-LICENSE)
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from warroom.errors import WarroomError
from warroom.services.context import Context

STATIC_DIR = Path(__file__).resolve().parent / "static"


def install(app: FastAPI, ctx: Context) -> None:
    """Add the web pages and their static files to ``app``."""
    from warroom.web.auth import LoginRequired
    from warroom.web.errors import fallback_handler, login_redirect, web_error_handler
    from warroom.web.routes import router

    if not hasattr(app.state, "ctx"):
        app.state.ctx = ctx
    app.state.web_error_handler = web_error_handler
    app.add_exception_handler(LoginRequired, login_redirect)
    # The API installs handlers that pass page errors to ``web_error_handler``;
    # an app without the API gets these instead.
    for error in (WarroomError, StarletteHTTPException, RequestValidationError):
        if error not in app.exception_handlers:
            app.add_exception_handler(error, fallback_handler)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
