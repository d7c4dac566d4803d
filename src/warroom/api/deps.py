"""FastAPI dependencies: the context, who is asking, and what they may do.

The names are a contract for the API routes and the web pages:

- ``get_context(request) -> Context``: the one ``Context`` given to
  ``create_app`` (``request.app.state.ctx``).
- ``optional_principal`` / ``current_principal`` -> ``Principal``: the user
  of the ``warroom_session`` cookie or of ``Authorization: Bearer <token>``
  (a bearer header wins); ``current_principal`` answers 401 when there is
  neither. A read-scope token sending POST/PUT/PATCH/DELETE gets 403; so
  does a cookie-signed request whose ``Origin`` is another site.
- ``current_user`` -> ``User``; ``current_viewer`` -> ``Viewer`` (for the
  private-incident checks of the services).
- ``require_role(Role.RESPONDER)``: a dependency answering 403 to lower roles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request

from warroom.domain.accounts import Role, Scope, User
from warroom.errors import AuthenticationError, PermissionDeniedError
from warroom.services.accounts import user_for_session, user_for_token, viewer_for
from warroom.services.context import Context
from warroom.services.ports import Viewer

SESSION_COOKIE = "warroom_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    """Who is asking, how (``session`` or ``token``), and the scope of that credential."""

    user: User
    scope: Scope
    via: str

    @property
    def viewer(self) -> Viewer:
        return viewer_for(self.user)

    @property
    def name(self) -> str:
        return self.user.name


def get_context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


ContextDep = Annotated[Context, Depends(get_context)]


def optional_principal(request: Request, ctx: ContextDep) -> Principal | None:
    """The caller, or None when no credential was sent. A bad credential is 401."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError("send the API token as 'Authorization: Bearer <token>'")
        found = user_for_token(ctx, secret.strip())
        if found is None:
            raise AuthenticationError("the API token is not valid (unknown or revoked)")
        user, scope = found
        principal = Principal(user, scope, "token")
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        user_or_none = user_for_session(ctx, cookie) if cookie else None
        if user_or_none is None:
            return None
        principal = Principal(user_or_none, Scope.WRITE, "session")
    if request.method not in SAFE_METHODS:
        _check_write(request, principal)
    return principal


def current_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    """The caller; 401 when there is no valid session or token."""
    if principal is None:
        raise AuthenticationError("sign in, or send 'Authorization: Bearer <token>'")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def current_user(principal: PrincipalDep) -> User:
    return principal.user


def current_viewer(principal: PrincipalDep) -> Viewer:
    return principal.viewer


def require_role(role: Role) -> Callable[[Principal], Principal]:
    """A dependency that lets through only callers whose role includes ``role``."""

    def check(principal: PrincipalDep) -> Principal:
        if not principal.user.role.allows(role):
            raise PermissionDeniedError(
                f"{principal.name} is a {principal.user.role.value}; this needs {role.value}"
            )
        return principal

    return check


Responder = Annotated[Principal, Depends(require_role(Role.RESPONDER))]
Admin = Annotated[Principal, Depends(require_role(Role.ADMIN))]
ViewerDep = Annotated[Viewer, Depends(current_viewer)]


def _check_write(request: Request, principal: Principal) -> None:
    if principal.scope is not Scope.WRITE:
        raise PermissionDeniedError("this API token is read-only (scope read)")
    if principal.via == "session":
        # Cookies ride along on cross-site requests; a foreign Origin is refused.
        origin = request.headers.get("origin")
        if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
            raise PermissionDeniedError("cross-site request refused")
