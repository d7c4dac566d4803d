"""What the services need from storage: a repository of incidents inside a unit of work.

The SQLAlchemy adapter (``warroom.storage``) implements these for SQLite and
PostgreSQL; ``tests/fakes.py`` implements them in memory for unit tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from warroom.domain.model import (
    ActionItem,
    ActionStatus,
    Incident,
    IncidentStatus,
    ReviewStatus,
    Visibility,
)


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


class UnitOfWork(Protocol):
    incidents: IncidentRepository

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
