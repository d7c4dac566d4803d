"""Users, sessions and API tokens on SQLAlchemy Core (``ports.AccountRepository``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, RowMapping

from warroom.domain.accounts import ApiToken, Role, Scope, User
from warroom.errors import NotFoundError
from warroom.services.ports import StoredSession, StoredUser
from warroom.storage.errors import translate_errors
from warroom.storage.tables import api_tokens, sessions, users


def _user(row: RowMapping, prefix: str = "") -> User:
    return User(
        name=row[f"{prefix}name"],
        role=Role(row[f"{prefix}role"]),
        created_at=row[f"{prefix}created_at"],
        disabled=bool(row[f"{prefix}disabled"]),
        has_password=row[f"{prefix}password_hash"] is not None,
    )


def _token(row: RowMapping) -> ApiToken:
    return ApiToken(
        id=row["id"],
        name=row["name"],
        scope=Scope(row["scope"]),
        user=row["user_name"],
        created_by=row["created_by"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
    )


def _user_columns() -> list[Any]:
    return [column.label(f"u_{column.name}") for column in users.c]


class SqlAccountRepository:
    """``ports.AccountRepository`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def _rows(self, statement: Any) -> list[RowMapping]:
        with translate_errors(self._url):
            return list(self._connection.execute(statement).mappings().all())

    def _run(self, statement: Any, *, conflict: str | None = None) -> int:
        with translate_errors(self._url, conflict=conflict):
            return int(self._connection.execute(statement).rowcount)

    def get_user(self, name: str) -> StoredUser | None:
        rows = self._rows(select(users).where(users.c.name == name))
        return StoredUser(_user(rows[0]), rows[0]["password_hash"]) if rows else None

    def add_user(self, user: User, password_hash: str | None) -> None:
        statement = insert(users).values(
            name=user.name,
            role=user.role.value,
            password_hash=password_hash,
            disabled=user.disabled,
            created_at=user.created_at,
        )
        conflict = f"a user named {user.name} exists already"
        with translate_errors(self._url, conflict=conflict), self._connection.begin_nested():
            self._connection.execute(statement)

    def update_user(
        self,
        name: str,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        password_hash: str | None = None,
    ) -> None:
        values: dict[str, Any] = {}
        if role is not None:
            values["role"] = role.value
        if disabled is not None:
            values["disabled"] = disabled
        if password_hash is not None:
            values["password_hash"] = password_hash
        if not values:
            values["name"] = name
        if not self._run(update(users).where(users.c.name == name).values(**values)):
            raise NotFoundError(f"no user {name}", field="name")

    def list_users(self) -> list[User]:
        return [_user(row) for row in self._rows(select(users).order_by(users.c.name))]

    def count_users(self) -> int:
        with translate_errors(self._url):
            return int(
                self._connection.execute(select(func.count()).select_from(users)).scalar_one()
            )

    def add_session(
        self,
        token_hash: str,
        *,
        user: str | None,
        purpose: str,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        self._run(
            insert(sessions).values(
                token_hash=token_hash,
                user_name=user,
                purpose=purpose,
                created_at=created_at,
                expires_at=expires_at,
            )
        )

    def find_session(self, token_hash: str, *, purpose: str, now: datetime) -> StoredSession | None:
        statement = (
            select(sessions.c.expires_at, *_user_columns())
            .outerjoin(users, users.c.name == sessions.c.user_name)
            .where(
                sessions.c.token_hash == token_hash,
                sessions.c.purpose == purpose,
                sessions.c.expires_at > now,
            )
        )
        rows = self._rows(statement)
        if not rows:
            return None
        row = rows[0]
        user = _user(row, "u_") if row["u_name"] is not None else None
        return StoredSession(user=user, expires_at=row["expires_at"])

    def delete_sessions(
        self, *, token_hash: str | None = None, purpose: str | None = None, user: str | None = None
    ) -> int:
        statement = delete(sessions)
        if token_hash is not None:
            statement = statement.where(sessions.c.token_hash == token_hash)
        if purpose is not None:
            statement = statement.where(sessions.c.purpose == purpose)
        if user is not None:
            statement = statement.where(sessions.c.user_name == user)
        return self._run(statement)

    def add_token(self, token: ApiToken, secret_hash: str) -> None:
        self._run(
            insert(api_tokens).values(
                id=token.id,
                name=token.name,
                scope=token.scope.value,
                user_name=token.user,
                secret_hash=secret_hash,
                created_by=token.created_by,
                created_at=token.created_at,
            )
        )

    def find_token(self, secret_hash: str) -> tuple[ApiToken, User] | None:
        statement = (
            select(api_tokens, *_user_columns())
            .join(users, users.c.name == api_tokens.c.user_name)
            .where(api_tokens.c.secret_hash == secret_hash)
        )
        rows = self._rows(statement)
        return (_token(rows[0]), _user(rows[0], "u_")) if rows else None

    def touch_token(self, token_id: str, at: datetime) -> None:
        self._run(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=at))

    def revoke_token(self, token_id: str, at: datetime) -> ApiToken:
        self._run(
            update(api_tokens)
            .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        rows = self._rows(select(api_tokens).where(api_tokens.c.id == token_id))
        if not rows:
            raise NotFoundError(f"no token {token_id}", field="id")
        return _token(rows[0])

    def list_tokens(self) -> list[ApiToken]:
        statement = select(api_tokens).order_by(api_tokens.c.created_at, api_tokens.c.id)
        return [_token(row) for row in self._rows(statement)]
