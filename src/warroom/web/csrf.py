"""CSRF protection: every form carries a per-session token that a POST must send back.

The token is an HMAC of the session cookie's secret, so it is different for
every session, needs no storage (any server process can check it) and cannot
be computed by another site, which never sees the HttpOnly cookie. Before
signing in (the sign-in and setup forms) it is an HMAC of a random
``warroom_csrf`` cookie instead. Forms send it as the ``csrf_token`` field;
htmx sends it as the ``X-CSRF-Token`` header (``hx-headers`` on ``<body>``).

``read_form`` is the one way routes read a POSTed form: it checks the token
first, so a route cannot forget to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData, UploadFile

from warroom.api.deps import SESSION_COOKIE
from warroom.errors import PermissionDeniedError

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
ANON_COOKIE = "warroom_csrf"
_PURPOSE = b"warroom-csrf-v1"
MAX_PART = 5 * 1024 * 1024  # one uploaded report kept in the import confirm form


class CsrfError(PermissionDeniedError):
    code = "csrf"


def _token(secret: str) -> str:
    return hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The token to put in this page's forms (creates the pre-sign-in cookie if needed)."""
    secret = request.cookies.get(SESSION_COOKIE) or request.cookies.get(ANON_COOKIE)
    if not secret:
        secret = getattr(request.state, "new_csrf_cookie", None)
        if secret is None:
            secret = secrets.token_urlsafe(32)
            request.state.new_csrf_cookie = secret
    return _token(secret)


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Send the pre-sign-in cookie ``csrf_token`` made for this request, if it made one."""
    secret = getattr(request.state, "new_csrf_cookie", None)
    if secret:
        response.set_cookie(
            ANON_COOKIE,
            secret,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )


def check_csrf(request: Request, sent: str | None) -> None:
    """Refuse the request unless ``sent`` is the token of its session.

    With a session cookie only the session's token counts: a token made from
    a ``warroom_csrf`` cookie that someone managed to plant does not.
    """
    secret = request.cookies.get(SESSION_COOKIE) or request.cookies.get(ANON_COOKIE)
    if not sent or not secret or not hmac.compare_digest(sent, _token(secret)):
        raise CsrfError(
            "this form has expired or was sent from another site; reload the page and try again"
        )


class Form:
    """A checked form: text values by name (``""`` when absent), and uploaded files."""

    def __init__(self, data: FormData) -> None:
        self._data = data

    def get(self, name: str, default: str = "") -> str:
        value = self._data.get(name)
        return value if isinstance(value, str) else default

    def getlist(self, name: str) -> list[str]:
        return [v for v in self._data.getlist(name) if isinstance(v, str)]

    def files(self, name: str) -> list[UploadFile]:
        return [v for v in self._data.getlist(name) if isinstance(v, UploadFile)]

    def has(self, name: str) -> bool:
        return name in self._data

    def values(self, *names: str) -> dict[str, str]:
        return {name: self.get(name) for name in names}


async def read_form(request: Request) -> AsyncIterator[Form]:
    """The POSTed form, after checking its CSRF token; uploaded files are closed after."""
    data = await request.form(max_files=200, max_fields=2000, max_part_size=MAX_PART)
    try:
        field = data.get(CSRF_FIELD)
        sent = request.headers.get(CSRF_HEADER) or (field if isinstance(field, str) else None)
        check_csrf(request, sent)
        yield Form(data)
    finally:
        await data.close()


FormDep = Annotated[Form, Depends(read_form)]
