"""Events that outbound webhooks subscribe to, queued with the change that caused them.

A service that changes an incident calls ``record_events`` inside its unit
of work, before committing: the outbox rows land in the same transaction as
the change, so an event is queued if and only if its change was stored.
``mutate`` and ``declare_incident`` do it for every change they make, by
comparing the incident before and after (``changes_between``); events that
come from time rather than a change (a reminder, an action item becoming
overdue) are queued with ``queue_event``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from warroom.config import Settings
from warroom.domain.model import Incident, IncidentStatus, ReviewStatus, Visibility
from warroom.domain.times import isoformat_utc
from warroom.services.ports import UnitOfWork

DECLARED = "declared"
STATUS_CHANGED = "status_changed"
SEVERITY_CHANGED = "severity_changed"
RESOLVED = "resolved"
REVIEW_REQUESTED = "review_requested"
REVIEW_APPROVED = "review_approved"
ACTION_ITEM_OVERDUE = "action_item_overdue"
REMINDER = "reminder"
EVENT_NAMES: tuple[str, ...] = (
    DECLARED,
    STATUS_CHANGED,
    SEVERITY_CHANGED,
    RESOLVED,
    REVIEW_REQUESTED,
    REVIEW_APPROVED,
    ACTION_ITEM_OVERDUE,
    REMINDER,
)


@dataclass(frozen=True)
class Snapshot:
    """The fields whose changes are events, taken before a change."""

    status: IncidentStatus
    severity: int
    review_status: ReviewStatus


@dataclass(frozen=True)
class IncidentEvent:
    name: str
    at: datetime
    incident: Incident
    details: dict[str, Any] = field(default_factory=dict)


def snapshot(incident: Incident) -> Snapshot:
    return Snapshot(incident.status, incident.severity, incident.review_status)


def changes_between(
    before: Snapshot | None, incident: Incident, at: datetime
) -> list[IncidentEvent]:
    """The events of one change; ``before=None`` means the incident was just declared."""
    if before is None:
        return [IncidentEvent(DECLARED, at, incident)]
    events = []
    if incident.status != before.status:
        moved = {"from": before.status.value, "to": incident.status.value}
        events.append(IncidentEvent(STATUS_CHANGED, at, incident, moved))
        if incident.status is IncidentStatus.RESOLVED:
            events.append(IncidentEvent(RESOLVED, at, incident))
    if incident.severity != before.severity:
        levels = {"from": before.severity, "to": incident.severity}
        events.append(IncidentEvent(SEVERITY_CHANGED, at, incident, levels))
    if incident.review_status != before.review_status:
        if incident.review_status is ReviewStatus.IN_REVIEW:
            events.append(IncidentEvent(REVIEW_REQUESTED, at, incident))
        elif incident.review_status is ReviewStatus.APPROVED:
            events.append(IncidentEvent(REVIEW_APPROVED, at, incident))
    return events


def event_payload(event: IncidentEvent, settings: Settings) -> dict[str, Any]:
    """The generic JSON body of an event. Private incidents are named by ref only."""
    incident = event.incident
    private = incident.visibility is Visibility.PRIVATE
    details = dict(event.details)
    if event.name == SEVERITY_CHANGED:
        details["from_label"] = settings.scale.label(details["from"])
        details["to_label"] = settings.scale.label(details["to"])
    return {
        "event": event.name,
        "at": isoformat_utc(event.at),
        "incident": {
            "ref": incident.ref,
            "title": "(private incident)" if private else incident.title,
            "severity": incident.severity,
            "severity_label": settings.scale.label(incident.severity),
            "status": incident.status.value,
            "review_status": incident.review_status.value,
            "visibility": incident.visibility.value,
            "services": [] if private else incident.service_names,
            "commander": None if private else incident.roles.commander,
        },
        "details": details,
    }


def record_events(uow: UnitOfWork, settings: Settings, events: list[IncidentEvent]) -> int:
    """Queue a delivery per event per webhook that asked for it; how many were queued."""
    queued = 0
    for event in events:
        hooks = uow.webhooks.subscribed(event.name)
        if hooks:
            payload = event_payload(event, settings)
            for hook in hooks:
                uow.webhooks.enqueue(hook.id, event.name, payload, event.at)
                queued += 1
    return queued


def queue_event(uow: UnitOfWork, settings: Settings, event: IncidentEvent) -> int:
    """Queue one event that no incident change caused (reminders, overdue items)."""
    return record_events(uow, settings, [event])


class ReminderLike(Protocol):
    """What ``queue_reminder_events`` reads of a reminder (``services.reminders.Reminder``)."""

    @property
    def kind(self) -> str: ...
    @property
    def ref(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def recipient(self) -> str | None: ...
    @property
    def item(self) -> str | None: ...


def queue_reminder_events(
    uow: UnitOfWork, settings: Settings, reminders: list[ReminderLike], at: datetime
) -> int:
    """Queue a ``reminder`` event per reminder, in the transaction that claims them."""
    if not reminders or not uow.webhooks.subscribed(REMINDER):
        return 0
    queued = 0
    for reminder in reminders:
        details = {
            "kind": reminder.kind,
            "message": reminder.message,
            "recipient": reminder.recipient,
            "item": reminder.item,
        }
        event = IncidentEvent(REMINDER, at, uow.incidents.get(reminder.ref), details)
        queued += queue_event(uow, settings, event)
    return queued
