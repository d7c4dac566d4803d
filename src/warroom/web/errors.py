"""Errors on pages: an HTML page with the message, never JSON and never a traceback.

A private incident someone may not see is a 404 page like any missing one.
A request without a session redirects to the sign-in page. Errors under
``/api/`` keep the API's JSON answers.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from warroom.errors import AuthenticationError, NotFoundError, PermissionDeniedError, WarroomError
from warroom.web.auth import LoginRequired
from warroom.web.templating import is_htmx, render

log = logging.getLogger("warroom.web")

_TITLES = {
    400: "Bad request",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Conflict",
    422: "Invalid input",
}


def login_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": exc.location})
    return RedirectResponse(exc.location, status_code=303)


def web_error_handler(request: Request, exc: Exception) -> Response:
    """The answer of a page to an error (``app.state.web_error_handler``)."""
    if isinstance(exc, LoginRequired):
        return login_redirect(request, exc)
    if isinstance(exc, AuthenticationError):
        return login_redirect(request, LoginRequired(request.url.path))
    if isinstance(exc, NotFoundError):
        return error_page(request, 404, exc.message)
    if isinstance(exc, PermissionDeniedError):
        return error_page(request, 403, exc.message)
    if isinstance(exc, WarroomError):
        if exc.http_status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc.message)
        return error_page(request, exc.http_status, exc.message)
    if isinstance(exc, StarletteHTTPException):
        message = "there is no such page" if exc.status_code == 404 else str(exc.detail)
        return error_page(request, exc.status_code, message)
    if isinstance(exc, RequestValidationError):
        return error_page(request, 400, "the request is missing a value or has a wrong one")
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_page(request, 500, "an unexpected error happened; it has been logged")


def error_page(request: Request, status: int, message: str) -> Response:
    title = _TITLES.get(status, "Error")
    return render(
        request, "error.html", {"status": status, "title": title, "message": message}, status=status
    )


def fallback_handler(request: Request, exc: Exception) -> Response:
    """For an app without the API's handlers: pages get HTML, ``/api/`` plain JSON."""
    if not request.url.path.startswith("/api/"):
        return web_error_handler(request, exc)
    if isinstance(exc, WarroomError):
        return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status)
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 422
    return JSONResponse({"error": {"code": "error", "message": str(exc)}}, status_code=status)
