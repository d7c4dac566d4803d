"""The API's one error handler: every error becomes ``{"error": {"code", "message", "field"}}``.

``WarroomError`` gives its own HTTP status (``errors.py`` lists them); a body
or query that does not fit the declared shape is 422 naming the field; a
stale version is 409 with ``expected``, ``actual`` and ``changes``. Paths
outside ``/api/`` go to ``app.state.web_error_handler`` when the web UI set
one, so pages can answer with HTML instead.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from warroom.errors import AuthenticationError, WarroomError

log = logging.getLogger("warroom.api")

ErrorHandler = Callable[[Request, Exception], Awaitable[Response] | Response]
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
}


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field, **extra}}


def field_of(location: Sequence[Any]) -> str | None:
    """``("body", "action_items", 2, "due")`` -> ``action_items[2].due``."""
    parts = list(location)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not str(part).startswith(("function-", "constrained-")):
            text += f".{part}" if text else str(part)
    return text or None


def warroom_response(exc: WarroomError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthenticationError) else None
    return JSONResponse({"error": exc.to_dict()}, status_code=exc.http_status, headers=headers)


def validation_response(exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = field_of(first.get("loc", ()))
    message = str(first.get("msg", "invalid value"))
    if field:
        message = f"{field}: {message}"
    return JSONResponse(error_body("invalid", message, field), status_code=422)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers: one place for the whole app."""

    async def web_or(request: Request, exc: Exception, api: Callable[[], Response]) -> Response:
        handler: ErrorHandler | None = getattr(request.app.state, "web_error_handler", None)
        if handler is not None and not request.url.path.startswith("/api/"):
            answer = handler(request, exc)
            return await answer if isinstance(answer, Awaitable) else answer
        return api()

    async def on_warroom_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WarroomError)
        if exc.http_status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc.message)
        return await web_or(request, exc, lambda: warroom_response(exc))

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return await web_or(request, exc, lambda: validation_response(exc))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)

        def api() -> Response:
            code = _HTTP_CODES.get(exc.status_code, "error")
            return JSONResponse(
                error_body(code, str(exc.detail)),
                status_code=exc.status_code,
                headers=getattr(exc, "headers", None),
            )

        return await web_or(request, exc, api)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        def api() -> Response:
            log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
            return JSONResponse(
                error_body("internal", "an unexpected error happened; it has been logged"),
                status_code=500,
            )

        return await web_or(request, exc, api)

    app.add_exception_handler(WarroomError, on_warroom_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
