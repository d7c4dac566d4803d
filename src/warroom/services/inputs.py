"""Reading typed values once, for every entry point: choices, priorities, list filters."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TypeVar

from warroom.config import Settings
from warroom.domain.model import ActionStatus, IncidentStatus, Priority
from warroom.domain.times import parse_time
from warroom.errors import ValidationError
from warroom.services.ports import IncidentQuery, Viewer

E = TypeVar("E", bound=StrEnum)

PRIORITY_ALIASES = {
    "high": Priority.HIGH,
    "p0": Priority.HIGH,
    "critical": Priority.HIGH,
    "medium": Priority.MEDIUM,
    "med": Priority.MEDIUM,
    "p1": Priority.MEDIUM,
    "low": Priority.LOW,
    "p2": Priority.LOW,
    "p3": Priority.LOW,
}
ACTION_STATUS_ALIASES = {
    "open": ActionStatus.OPEN,
    "todo": ActionStatus.OPEN,
    "pending": ActionStatus.OPEN,
    "in_progress": ActionStatus.IN_PROGRESS,
    "doing": ActionStatus.IN_PROGRESS,
    "done": ActionStatus.DONE,
    "complete": ActionStatus.DONE,
    "completed": ActionStatus.DONE,
    "closed": ActionStatus.DONE,
    "wont_do": ActionStatus.WONT_DO,
    "won't_do": ActionStatus.WONT_DO,
    "wontdo": ActionStatus.WONT_DO,
    "declined": ActionStatus.WONT_DO,
}
OPEN_STATUSES = tuple(s for s in IncidentStatus if s.is_open)


def _key(text: str) -> str:
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def parse_choice(cls: type[E], text: str, field: str) -> E:
    """One value of an enum, forgiving case, dashes and a ``-term`` suffix (``short-term``)."""
    key = _key(text).removesuffix("_term")
    for member in cls:
        if member.value == key:
            return member
    choices = ", ".join(m.value.replace("_", "-") for m in cls)
    raise ValidationError(f"unknown {field} {text!r}; one of: {choices}", field=field)


def parse_priority(text: str) -> Priority:
    try:
        return PRIORITY_ALIASES[_key(text)]
    except KeyError:
        raise ValidationError(
            f"unknown priority {text!r}; use high, medium, low (or P0, P1, P2)", field="priority"
        ) from None


def parse_action_status(text: str) -> ActionStatus:
    try:
        return ACTION_STATUS_ALIASES[_key(text)]
    except KeyError:
        raise ValidationError(
            f"unknown action item status {text!r}; use open, in-progress, done or wont-do",
            field="status",
        ) from None


def parse_incident_query(
    settings: Settings,
    *,
    statuses: Sequence[str] = (),
    severities: Sequence[str] = (),
    service: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    after: str | None = None,
    viewer: Viewer | None = None,
) -> IncidentQuery:
    """The list filters as typed (``open`` = not resolved or closed)."""
    chosen: list[IncidentStatus] = []
    for text in statuses:
        if _key(text) == "open":
            chosen.extend(OPEN_STATUSES)
        else:
            chosen.append(parse_choice(IncidentStatus, text, "status"))
    levels = tuple(sorted({settings.scale.parse(s) for s in severities}))
    zone = settings.zone
    return IncidentQuery(
        statuses=tuple(dict.fromkeys(chosen)),
        severities=levels,
        service=service.strip() if service else None,
        since=parse_time(since, default_zone=zone, field="since").at if since else None,
        until=parse_time(until, default_zone=zone, field="until").at if until else None,
        viewer=viewer,
        limit=limit,
        after=after,
    )
