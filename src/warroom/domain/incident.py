"""The rules of an incident's life: status moves, milestone order, roles, action items.

Every function here changes an ``Incident`` in memory or raises a
``ValidationError`` naming the field, before anything is changed: a refused
change leaves the incident exactly as it was. Each accepted status, severity,
role and milestone change appends a ``source: system`` timeline entry.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta

from warroom.domain.model import (
    LIST_ROLE_NAMES,
    MILESTONE_NAMES,
    ROLE_NAMES,
    STATUS_ORDER,
    ActionItem,
    ActionKind,
    ActionStatus,
    EventKind,
    Horizon,
    Incident,
    IncidentStatus,
    Milestones,
    Phase,
    Priority,
    Source,
    TimelineEvent,
)
from warroom.domain.times import ensure_utc, format_utc
from warroom.errors import NotFoundError, ValidationError

# (earlier, later): the later milestone may not come before the earlier one.
MILESTONE_ORDER: tuple[tuple[str, str], ...] = (
    ("started", "detected"),
    ("detected", "acknowledged"),
    ("started", "acknowledged"),
    ("started", "declared"),
    ("started", "mitigated"),
    ("mitigated", "resolved"),
    ("started", "resolved"),
    ("resolved", "closed"),
    ("mitigated", "closed"),
    ("started", "closed"),
)

STATUS_MILESTONE = {
    IncidentStatus.MONITORING: "mitigated",
    IncidentStatus.RESOLVED: "resolved",
    IncidentStatus.CLOSED: "closed",
}

MILESTONE_PHASE = {
    "started": Phase.DETECTION,
    "detected": Phase.DETECTION,
    "acknowledged": Phase.RESPONSE,
    "declared": Phase.RESPONSE,
    "mitigated": Phase.RESOLUTION,
    "resolved": Phase.RESOLUTION,
    "closed": Phase.RESOLUTION,
}

DEFAULT_HORIZON_DAYS = {
    Horizon.IMMEDIATE: 7,
    Horizon.SHORT: 30,
    Horizon.MEDIUM: 90,
    Horizon.LONG: 180,
}

_ROLE_ALIASES = {
    "ic": "commander",
    "incident_commander": "commander",
    "commander": "commander",
    "tech_lead": "technical_lead",
    "technical_lead": "technical_lead",
    "comms_lead": "communications_lead",
    "communications_lead": "communications_lead",
    "communications": "communications_lead",
    "scribe": "scribe",
    "author": "report_author",
    "report_author": "report_author",
    "responder": "responders",
    "responders": "responders",
    "reviewer": "reviewers",
    "reviewers": "reviewers",
    "approver": "reviewers",
}


def check_milestones(milestones: Milestones) -> None:
    """Refuse milestones out of order, naming the later one."""
    for earlier, later in MILESTONE_ORDER:
        first, second = milestones.get(earlier), milestones.get(later)
        if first is not None and second is not None and second < first:
            raise ValidationError(
                f"{later} ({format_utc(second)}) cannot be before {earlier} ({format_utc(first)})",
                field=f"milestones.{later}",
            )


def milestone_name(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    if key not in MILESTONE_NAMES:
        raise ValidationError(
            f"unknown milestone {name!r}; one of: {', '.join(MILESTONE_NAMES)}", field="milestone"
        )
    return key


def role_name(name: str) -> str:
    key = re.sub(r"[\s-]+", "_", name.strip().lower())
    if key not in _ROLE_ALIASES:
        known = ", ".join(n.replace("_", "-") for n in (*ROLE_NAMES, *LIST_ROLE_NAMES))
        raise ValidationError(f"unknown role {name!r}; one of: {known}", field="role")
    return _ROLE_ALIASES[key]


def status_named(name: str) -> IncidentStatus:
    try:
        return IncidentStatus(name.strip().lower())
    except ValueError:
        known = ", ".join(s.value for s in IncidentStatus)
        raise ValidationError(f"unknown status {name!r}; one of: {known}", field="status") from None


def add_event(incident: Incident, event: TimelineEvent) -> TimelineEvent:
    """Insert an entry in time order (after entries of the same time)."""
    if not event.text.strip():
        raise ValidationError("timeline text cannot be empty", field="text")
    event.at = ensure_utc(event.at)
    index = len(incident.timeline)
    while index > 0 and incident.timeline[index - 1].at > event.at:
        index -= 1
    incident.timeline.insert(index, event)
    return event


def _system_event(
    incident: Incident,
    at: datetime,
    text: str,
    kind: EventKind,
    author: str | None,
    phase: Phase | None = None,
) -> None:
    add_event(
        incident,
        TimelineEvent(
            at=at, text=text, kind=kind, phase=phase, source=Source.SYSTEM, author=author
        ),
    )


def set_milestone(
    incident: Incident,
    name: str,
    at: datetime | None,
    *,
    author: str | None = None,
    recorded_at: datetime | None = None,
) -> None:
    """Set (or clear, with ``at=None``) one milestone, refusing any order violation."""
    key = milestone_name(name)
    at = ensure_utc(at) if at is not None else None
    previous = incident.milestones.get(key)
    if previous == at:
        return
    candidate = replace(incident.milestones, **{key: at})
    check_milestones(candidate)
    incident.milestones = candidate
    label = key.capitalize()
    if at is None:
        text = f"{label} milestone cleared (was {format_utc(previous)})"
        when = recorded_at or previous or at
    elif previous is None:
        text = f"{label}"
        when = at
    else:
        text = f"{label} moved from {format_utc(previous)} to {format_utc(at)}"
        when = at
    assert when is not None
    _system_event(incident, when, text, EventKind.MILESTONE, author, MILESTONE_PHASE[key])


def change_status(
    incident: Incident, new: IncidentStatus, at: datetime, *, author: str | None = None
) -> None:
    """Move the status forward; monitoring/resolved/closed set their milestone unless set."""
    at = ensure_utc(at)
    old = incident.status
    if new == old:
        raise ValidationError(f"the incident is already {new.value}", field="status")
    if STATUS_ORDER.index(new) < STATUS_ORDER.index(old):
        hint = " (use 'reopen' to reopen it)" if not old.is_open else ""
        raise ValidationError(
            f"status cannot move back from {old.value} to {new.value}{hint}", field="status"
        )
    # Every milestone the move implies, for this status and those it skips over.
    implied = {}
    for status in STATUS_ORDER[STATUS_ORDER.index(old) + 1 : STATUS_ORDER.index(new) + 1]:
        milestone = STATUS_MILESTONE.get(status)
        if milestone and incident.milestones.get(milestone) is None and status == new:
            implied[milestone] = at
    candidate = replace(incident.milestones, **implied)
    try:
        check_milestones(candidate)
    except ValidationError as exc:
        raise ValidationError(
            f"cannot set status {new.value} at {format_utc(at)}: {exc.message}", field="at"
        ) from exc
    incident.status = new
    _system_event(
        incident,
        at,
        f"Status changed from {old.value} to {new.value}",
        EventKind.STATUS_CHANGE,
        author,
    )
    for milestone, when in implied.items():
        set_milestone(incident, milestone, when, author=author)


def reopen(
    incident: Incident, at: datetime, *, author: str | None = None, reason: str | None = None
) -> None:
    """Reopen a resolved or closed incident: back to investigating, recorded on the timeline.

    The resolved and closed milestones are cleared (their old values stay in
    the timeline entry), since the incident is no longer resolved.
    """
    at = ensure_utc(at)
    if incident.status.is_open:
        raise ValidationError(
            f"only a resolved or closed incident can be reopened; it is {incident.status.value}",
            field="status",
        )
    old = incident.status
    cleared = [
        f"{name} was {format_utc(incident.milestones.get(name))}"
        for name in ("resolved", "closed")
        if incident.milestones.get(name) is not None
    ]
    mitigated = incident.milestones.mitigated
    if mitigated is not None and at < mitigated:
        raise ValidationError(
            f"cannot reopen at {format_utc(at)}, before it was mitigated", field="at"
        )
    incident.milestones = replace(incident.milestones, resolved=None, closed=None)
    incident.status = IncidentStatus.INVESTIGATING
    text = f"Reopened (was {old.value})"
    if cleared:
        text += "; " + ", ".join(cleared)
    if reason:
        text += f": {reason}"
    _system_event(incident, at, text, EventKind.STATUS_CHANGE, author)


def change_severity(
    incident: Incident, severity: int, at: datetime, label: str, *, author: str | None = None
) -> None:
    if severity == incident.severity:
        raise ValidationError(f"the severity is already {label}", field="severity")
    direction = "raised" if severity < incident.severity else "lowered"
    old = incident.severity
    incident.severity = severity
    _system_event(
        incident,
        at,
        f"Severity {direction} from {old} to {label}",
        EventKind.SEVERITY_CHANGE,
        author,
    )


def assign_role(
    incident: Incident, role: str, person: str | None, at: datetime, *, author: str | None = None
) -> None:
    """Give a role to a person (``None`` clears it); responders and reviewers accumulate."""
    key = role_name(role)
    name = person.strip() if person else None
    title = key.replace("_", " ")
    if key in LIST_ROLE_NAMES:
        people: list[str] = getattr(incident.roles, key)
        if not name:
            raise ValidationError(f"name the person to add as {title[:-1]}", field="person")
        if name in people:
            raise ValidationError(f"{name} is already one of the {title}", field="person")
        people.append(name)
        text = f"{name} joined as {title[:-1]}"
    else:
        old = getattr(incident.roles, key)
        if old == name:
            raise ValidationError(f"{name} is already {title}", field="person")
        setattr(incident.roles, key, name)
        if name and old:
            text = f"{title.capitalize()} handed from {old} to {name}"
        elif name:
            text = f"{name} assigned as {title}"
        else:
            text = f"{old} is no longer {title}"
    _system_event(incident, at, text, EventKind.ROLE_CHANGE, author)


def next_action_key(incident: Incident) -> str:
    numbers = [
        int(m.group(1))
        for item in incident.action_items
        if (m := re.fullmatch(r"AI-0*(\d+)", item.key))
    ]
    return f"AI-{max(numbers, default=0) + 1}"


def default_due(horizon: Horizon, today: date, days: dict[Horizon, int] | None = None) -> date:
    return today + timedelta(days=(days or DEFAULT_HORIZON_DAYS)[horizon])


def add_action_item(
    incident: Incident,
    title: str,
    *,
    created_at: datetime,
    owner: str | None = None,
    due: date | None = None,
    priority: Priority = Priority.MEDIUM,
    horizon: Horizon | None = None,
    kind: ActionKind | None = None,
    factor: str | None = None,
    ticket: str | None = None,
    horizon_days: dict[Horizon, int] | None = None,
) -> ActionItem:
    if not title.strip():
        raise ValidationError("an action item needs a title", field="title")
    if factor and factor not in {f.name for f in incident.analysis.contributing_factors}:
        raise ValidationError(
            f"no contributing factor named {factor!r} on {incident.ref}", field="factor"
        )
    if due is None and horizon is not None:
        due = default_due(horizon, created_at.date(), horizon_days)
    item = ActionItem(
        key=next_action_key(incident),
        title=title.strip(),
        owner=owner,
        due=due,
        priority=priority,
        horizon=horizon,
        kind=kind,
        factor=factor,
        ticket=ticket,
        created_at=ensure_utc(created_at),
    )
    incident.action_items.append(item)
    return item


def find_action_item(incident: Incident, key: str) -> ActionItem:
    wanted = key.strip().upper()
    for item in incident.action_items:
        if item.key.upper() == wanted or _key_number(item.key) == _key_number(wanted):
            return item
    raise NotFoundError(f"{incident.ref} has no action item {key}", field="key")


def set_action_status(
    item: ActionItem, status: ActionStatus, at: datetime, *, reason: str | None = None
) -> None:
    """Move an action item; "won't do" must say why."""
    if status == ActionStatus.WONT_DO and not (reason and reason.strip()):
        raise ValidationError(
            "won't do needs a reason: say why it will not be done", field="reason"
        )
    item.status = status
    item.reason = reason.strip() if status == ActionStatus.WONT_DO and reason else None
    finished = status in (ActionStatus.DONE, ActionStatus.WONT_DO)
    item.completed_at = ensure_utc(at) if finished else None


def check_incident(incident: Incident, *, max_severity: int) -> None:
    """Whole-record checks for a record that arrives complete (import, API PUT)."""
    if not incident.title.strip():
        raise ValidationError("the title cannot be empty", field="title")
    if not 1 <= incident.severity <= max_severity:
        raise ValidationError(
            f"severity {incident.severity} is outside the scale 1..{max_severity}", field="severity"
        )
    check_milestones(incident.milestones)
    keys: set[str] = set()
    for index, item in enumerate(incident.action_items):
        if item.key in keys:
            raise ValidationError(
                f"action item key {item.key} is used twice", field=f"action_items[{index}].key"
            )
        keys.add(item.key)
        if item.status == ActionStatus.WONT_DO and not (item.reason and item.reason.strip()):
            raise ValidationError(
                f"{item.key} is won't do without a reason", field=f"action_items[{index}].reason"
            )


def _key_number(key: str) -> int | None:
    match = re.fullmatch(r"(?:AI-?)?0*(\d+)", key.strip().upper())
    return int(match.group(1)) if match else None


def remove_from_role(
    incident: Incident, role: str, person: str, at: datetime, *, author: str | None = None
) -> None:
    """Take a person off the responders or reviewers, recorded on the timeline."""
    key = role_name(role)
    title = key.replace("_", " ")
    if key not in LIST_ROLE_NAMES:
        raise ValidationError(f"{title} is a single role: assign someone else or nobody", field=key)
    people: list[str] = getattr(incident.roles, key)
    if person not in people:
        raise ValidationError(f"{person} is not one of the {title}", field="person")
    people.remove(person)
    _system_event(incident, at, f"{person} left the {title}", EventKind.ROLE_CHANGE, author)
