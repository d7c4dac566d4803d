"""Signing in and out through the API (the web pages use the same services and cookie)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.api.deps import SESSION_COOKIE, ContextDep, PrincipalDep
from warroom.api.responses import errors, json
from warroom.api.schemas import SetupBody, SignInBody, UserOut
from warroom.services.accounts import (
    SESSION_LIFETIME,
    authenticate,
    complete_setup,
    end_session,
    start_session,
)
from warroom.services.records import user_record

router = APIRouter(tags=["auth"])


def set_session_cookie(response: Response, secret: str, *, secure: bool) -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, 14 days."""
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


@router.post("/session", response_model=UserOut, responses=errors())
def sign_in(body: SignInBody, request: Request, ctx: ContextDep) -> Response:
    """Sign in with name and password: sets the `warroom_session` cookie."""
    user = authenticate(ctx, body.name, body.password)
    response = json(user_record(user))
    set_session_cookie(response, start_session(ctx, user), secure=request.url.scheme == "https")
    return response


@router.delete("/session", status_code=204, responses=errors())
def sign_out(request: Request, ctx: ContextDep) -> Response:
    """Sign out: the session ends on the server and the cookie is cleared."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        end_session(ctx, secret)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


@router.get("/me", response_model=UserOut, responses=errors())
def me(who: PrincipalDep) -> Response:
    """Who you are signed in as (or whom your token acts as)."""
    return json(user_record(who.user))


@router.post("/setup", status_code=201, response_model=UserOut, responses=errors(409))
def setup(body: SetupBody, request: Request, ctx: ContextDep) -> Response:
    """First run: create the first admin with the one-time token `warroom serve` printed."""
    user = complete_setup(ctx, body.token, body.name, body.password)
    response = json(user_record(user), status_code=201)
    set_session_cookie(response, start_session(ctx, user), secure=request.url.scheme == "https")
    return response
