"""In-memory fakes of the storage ports, for fast unit tests of the services.

They behave like the database where a service could tell the difference:
``get`` hands out copies and ``add``/``save`` store copies (changing an
object after saving it changes nothing stored), ``save`` checks and bumps
the version exactly like ``storage.repository``, and nothing is visible to
other units of work until ``commit()`` -- leaving the ``with`` block rolls
back. ::

    database = FakeDatabase([existing_incident])
    ctx = Context(settings=Settings(), uow=database.unit_of_work)
    declare_incident(ctx, ...)
    assert database.incidents["INC-..."].title == ...

``FakeUnitOfWork(incidents)`` alone makes its own ``FakeDatabase``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from fake_accounts import AccountState, FakeAccountRepository, FakeAuditRepository
from fake_integrations import FakeAlertRepository, FakeGaugeReader, FakeWebhookRepository
from warroom.domain.model import Incident, Visibility
from warroom.errors import ConflictError, NotFoundError, StaleVersionError, ValidationError
from warroom.services.ports import (
    ActionItemQuery,
    ActionItemRow,
    IncidentQuery,
    IncidentSummary,
    Page,
    Viewer,
)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC)


class FakeDatabase:
    """The committed state every fake unit of work reads from and commits to."""

    def __init__(
        self, incidents: Iterable[Incident] = (), *, clock: Callable[[], datetime] = _now
    ) -> None:
        self.clock = clock
        self.incidents: dict[str, Incident] = {}  # committed, by ref: for assertions
        self.sequences: dict[str, int] = {}
        self.accounts = AccountState()  # users, sessions, tokens and the audit log
        self.webhooks: list[Any] = []  # webhooks and queued deliveries (fake_integrations)
        for incident in incidents:
            stored = copy.deepcopy(incident)
            stored.created_at = stored.created_at or clock()
            stored.updated_at = stored.updated_at or stored.created_at
            self.incidents[stored.ref] = stored

    def unit_of_work(self, *, read_only: bool = False) -> FakeUnitOfWork:
        """A new unit of work on this database, like ``Database.unit_of_work``."""
        return FakeUnitOfWork(database=self)

    def dispose(self) -> None:
        """Nothing to close; here so a FakeDatabase can stand in for a Database."""


class FakeIncidentRepository:
    """``ports.IncidentRepository`` over a FakeDatabase, with uncommitted changes kept apart."""

    def __init__(self, database: FakeDatabase) -> None:
        self._database = database
        self._changed: dict[str, Incident] = {}
        self._sequences: dict[str, int] = {}

    # -- the port ---------------------------------------------------------

    def get(self, ref: str) -> Incident:
        incident = self._current().get(ref)
        if incident is None:
            raise NotFoundError(f"no incident {ref}")
        return copy.deepcopy(incident)

    def exists(self, ref: str) -> bool:
        return ref in self._current()

    def add(self, incident: Incident) -> None:
        if incident.ref in self._current():
            raise ConflictError(f"incident {incident.ref} already exists")
        incident.created_at = incident.created_at or self._database.clock()
        incident.updated_at = incident.updated_at or incident.created_at
        self._changed[incident.ref] = copy.deepcopy(incident)

    def save(self, incident: Incident, *, expected_version: int) -> None:
        stored = self._current().get(incident.ref)
        if stored is None:
            raise NotFoundError(f"no incident {incident.ref}")
        if stored.version != expected_version:
            raise StaleVersionError(
                f"incident {incident.ref} was changed by someone else: you edited version"
                f" {expected_version}, the stored version is {stored.version}",
                expected=expected_version,
                actual=stored.version,
            )
        now = self._database.clock()
        saved = copy.deepcopy(incident)
        saved.version = expected_version + 1
        saved.created_at = stored.created_at
        saved.updated_at = now
        self._changed[incident.ref] = saved
        incident.version = expected_version + 1
        incident.updated_at = now

    def list_incidents(self, query: IncidentQuery) -> Page:
        if query.limit < 1:
            raise ValidationError("limit must be at least 1", field="limit")
        found = [i for i in self._newest_first(query.viewer) if _matches(i, query)]
        if query.after is not None:
            cursor = self._current().get(query.after)
            if cursor is None:
                found = []
            else:
                found = [i for i in found if _order_key(i) < _order_key(cursor)]
        page = found[: query.limit]
        more = len(found) > query.limit
        return Page(items=[_summary(i) for i in page], next=page[-1].ref if more else None)

    def list_action_items(self, query: ActionItemQuery) -> list[ActionItemRow]:
        if query.limit < 1:
            raise ValidationError("limit must be at least 1", field="limit")
        rows: list[tuple[tuple[bool, str, str, int], ActionItemRow]] = []
        for incident in self._current().values():
            if not _visible(incident, query.viewer):
                continue
            if query.ref is not None and incident.ref != query.ref:
                continue
            for position, item in enumerate(incident.action_items):
                if query.owner is not None and item.owner != query.owner:
                    continue
                if query.statuses and item.status not in query.statuses:
                    continue
                if query.overdue_on is not None and not item.is_overdue(query.overdue_on):
                    continue
                due = item.due.isoformat() if item.due else ""
                key = (item.due is None, due, incident.ref, position)
                rows.append((key, ActionItemRow(incident.ref, incident.title, copy.deepcopy(item))))
        rows.sort(key=lambda pair: pair[0])
        return [row for _, row in rows[: query.limit]]

    def iter_all(self, *, viewer: Viewer | None = None) -> Iterator[Incident]:
        for incident in reversed(self._newest_first(viewer)):
            yield copy.deepcopy(incident)

    def next_sequence(self, scope: str) -> int:
        value = self._sequences.get(scope, self._database.sequences.get(scope, 0)) + 1
        self._sequences[scope] = value
        return value

    # -- the unit of work's side --------------------------------------------

    def commit(self) -> None:
        self._database.incidents.update(self._changed)
        self._database.sequences.update(self._sequences)
        self.rollback()

    def rollback(self) -> None:
        self._changed = {}
        self._sequences = {}

    def _current(self) -> dict[str, Incident]:
        return {**self._database.incidents, **self._changed}

    def _newest_first(self, viewer: Viewer | None) -> list[Incident]:
        visible = [i for i in self._current().values() if _visible(i, viewer)]
        return sorted(visible, key=_order_key, reverse=True)


class FakeUnitOfWork:
    """``ports.UnitOfWork`` in memory: rolls back on leaving unless committed."""

    incidents: FakeIncidentRepository
    accounts: FakeAccountRepository
    audit: FakeAuditRepository

    def __init__(
        self, incidents: Iterable[Incident] = (), *, database: FakeDatabase | None = None
    ) -> None:
        self.database = database or FakeDatabase(incidents)
        self.incidents = FakeIncidentRepository(self.database)
        self.accounts = FakeAccountRepository(self.database.accounts)
        self.audit = FakeAuditRepository(self.database.accounts)
        self.alerts = FakeAlertRepository()
        self.webhooks = FakeWebhookRepository(self.database.webhooks)
        self.gauges = FakeGaugeReader()
        self.commits = 0
        self.rollbacks = 0
        self._active = False

    @property
    def committed(self) -> bool:
        """Whether ``commit()`` was called at least once."""
        return self.commits > 0

    def __enter__(self) -> Self:
        if self._active:
            raise RuntimeError("this unit of work is already in use; open a new one")
        self._active = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._parts_rollback()
        self._active = False

    def commit(self) -> None:
        for part in (self.incidents, self.accounts, self.audit):
            part.commit()
        self.commits += 1

    def rollback(self) -> None:
        self._parts_rollback()
        self.rollbacks += 1

    def _parts_rollback(self) -> None:
        for part in (self.incidents, self.accounts, self.audit):
            part.rollback()


def _order_key(incident: Incident) -> tuple[datetime, str]:
    return (incident.created_at or _EPOCH, incident.ref)


def _visible(incident: Incident, viewer: Viewer | None) -> bool:
    if viewer is None or viewer.is_admin or incident.visibility is Visibility.PUBLIC:
        return True
    return viewer.name in incident.participants


def _matches(incident: Incident, query: IncidentQuery) -> bool:
    began = incident.milestones.started or incident.created_at or _EPOCH
    return (
        (not query.statuses or incident.status in query.statuses)
        and (not query.severities or incident.severity in query.severities)
        and (query.service is None or query.service in incident.service_names)
        and (query.since is None or began >= query.since)
        and (query.until is None or began < query.until)
    )


def _summary(incident: Incident) -> IncidentSummary:
    created = incident.created_at or _EPOCH
    return IncidentSummary(
        ref=incident.ref,
        title=incident.title,
        severity=incident.severity,
        status=incident.status,
        review_status=incident.review_status,
        visibility=incident.visibility,
        services=tuple(incident.service_names),
        commander=incident.roles.commander,
        started=incident.milestones.started,
        resolved=incident.milestones.resolved,
        created_at=created,
        updated_at=incident.updated_at or created,
    )
