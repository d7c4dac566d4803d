"""Accounts: users and roles, passwords, sign-in sessions, API tokens, first-run setup.

The names here are the contract the API (``api.deps``) and the web pages
(``web``) build on:

- ``add_user``, ``set_password``, ``update_user``, ``list_users``, ``get_user``;
- ``authenticate(ctx, name, password) -> User`` (``AuthenticationError``);
- ``start_session`` / ``user_for_session`` / ``end_session``: the session
  cookie's value is a random secret; only its SHA-256 digest is stored;
- ``create_token`` / ``user_for_token`` / ``revoke_token`` / ``list_tokens``:
  API tokens (``wr_<id>_<secret>``), read or write scope, stored hashed;
- ``setup_needed`` / ``create_setup_token`` / ``complete_setup``: the
  one-time link that creates the first admin;
- ``viewer_for(user)``: who is asking, for the incident services.

Passwords are hashed with argon2id. Everything lives in the database, so any
number of server processes share the same sessions.
"""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from warroom.domain.accounts import ApiToken, Role, Scope, User
from warroom.errors import AuthenticationError, ConflictError, NotFoundError, ValidationError
from warroom.services.context import Context
from warroom.services.ports import Viewer
from warroom.services.tokens import (
    create_token,
    digest,
    list_tokens,
    revoke_token,
    user_for_token,
)

__all__ = [
    "ApiToken",
    "Role",
    "Scope",
    "User",
    "add_user",
    "authenticate",
    "complete_setup",
    "create_setup_token",
    "create_token",
    "end_session",
    "get_user",
    "list_tokens",
    "list_users",
    "revoke_token",
    "set_password",
    "setup_needed",
    "start_session",
    "update_user",
    "user_for_session",
    "user_for_token",
    "viewer_for",
]

SESSION_LIFETIME = timedelta(days=14)
SETUP_LIFETIME = timedelta(days=1)
MIN_PASSWORD = 8
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
_hasher = PasswordHasher()  # argon2id with the library's recommended cost
# Verified against when the user does not exist, so that a wrong name takes
# as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def viewer_for(user: User) -> Viewer:
    """The viewer the incident services check private incidents against."""
    return Viewer(name=user.name, is_admin=user.role is Role.ADMIN)


def check_name(name: str) -> str:
    text = name.strip()
    if not _NAME.fullmatch(text):
        raise ValidationError(
            f"{name!r} is not a valid user name (letters, digits, '.', '_', '@', '-', up to 64)",
            field="name",
        )
    return text


def _hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            f"the password must be at least {MIN_PASSWORD} characters", field="password"
        )
    return _hasher.hash(password)


def add_user(ctx: Context, name: str, role: Role | str, password: str | None = None) -> User:
    """Create an account; without a password it can only use API tokens."""
    user = User(
        name=check_name(name),
        role=_role(role),
        created_at=ctx.now(),
        has_password=password is not None,
    )
    hashed = _hash_password(password) if password is not None else None
    with ctx.uow() as uow:
        uow.accounts.add_user(user, hashed)
        uow.commit()
    return user


def get_user(ctx: Context, name: str) -> User:
    with ctx.read() as uow:
        stored = uow.accounts.get_user(name)
    if stored is None:
        raise NotFoundError(f"no user {name}", field="name")
    return stored.user


def list_users(ctx: Context) -> list[User]:
    with ctx.read() as uow:
        return uow.accounts.list_users()


def set_password(ctx: Context, name: str, password: str) -> None:
    """Set a new password; the user's existing sessions end."""
    hashed = _hash_password(password)
    with ctx.uow() as uow:
        uow.accounts.update_user(name, password_hash=hashed)
        uow.accounts.delete_sessions(user=name, purpose="session")
        uow.commit()


def update_user(
    ctx: Context, name: str, *, role: Role | str | None = None, disabled: bool | None = None
) -> User:
    """Change a user's role or disable them (a disabled user's sessions end).

    Refused when it would leave no active admin: nobody could manage users then.
    """
    with ctx.uow() as uow:
        uow.accounts.update_user(
            name, role=_role(role) if role is not None else None, disabled=disabled
        )
        if not any(u.role is Role.ADMIN and not u.disabled for u in uow.accounts.list_users()):
            raise ValidationError(
                f"{name} is the last active admin; make someone else admin first", field="role"
            )
        if disabled:
            uow.accounts.delete_sessions(user=name, purpose="session")
        stored = uow.accounts.get_user(name)
        uow.commit()
    assert stored is not None
    return stored.user


def authenticate(ctx: Context, name: str, password: str) -> User:
    """The user whose name and password these are; AuthenticationError otherwise."""
    with ctx.read() as uow:
        stored = uow.accounts.get_user(name.strip())
    hashed = stored.password_hash if stored else None
    try:
        _hasher.verify(hashed or _DUMMY_HASH, password)
        valid = hashed is not None
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or stored is None or stored.user.disabled:
        raise AuthenticationError("wrong user name or password", field="password")
    return stored.user


def start_session(ctx: Context, user: User) -> str:
    """A new session for ``user``: the secret to put in the cookie."""
    secret = secrets.token_urlsafe(32)
    now = ctx.now()
    with ctx.uow() as uow:
        uow.accounts.add_session(
            digest(secret),
            user=user.name,
            purpose="session",
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
        uow.commit()
    return secret


def user_for_session(ctx: Context, secret: str) -> User | None:
    """The signed-in user of a session cookie; None if unknown, expired or disabled."""
    if not secret:
        return None
    with ctx.read() as uow:
        found = uow.accounts.find_session(digest(secret), purpose="session", now=ctx.now())
    if found is None or found.user is None or found.user.disabled:
        return None
    return found.user


def end_session(ctx: Context, secret: str) -> None:
    """Sign out: the session's secret no longer works."""
    with ctx.uow() as uow:
        uow.accounts.delete_sessions(token_hash=digest(secret), purpose="session")
        uow.commit()


def setup_needed(ctx: Context) -> bool:
    """True until the first user exists."""
    with ctx.read() as uow:
        return uow.accounts.count_users() == 0


def create_setup_token(ctx: Context) -> str:
    """A one-time secret for the setup link that creates the first admin (valid one day)."""
    secret = secrets.token_urlsafe(24)
    now = ctx.now()
    with ctx.uow() as uow:
        uow.accounts.add_session(
            digest(secret),
            user=None,
            purpose="setup",
            created_at=now,
            expires_at=now + SETUP_LIFETIME,
        )
        uow.commit()
    return secret


def complete_setup(ctx: Context, token: str, name: str, password: str) -> User:
    """Create the first admin with the setup token; every setup token then stops working."""
    user = User(name=check_name(name), role=Role.ADMIN, created_at=ctx.now(), has_password=True)
    hashed = _hash_password(password)
    with ctx.uow() as uow:
        if uow.accounts.find_session(digest(token), purpose="setup", now=ctx.now()) is None:
            raise AuthenticationError(
                "the setup link is not valid (used or expired)", field="token"
            )
        # Deleting every setup token makes a concurrent setup wait for this
        # transaction, then delete nothing: only one first admin is created.
        if uow.accounts.delete_sessions(purpose="setup") == 0 or uow.accounts.count_users():
            raise ConflictError("warroom is set up already; sign in instead", field="token")
        uow.accounts.add_user(user, hashed)
        uow.commit()
    return user


def _role(value: Role | str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise ValidationError(
            f"unknown role {value!r}; one of: viewer, responder, admin", field="role"
        ) from None
