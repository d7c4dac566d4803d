"""Signing in and out, and the one-time setup link that creates the first admin."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.api.deps import SESSION_COOKIE
from warroom.errors import AuthenticationError, ConflictError, ValidationError
from warroom.services.accounts import (
    authenticate,
    complete_setup,
    end_session,
    setup_needed,
    start_session,
)
from warroom.web.auth import (
    CtxDep,
    clear_session_cookie,
    safe_next,
    set_session_cookie,
    signed_in_user,
)
from warroom.web.csrf import FormDep
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import redirect, render

router = APIRouter()


@router.get("/login")
def login_page(request: Request, ctx: CtxDep, next: str = "/") -> Response:
    if signed_in_user(request, ctx) is not None:
        return redirect(request, safe_next(next))
    values = {"name": "", "next": safe_next(next)}
    return render(request, "login.html", {"form": FormState(values=values), "setup": False})


@router.post("/login")
def login(request: Request, ctx: CtxDep, form: FormDep) -> Response:
    values = form.values("name", "next")
    try:
        user = authenticate(ctx, values["name"], form.get("password"))
    except AuthenticationError as exc:
        state = failed_form(values, exc, version=0, fields=("password",))
        if setup_needed(ctx):
            state.error = "no one can sign in yet: open the setup link the server printed"
        return render(request, "login.html", {"form": state, "setup": False}, status=401)
    response = redirect(request, safe_next(values["next"]))
    set_session_cookie(request, response, start_session(ctx, user))
    return response


@router.post("/logout")
def logout(request: Request, ctx: CtxDep, form: FormDep) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        end_session(ctx, secret)
    response = redirect(request, "/login")
    clear_session_cookie(response)
    return response


@router.get("/setup")
def setup_page(request: Request, ctx: CtxDep, token: str = "") -> Response:
    if not setup_needed(ctx):
        return redirect(request, "/login")
    values = {"name": "admin", "token": token}
    return render(request, "setup.html", {"form": FormState(values=values)})


@router.post("/setup")
def setup(request: Request, ctx: CtxDep, form: FormDep) -> Response:
    values = form.values("name", "token")
    password = form.get("password")
    try:
        if password != form.get("password_again"):
            raise ValidationError("the two passwords differ", field="password_again")
        user = complete_setup(ctx, values["token"], values["name"], password)
    except (ValidationError, AuthenticationError, ConflictError) as exc:
        state = failed_form(values, exc, version=0, fields=("password", "password_again"))
        return render(request, "setup.html", {"form": state}, status=exc.http_status)
    response = redirect(request, "/")
    set_session_cookie(request, response, start_session(ctx, user))
    return response
