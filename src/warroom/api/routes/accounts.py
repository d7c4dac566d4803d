"""Users and API tokens, for admins."""

from __future__ import annotations

from fastapi import APIRouter, Response

from warroom.api.deps import Admin, ContextDep
from warroom.api.responses import errors, json
from warroom.api.schemas import (
    NewToken,
    NewTokenBody,
    NewUserBody,
    TokenList,
    TokenOut,
    UserList,
    UserOut,
    UserPatch,
)
from warroom.services import accounts
from warroom.services.records import token_record, user_record

router = APIRouter(tags=["users and tokens"])


@router.get("/users", response_model=UserList, responses=errors(403))
def list_users(ctx: ContextDep, who: Admin) -> Response:
    """Every account, by name."""
    return json({"items": [user_record(u) for u in accounts.list_users(ctx)], "next": None})


@router.post("/users", status_code=201, response_model=UserOut, responses=errors(403, 409))
def add_user(body: NewUserBody, ctx: ContextDep, who: Admin) -> Response:
    """Create an account (without `password` it can only use API tokens)."""
    user = accounts.add_user(ctx, body.name, body.role, body.password)
    return json(user_record(user), status_code=201)


@router.patch("/users/{name}", response_model=UserOut, responses=errors(403, 404))
def update_user(name: str, body: UserPatch, ctx: ContextDep, who: Admin) -> Response:
    """Change a user's role, disable or enable them, or set a new password."""
    if body.password is not None:
        accounts.set_password(ctx, name, body.password)
    user = accounts.update_user(ctx, name, role=body.role, disabled=body.disabled)
    return json(user_record(user))


@router.get("/tokens", response_model=TokenList, responses=errors(403))
def list_tokens(ctx: ContextDep, who: Admin) -> Response:
    """Every API token (never its secret), revoked ones included."""
    return json({"items": [token_record(t) for t in accounts.list_tokens(ctx)], "next": None})


@router.post("/tokens", status_code=201, response_model=NewToken, responses=errors(403, 404))
def create_token(body: NewTokenBody, ctx: ContextDep, who: Admin) -> Response:
    """Create a token acting as `user` (default: you); the `secret` is shown only now."""
    token_id, secret = accounts.create_token(
        ctx, body.name, body.scope, created_by=who.name, user=body.user or who.name
    )
    token = next(t for t in accounts.list_tokens(ctx) if t.id == token_id)
    return json({**token_record(token), "secret": secret}, status_code=201)


@router.delete("/tokens/{token_id}", response_model=TokenOut, responses=errors(403, 404))
def revoke_token(token_id: str, ctx: ContextDep, who: Admin) -> Response:
    """Revoke a token: it stops working at once, in every server process."""
    return json(token_record(accounts.revoke_token(ctx, token_id)))
