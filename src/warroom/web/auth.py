"""Who is signed in to the pages, and what their role lets them do.

The one switch for page authentication: ``page_user`` reads the
``warroom_session`` cookie through the accounts service; a page asked for
without a valid session redirects to ``/login?next=...`` (``LoginRequired``).
``page_responder`` and ``page_admin`` also check the role (403 page).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request, Response

from warroom.api.deps import SESSION_COOKIE
from warroom.domain.accounts import Role, User
from warroom.errors import PermissionDeniedError
from warroom.services.accounts import SESSION_LIFETIME, user_for_session, viewer_for
from warroom.services.context import Context
from warroom.services.ports import Viewer


class LoginRequired(Exception):
    """Raised by ``page_user``: answered with a redirect to the sign-in page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url

    @property
    def location(self) -> str:
        return f"/login?next={quote(self.next_url, safe='/')}"


def web_context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


CtxDep = Annotated[Context, Depends(web_context)]


def signed_in_user(request: Request, ctx: Context) -> User | None:
    secret = request.cookies.get(SESSION_COOKIE, "")
    return user_for_session(ctx, secret) if secret else None


def page_user(request: Request, ctx: CtxDep) -> User:
    """The signed-in user, or a redirect to the sign-in page."""
    user = signed_in_user(request, ctx)
    if user is None:
        if request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        else:  # back to the page the form was on, not to the form's action
            page = request.headers.get("hx-current-url") or request.headers.get("referer")
            target = urlsplit(page or "/").path
        raise LoginRequired(_local(target))
    request.state.user = user
    return user


UserDep = Annotated[User, Depends(page_user)]


def _need(role: Role) -> Callable[[User], User]:
    def check(user: UserDep) -> User:
        if not user.role.allows(role):
            raise PermissionDeniedError(
                f"you are signed in as a {user.role.value}; this needs a {role.value}"
            )
        return user

    return check


ResponderDep = Annotated[User, Depends(_need(Role.RESPONDER))]
AdminDep = Annotated[User, Depends(_need(Role.ADMIN))]


def viewer_of(user: User) -> Viewer:
    return viewer_for(user)


def can_edit(user: User) -> bool:
    return user.role.allows(Role.RESPONDER)


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def _local(url: str) -> str:
    """Only paths of this site: never a redirect to another one after signing in."""
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return "/"
    return url


def safe_next(url: str | None) -> str:
    return _local(url or "/")
