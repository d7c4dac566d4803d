"""API tokens: created with a secret shown once, stored as its digest, revocable.

A token acts as one user (its role), limited by its scope: a ``read`` token
cannot change anything whatever its user may do. The secret looks like
``wr_<id>_<random>``; ``Authorization: Bearer <secret>`` sends it.
``services.accounts`` re-exports these functions.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from warroom.domain.accounts import ApiToken, Scope, User
from warroom.errors import NotFoundError, ValidationError
from warroom.services.context import Context

TOKEN_PREFIX = "wr_"


def digest(secret: str) -> str:
    """The SHA-256 hex digest under which a session or token secret is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    ctx: Context,
    name: str,
    scope: Scope | str = Scope.READ,
    created_by: str | None = None,
    *,
    user: str | None = None,
) -> tuple[str, str]:
    """A new API token acting as ``user`` (default ``created_by``): ``(token_id, secret)``.

    The secret is shown once; only its digest is stored.
    """
    label = name.strip()
    if not label:
        raise ValidationError("name the token (what uses it)", field="name")
    owner = user or created_by
    if not owner:
        raise ValidationError("say which user the token acts as", field="user")
    token_id = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{token_id}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        id=token_id,
        name=label[:200],
        scope=_scope(scope),
        user=owner,
        created_by=created_by,
        created_at=ctx.now(),
    )
    with ctx.uow() as uow:
        if uow.accounts.get_user(owner) is None:
            raise NotFoundError(
                f"no user {owner}; add one first (warroom user add {owner} --role ...)",
                field="user",
            )
        uow.accounts.add_token(token, digest(secret))
        uow.commit()
    return token_id, secret


def user_for_token(ctx: Context, secret: str) -> tuple[User, Scope] | None:
    """The user a bearer token acts as, and its scope; None if unknown, revoked or disabled."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    with ctx.read() as uow:
        found = uow.accounts.find_token(digest(secret))
    if found is None:
        return None
    token, user = found
    if not token.active or user.disabled:
        return None
    now = ctx.now()
    # Note the use at most hourly: a write on every request would serialize readers.
    if token.last_used_at is None or now - token.last_used_at > timedelta(hours=1):
        with ctx.uow() as uow:
            uow.accounts.touch_token(token.id, now)
            uow.commit()
    return user, token.scope


def revoke_token(ctx: Context, token_id: str) -> ApiToken:
    """Revoke a token at once, everywhere (NotFoundError if unknown)."""
    with ctx.uow() as uow:
        token = uow.accounts.revoke_token(token_id.strip(), ctx.now())
        uow.commit()
    return token


def list_tokens(ctx: Context) -> list[ApiToken]:
    with ctx.read() as uow:
        return uow.accounts.list_tokens()


def _scope(value: Scope | str) -> Scope:
    try:
        return Scope(str(value).strip().lower())
    except ValueError:
        raise ValidationError(f"unknown scope {value!r}; read or write", field="scope") from None
