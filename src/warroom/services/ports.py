"""What the services need from storage: repositories inside a unit of work.

Incidents, accounts (users, sessions, API tokens) and the audit log, all
written in the one transaction of a unit of work.

The SQLAlchemy adapter (``warroom.storage``) implements these for SQLite and
PostgreSQL; ``tests/fakes.py`` implements them in memory for unit tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from warroom.domain.accounts import ApiToken, Role, User
from warroom.domain.audit import AuditEntry
from warroom.domain.model import (
    ActionItem,
    ActionStatus,
    Incident,
    IncidentStatus,
    ReviewStatus,
    Visibility,
)
from warroom.services.insight_ports import InsightsReader, ReminderLog, SearchIndex
from warroom.services.integration_ports import AlertRepository, GaugeReader, WebhookRepository


@dataclass(frozen=True)
class Viewer:
    """Who is asking: private incidents exist only for their participants and admins.

    ``None`` as a viewer (the local CLI) sees everything.
    """

    name: str
    is_admin: bool = False


@dataclass(frozen=True)
class IncidentQuery:
    statuses: tuple[IncidentStatus, ...] = ()  # empty: any
    severities: tuple[int, ...] = ()
    service: str | None = None
    since: datetime | None = None  # by started (or created, when started is unknown)
    until: datetime | None = None
    viewer: Viewer | None = None
    limit: int = 50
    after: str | None = None  # cursor: the ref of the last item of the previous page


@dataclass(frozen=True)
class IncidentSummary:
    ref: str
    title: str
    severity: int
    status: IncidentStatus
    review_status: ReviewStatus
    visibility: Visibility
    services: tuple[str, ...]
    commander: str | None
    started: datetime | None
    resolved: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Page:
    items: list[IncidentSummary]
    next: str | None  # pass as IncidentQuery.after for the next page


@dataclass(frozen=True)
class ActionItemQuery:
    owner: str | None = None
    statuses: tuple[ActionStatus, ...] = ()
    overdue_on: date | None = None  # only items due before this date and not done/won't do
    ref: str | None = None
    viewer: Viewer | None = None
    limit: int = 500


@dataclass(frozen=True)
class ActionItemRow:
    ref: str
    incident_title: str
    item: ActionItem


class IncidentRepository(Protocol):
    def get(self, ref: str) -> Incident:
        """The whole incident; NotFoundError if there is none with that ref."""
        ...

    def exists(self, ref: str) -> bool: ...

    def add(self, incident: Incident) -> None:
        """Store a new incident (ConflictError if the ref is taken)."""
        ...

    def save(self, incident: Incident, *, expected_version: int) -> None:
        """Write the whole incident if the stored version is still ``expected_version``.

        Sets ``incident.version`` to ``expected_version + 1``; raises
        StaleVersionError (with an empty ``changes`` list: the service fills it)
        when someone else wrote first.
        """
        ...

    def list_incidents(self, query: IncidentQuery) -> Page: ...

    def list_action_items(self, query: ActionItemQuery) -> list[ActionItemRow]: ...

    def iter_all(self, *, viewer: Viewer | None = None) -> Iterator[Incident]:
        """Every incident, oldest first, loaded in batches (for export)."""
        ...

    def next_sequence(self, scope: str) -> int:
        """The next reference number in ``scope``, unique across processes."""
        ...


@dataclass(frozen=True)
class StoredUser:
    user: User
    password_hash: str | None  # None: the account cannot sign in with a password


class AccountRepository(Protocol):
    """Users, sign-in sessions (and one-time setup tokens) and API tokens.

    Secrets are never stored: sessions and tokens are found by the SHA-256
    hex digest of their secret.
    """

    def get_user(self, name: str) -> StoredUser | None: ...

    def add_user(self, user: User, password_hash: str | None) -> None:
        """Store a new user (ConflictError if the name is taken)."""
        ...

    def update_user(
        self,
        name: str,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        password_hash: str | None = None,
    ) -> None:
        """Change the fields given (NotFoundError if there is no such user)."""
        ...

    def list_users(self) -> list[User]: ...

    def count_users(self) -> int: ...

    def add_session(
        self,
        token_hash: str,
        *,
        user: str | None,
        purpose: str,
        created_at: datetime,
        expires_at: datetime,
    ) -> None: ...

    def find_session(self, token_hash: str, *, purpose: str, now: datetime) -> StoredSession | None:
        """The unexpired session or setup token with this hash."""
        ...

    def delete_sessions(
        self, *, token_hash: str | None = None, purpose: str | None = None, user: str | None = None
    ) -> int:
        """Delete the sessions matching every criterion given; how many went."""
        ...

    def add_token(self, token: ApiToken, secret_hash: str) -> None: ...

    def find_token(self, secret_hash: str) -> tuple[ApiToken, User] | None:
        """The token with this secret hash and the user it acts as (revoked ones too)."""
        ...

    def touch_token(self, token_id: str, at: datetime) -> None:
        """Record that the token was used at ``at``."""
        ...

    def revoke_token(self, token_id: str, at: datetime) -> ApiToken:
        """Revoke (NotFoundError if there is no such token); revoking twice keeps the first time."""
        ...

    def list_tokens(self) -> list[ApiToken]: ...


@dataclass(frozen=True)
class StoredSession:
    user: User | None  # None for a setup token
    expires_at: datetime


class AuditRepository(Protocol):
    def add(self, entry: AuditEntry) -> None:
        """Append one entry (one write of one incident)."""
        ...

    def list_for(self, ref: str, *, after_version: int = 0, limit: int = 1000) -> list[AuditEntry]:
        """The entries of one incident with a version above ``after_version``, oldest first."""
        ...


class UnitOfWork(Protocol):
    incidents: IncidentRepository
    accounts: AccountRepository
    audit: AuditRepository
    alerts: AlertRepository
    webhooks: WebhookRepository
    gauges: GaugeReader
    insights: InsightsReader
    search: SearchIndex
    reminders: ReminderLog

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Rolls back whatever was not committed."""
        ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
