"""Settings for admins: the configured scale and reference style, users, API tokens."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request, Response

from warroom.errors import ConflictError, NotFoundError, ValidationError
from warroom.render.registry import list_formats
from warroom.services.accounts import (
    add_user,
    create_token,
    list_tokens,
    list_users,
    revoke_token,
    update_user,
)
from warroom.services.context import Context
from warroom.web.auth import AdminDep, CtxDep
from warroom.web.csrf import FormDep
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import redirect, render

router = APIRouter()


def _page(
    request: Request,
    ctx: Context,
    *,
    user_form: FormState | None = None,
    token_form: FormState | None = None,
    new_token: str | None = None,
    status: int = 200,
) -> Response:
    style = ctx.settings.style
    context: dict[str, Any] = {
        "users": list_users(ctx),
        "tokens": list_tokens(ctx),
        "user_form": user_form or FormState(values={"name": "", "role": "responder"}),
        "token_form": token_form or FormState(values={"name": "", "scope": "read", "user": ""}),
        "new_token": new_token,
        "formats": list_formats(ctx.settings),
        "ref_example": style.format(date(2026, 11, 20), 1, ctx.settings.ref_prefix),
        "roles": ["viewer", "responder", "admin"],
    }
    return render(request, "settings.html", context, status=status)


@router.get("/settings")
def settings_page(request: Request, ctx: CtxDep, user: AdminDep) -> Response:
    return _page(request, ctx)


@router.post("/settings/users")
def new_user(request: Request, ctx: CtxDep, user: AdminDep, form: FormDep) -> Response:
    values = form.values("name", "role")
    password = form.get("password")
    try:
        add_user(ctx, values["name"], values["role"], password or None)
    except (ValidationError, ConflictError) as exc:
        state = failed_form(values, exc, version=0, fields=("password",))
        return _page(request, ctx, user_form=state, status=exc.http_status)
    return redirect(request, "/settings#users")


@router.post("/settings/users/{name}")
def change_user(
    request: Request, ctx: CtxDep, user: AdminDep, form: FormDep, name: str
) -> Response:
    """Change a user's role, or disable / enable them (a disabled user's sessions end)."""
    disabled = {"disable": True, "enable": False}.get(form.get("action"))
    update_user(ctx, name, role=form.get("role") or None, disabled=disabled)
    return redirect(request, "/settings#users")


@router.post("/settings/tokens")
def new_token(request: Request, ctx: CtxDep, user: AdminDep, form: FormDep) -> Response:
    """Create an API token: its secret is shown on this answer only, never again."""
    values = form.values("name", "scope", "user")
    try:
        _, secret = create_token(
            ctx, values["name"], values["scope"], user.name, user=values["user"] or user.name
        )
    except (ValidationError, NotFoundError) as exc:
        state = failed_form(values, exc, version=0)
        return _page(request, ctx, token_form=state, status=422)
    return _page(request, ctx, new_token=secret)


@router.post("/settings/tokens/{token_id}/revoke")
def revoke(request: Request, ctx: CtxDep, user: AdminDep, form: FormDep, token_id: str) -> Response:
    revoke_token(ctx, token_id)
    return redirect(request, "/settings#tokens")
