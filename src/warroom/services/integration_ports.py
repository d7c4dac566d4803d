"""What the integrations need from storage, inside the same unit of work as incidents.

- ``AlertRepository``: which incident an alert group opened, the last state
  of each alert of a group, and the notifications already recorded.
- ``WebhookRepository``: the outbound webhooks, their outbox of deliveries
  (claimed by one worker at a time), and one-off notices.
- ``GaugeReader``: the counts ``GET /metrics`` exposes, derived from the
  database so every server process reports the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class AlertLink:
    id: int
    group_key: str
    incident_ref: str


@dataclass(frozen=True)
class AlertState:
    fingerprint: str
    status: str  # firing | resolved
    starts_at: datetime
    ends_at: datetime | None


class AlertRepository(Protocol):
    def find_link(self, group_hash: str) -> AlertLink | None: ...

    def add_link(
        self, *, source: str, group_key: str, group_hash: str, incident_ref: str, at: datetime
    ) -> AlertLink:
        """Tie a group to an incident; ConflictError if another process tied it first."""
        ...

    def move_link(self, link: AlertLink, incident_ref: str, at: datetime) -> None:
        """Tie the group to a new incident and forget its alert states.

        ConflictError if the link no longer points where ``link`` says.
        """
        ...

    def states(self, link_id: int) -> dict[str, AlertState]: ...

    def set_state(self, link_id: int, state: AlertState) -> None: ...

    def seen(self, keys: list[str]) -> set[str]:
        """Which of these receipt keys are already recorded."""
        ...

    def add_receipts(self, keys: list[str], incident_ref: str, at: datetime) -> None:
        """Record these receipts; ConflictError if one is already there."""
        ...


@dataclass(frozen=True)
class Webhook:
    id: int
    name: str
    url: str
    events: tuple[str, ...]
    style: str  # json | slack
    secret: str | None
    enabled: bool
    created_at: datetime
    created_by: str | None


@dataclass(frozen=True)
class NewWebhook:
    name: str
    url: str
    events: tuple[str, ...]
    style: str
    secret: str | None
    created_at: datetime
    created_by: str | None


@dataclass(frozen=True)
class Delivery:
    id: int
    webhook_id: int
    event: str
    payload: dict[str, Any]
    status: str  # pending | delivered | failed
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    claimed_by: str | None = None
    claimed_until: datetime | None = None
    last_error: str | None = None
    response_status: int | None = None
    delivered_at: datetime | None = None


@dataclass(frozen=True)
class DeliveryResult:
    """What a worker learned from one attempt, written back if it still holds the claim."""

    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    response_status: int | None
    delivered_at: datetime | None


class WebhookRepository(Protocol):
    def add(self, hook: NewWebhook) -> Webhook: ...

    def get(self, webhook_id: int) -> Webhook:
        """NotFoundError if there is no such webhook."""
        ...

    def list_webhooks(self) -> list[Webhook]: ...

    def remove(self, webhook_id: int) -> None:
        """Delete the webhook and its delivery log (NotFoundError if there is none)."""
        ...

    def subscribed(self, event: str) -> list[Webhook]:
        """Enabled webhooks that asked for ``event``."""
        ...

    def enqueue(self, webhook_id: int, event: str, payload: dict[str, Any], at: datetime) -> int:
        """Queue one delivery, due at ``at``; its id."""
        ...

    def has_due(self, now: datetime) -> bool:
        """Whether any pending delivery is due by ``now`` and not held by a live claim."""
        ...

    def claim_due(
        self, worker: str, now: datetime, until: datetime, limit: int
    ) -> list[tuple[Delivery, Webhook]]:
        """Pending deliveries due by ``now`` that no live claim holds, claimed until ``until``.

        Two workers never claim the same row: PostgreSQL skips rows locked by
        another claim (FOR UPDATE SKIP LOCKED); SQLite claims each row with
        one conditional UPDATE.
        """
        ...

    def finish(self, delivery_id: int, worker: str, result: DeliveryResult) -> bool:
        """Write the outcome and release the claim, if ``worker`` still holds it."""
        ...

    def deliveries(self, webhook_id: int, *, limit: int = 100) -> list[Delivery]:
        """The delivery log of one webhook, newest first."""
        ...

    def add_notice(self, key: str, at: datetime) -> bool:
        """Record a one-off notice; False if it was recorded before."""
        ...


@dataclass(frozen=True)
class Gauges:
    open_by_severity: dict[int, int] = field(default_factory=dict)
    declared_by_severity: dict[int, int] = field(default_factory=dict)
    action_items_open: int = 0
    action_items_overdue: int = 0
    reviews_late: int = 0
    deliveries_failed: int = 0
    deliveries_pending: int = 0


class GaugeReader(Protocol):
    def read(self, *, now: datetime, review_late_before: datetime) -> Gauges:
        """Counts across all incidents; reviews of incidents resolved before the cut are late."""
        ...
