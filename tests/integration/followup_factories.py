"""Incidents and contexts for the insights, search, review and reminder tests."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from warroom.config import Settings
from warroom.domain.model import (
    ActionItem,
    ActionStatus,
    Approval,
    ContributingFactor,
    Incident,
    IncidentStatus,
    Milestones,
    ReviewStatus,
    ServiceImpact,
    Visibility,
)
from warroom.services.context import Context
from warroom.services.transfer import store_incidents
from warroom.storage import Database

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
_numbers = itertools.count(1)


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def context_for(
    database: Database, clock: Callable[[], datetime] | None = None, **settings: Any
) -> Context:
    return Context(
        settings=Settings.load(environ={}, database_url=database.url, **settings),
        uow=database.unit_of_work,
        reader=partial(database.unit_of_work, read_only=True),
        clock=clock or (lambda: T0 + timedelta(days=60)),
    )


def make(
    *,
    started: datetime = T0,
    severity: int = 3,
    detect: float | None = None,
    resolve: float | None = None,
    services: tuple[str, ...] = ("checkout-api",),
    factors: tuple[str, ...] = (),
    title: str | None = None,
    summary: str | None = None,
    private: bool = False,
    people: tuple[str, ...] = ("alice",),
    actions: tuple[ActionItem, ...] = (),
    review_status: ReviewStatus = ReviewStatus.DRAFT,
    approved_after: timedelta | None = None,
    meeting_at: datetime | None = None,
    **extra: Any,
) -> Incident:
    """An incident with the given milestones (offsets in seconds after ``started``)."""
    number = next(_numbers)
    resolved = started + timedelta(seconds=resolve) if resolve is not None else None
    incident = Incident(
        ref=f"INC-{started:%Y-%m-%d}-{number:03d}",
        title=title or f"Incident {number} on {services[0] if services else 'nothing'}",
        severity=severity,
        status=IncidentStatus.RESOLVED if resolved else IncidentStatus.INVESTIGATING,
        review_status=review_status,
        visibility=Visibility.PRIVATE if private else Visibility.PUBLIC,
        summary=summary,
        services=[ServiceImpact(name) for name in services],
        milestones=Milestones(
            started=started,
            detected=started + timedelta(seconds=detect) if detect is not None else None,
            resolved=resolved,
            **extra,
        ),
        created_at=started,
        updated_at=started,
    )
    incident.roles.commander = people[0] if people else None
    incident.roles.responders = list(people[1:])
    incident.analysis.contributing_factors = [ContributingFactor(name) for name in factors]
    incident.action_items = list(actions)
    if approved_after is not None and resolved is not None:
        incident.review.approvals.append(
            Approval("reviewer", "carol", True, resolved + approved_after)
        )
    incident.review.meeting_at = meeting_at
    return incident


def action(
    key: str,
    *,
    owner: str | None = "bob",
    due: date | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    created: datetime = T0,
    title: str = "Add an alert",
) -> ActionItem:
    return ActionItem(
        key=key,
        title=title,
        owner=owner,
        due=due,
        status=status,
        reason="superseded" if status is ActionStatus.WONT_DO else None,
        created_at=created,
    )


def store(ctx: Context, *incidents: Incident) -> list[str]:
    return store_incidents(ctx, list(incidents)).created
