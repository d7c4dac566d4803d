"""People who sign in, what their role lets them do, and the API tokens they own.

Plain data: hashing, sessions and storage live in ``services.accounts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """Viewer reads; responder also declares and edits incidents; admin also manages accounts."""

    VIEWER = "viewer"
    RESPONDER = "responder"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return ROLE_ORDER.index(self)

    def allows(self, needed: Role) -> bool:
        """Whether this role includes what ``needed`` may do."""
        return self.rank >= needed.rank


ROLE_ORDER: tuple[Role, ...] = (Role.VIEWER, Role.RESPONDER, Role.ADMIN)


class Scope(StrEnum):
    """What an API token may do on top of its user's role: only read, or also write."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    created_at: datetime
    disabled: bool = False
    has_password: bool = False  # False: can use tokens only (a bot), not sign in


@dataclass(frozen=True)
class ApiToken:
    """A token as listed: never its secret, which is shown once when created."""

    id: str
    name: str
    scope: Scope
    user: str  # the account it acts as
    created_by: str | None
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None
