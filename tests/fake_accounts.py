"""In-memory fakes of the account and audit ports, used by ``tests/fakes.py``.

Like the incident fake, they keep uncommitted changes apart: ``commit()``
publishes them to the shared state, leaving the unit of work drops them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import datetime

from warroom.domain.accounts import ApiToken, Role, User
from warroom.domain.audit import AuditEntry
from warroom.errors import ConflictError, NotFoundError
from warroom.services.ports import StoredSession, StoredUser


@dataclass
class AccountState:
    users: dict[str, StoredUser] = field(default_factory=dict)
    sessions: dict[str, tuple[str | None, str, datetime]] = field(default_factory=dict)
    tokens: dict[str, tuple[ApiToken, str]] = field(default_factory=dict)  # by id
    audit: list[AuditEntry] = field(default_factory=list)


class FakeAccountRepository:
    """``ports.AccountRepository`` over an AccountState."""

    def __init__(self, state: AccountState) -> None:
        self._shared = state
        self._state = copy.deepcopy(state)

    def commit(self) -> None:
        for name in ("users", "sessions", "tokens"):
            setattr(self._shared, name, copy.deepcopy(getattr(self._state, name)))

    def rollback(self) -> None:
        self._state = copy.deepcopy(self._shared)

    def get_user(self, name: str) -> StoredUser | None:
        return self._state.users.get(name)

    def add_user(self, user: User, password_hash: str | None) -> None:
        if user.name in self._state.users:
            raise ConflictError(f"a user named {user.name} exists already")
        self._state.users[user.name] = StoredUser(user, password_hash)

    def update_user(
        self,
        name: str,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        password_hash: str | None = None,
    ) -> None:
        stored = self._state.users.get(name)
        if stored is None:
            raise NotFoundError(f"no user {name}", field="name")
        user = stored.user
        if role is not None:
            user = replace(user, role=role)
        if disabled is not None:
            user = replace(user, disabled=disabled)
        hashed = stored.password_hash
        if password_hash is not None:
            user, hashed = replace(user, has_password=True), password_hash
        self._state.users[name] = StoredUser(user, hashed)

    def list_users(self) -> list[User]:
        return [self._state.users[name].user for name in sorted(self._state.users)]

    def count_users(self) -> int:
        return len(self._state.users)

    def add_session(
        self,
        token_hash: str,
        *,
        user: str | None,
        purpose: str,
        created_at: datetime,
        expires_at: datetime,
    ) -> None:
        self._state.sessions[token_hash] = (user, purpose, expires_at)

    def find_session(self, token_hash: str, *, purpose: str, now: datetime) -> StoredSession | None:
        found = self._state.sessions.get(token_hash)
        if found is None or found[1] != purpose or found[2] <= now:
            return None
        user = self._state.users[found[0]].user if found[0] else None
        return StoredSession(user=user, expires_at=found[2])

    def delete_sessions(
        self, *, token_hash: str | None = None, purpose: str | None = None, user: str | None = None
    ) -> int:
        doomed = [
            key
            for key, (owner, kind, _) in self._state.sessions.items()
            if (token_hash is None or key == token_hash)
            and (purpose is None or kind == purpose)
            and (user is None or owner == user)
        ]
        for key in doomed:
            del self._state.sessions[key]
        return len(doomed)

    def add_token(self, token: ApiToken, secret_hash: str) -> None:
        self._state.tokens[token.id] = (token, secret_hash)

    def find_token(self, secret_hash: str) -> tuple[ApiToken, User] | None:
        for token, digest in self._state.tokens.values():
            if digest == secret_hash:
                return token, self._state.users[token.user].user
        return None

    def touch_token(self, token_id: str, at: datetime) -> None:
        token, digest = self._state.tokens[token_id]
        self._state.tokens[token_id] = (replace(token, last_used_at=at), digest)

    def revoke_token(self, token_id: str, at: datetime) -> ApiToken:
        if token_id not in self._state.tokens:
            raise NotFoundError(f"no token {token_id}", field="id")
        token, digest = self._state.tokens[token_id]
        if token.revoked_at is None:
            token = replace(token, revoked_at=at)
            self._state.tokens[token_id] = (token, digest)
        return token

    def list_tokens(self) -> list[ApiToken]:
        return sorted((t for t, _ in self._state.tokens.values()), key=lambda t: t.created_at)


class FakeAuditRepository:
    """``ports.AuditRepository`` over an AccountState's ``audit`` list."""

    def __init__(self, state: AccountState) -> None:
        self._shared = state
        self._pending: list[AuditEntry] = []

    def commit(self) -> None:
        self._shared.audit.extend(self._pending)
        self._pending = []

    def rollback(self) -> None:
        self._pending = []

    def add(self, entry: AuditEntry) -> None:
        self._pending.append(entry)

    def list_for(self, ref: str, *, after_version: int = 0, limit: int = 1000) -> list[AuditEntry]:
        entries = [
            e
            for e in [*self._shared.audit, *self._pending]
            if e.ref == ref and e.version > after_version
        ]
        return sorted(entries, key=lambda e: e.version)[:limit]
