"""Use cases of an incident's life: declare, record, change, read.

Each public function opens one unit of work, applies a domain rule and
commits, so a change lands whole or not at all. Changes made from the CLI
(an intent: "add this entry") are retried when another process wrote in
between; changes that carry the ``expected_version`` the caller saw (the
API, the web form, the editor loop) are refused instead, with what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from warroom.domain import incident as rules
from warroom.domain import review as review_rules
from warroom.domain.audit import diff_records
from warroom.domain.model import (
    EventKind,
    Incident,
    IncidentStatus,
    Phase,
    ServiceImpact,
    Source,
    TimelineEvent,
    Visibility,
)
from warroom.domain.record import to_record
from warroom.domain.refs import validate_ref
from warroom.errors import ConflictError, NotFoundError, StaleVersionError, ValidationError
from warroom.services.audit import changes_since, log_changes, record_write
from warroom.services.context import Context, Outcome, read_time
from warroom.services.events import changes_between, record_events, snapshot
from warroom.services.ports import IncidentQuery, Page, UnitOfWork, Viewer

T = TypeVar("T")
_RETRIES = 5
MAX_TITLE = 200


@dataclass
class DeclareIncident:
    """What declaring needs; times are as typed (``None``: now)."""

    title: str
    severity: str | int
    services: list[str] = field(default_factory=list)
    commander: str | None = None
    summary: str | None = None
    started_at: str | datetime | None = None
    detected_at: str | datetime | None = None
    detection_source: str | None = None
    visibility: Visibility = Visibility.PUBLIC
    author: str | None = None


@dataclass
class NewTimelineEvent:
    text: str
    at: str | datetime | None = None
    kind: EventKind = EventKind.OBSERVATION
    phase: Phase | None = None
    author: str | None = None
    link: str | None = None
    source: Source = Source.MANUAL


def check_visible(incident: Incident, viewer: Viewer | None) -> None:
    """Private incidents do not exist for those who are not in them."""
    if viewer is None or viewer.is_admin or incident.visibility is Visibility.PUBLIC:
        return
    if viewer.name not in incident.participants:
        raise NotFoundError(f"no incident {incident.ref}", field="ref")


def get_incident(ctx: Context, ref: str, *, viewer: Viewer | None = None) -> Incident:
    with ctx.read() as uow:
        incident = uow.incidents.get(validate_ref(ref))
    check_visible(incident, viewer)
    return incident


def list_incidents(ctx: Context, query: IncidentQuery) -> Page:
    with ctx.read() as uow:
        return uow.incidents.list_incidents(query)


def declare_incident(ctx: Context, data: DeclareIncident) -> Outcome:
    """Open a new incident with a fresh reference; the timeline starts with the declaration."""
    outcome = build_incident(ctx, data)
    with ctx.uow() as uow:
        store_new_incident(ctx, uow, outcome.incident, author=data.author)
        uow.commit()
    return outcome


def build_incident(ctx: Context, data: DeclareIncident) -> Outcome:
    """The incident ``data`` declares, checked, in memory, without a reference yet."""
    notes: list[str] = []
    title = data.title.strip()
    if not title:
        raise ValidationError("the title cannot be empty", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"the title is longer than {MAX_TITLE} characters", field="title")
    severity = ctx.settings.scale.parse(data.severity)
    now = ctx.now()
    started = read_time(ctx, data.started_at, field="started_at", notes=notes)
    detected = (
        read_time(ctx, data.detected_at, field="detected_at", notes=notes)
        if data.detected_at is not None
        else None
    )
    declared = max(now, started)
    incident = Incident(
        ref="",
        title=title,
        severity=severity,
        summary=(data.summary or "").strip() or None,
        services=[ServiceImpact(name.strip()) for name in _unique(data.services) if name.strip()],
        detection_source=data.detection_source,
        visibility=data.visibility,
        created_at=now,
        updated_at=now,
    )
    label = ctx.settings.scale.label(severity)
    rules.set_milestone(incident, "started", started, author=data.author)
    if detected is not None:
        rules.set_milestone(incident, "detected", detected, author=data.author)
    rules.set_milestone(incident, "declared", declared, author=data.author)
    rules.add_event(
        incident,
        TimelineEvent(
            at=declared,
            text=f"Incident declared: {title} ({label})",
            kind=EventKind.STATUS_CHANGE,
            phase=Phase.RESPONSE,
            source=Source.SYSTEM,
            author=data.author,
        ),
    )
    if data.commander:
        rules.assign_role(incident, "commander", data.commander, declared, author=data.author)
    return Outcome(incident, notes)


def store_new_incident(
    ctx: Context, uow: UnitOfWork, incident: Incident, *, author: str | None
) -> None:
    """Give a built incident its reference and add it, with its audit entry and events."""
    incident.ref = allocate_ref(ctx, uow, incident.milestones.started or ctx.now())
    uow.incidents.add(incident)
    record_write(ctx, uow, None, incident, actor=author, action="declare")
    record_events(uow, ctx.settings, changes_between(None, incident, ctx.now()))


def allocate_ref(ctx: Context, uow: UnitOfWork, day: datetime) -> str:
    """The next free reference for an incident that started on ``day``."""
    style = ctx.settings.style
    local_day = day.astimezone(ctx.settings.zone).date()
    for _ in range(1000):  # skip numbers already taken by imported incidents
        number = uow.incidents.next_sequence(style.scope(local_day))
        ref = style.format(local_day, number, ctx.settings.ref_prefix)
        if not uow.incidents.exists(ref):
            return ref
    raise ConflictError(f"no free reference left for {local_day}", field="ref")


def mutate(
    ctx: Context,
    ref: str,
    change: Callable[[Incident], T],
    *,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
    actor: str | None = None,
    action: str = "update",
) -> tuple[Incident, T]:
    """Load, change, save: the one way services write an existing incident.

    The write and its audit entry (``actor``, ``action`` and each changed
    field) land together. A change that changes nothing writes nothing. With
    ``expected_version``, a newer stored version is a StaleVersionError
    listing the changes made since.
    """
    key = validate_ref(ref)
    for _ in range(_RETRIES):
        try:
            with ctx.uow() as uow:
                incident = uow.incidents.get(key)
                check_visible(incident, viewer)
                stored = incident.version
                if expected_version is not None and stored != expected_version:
                    raise StaleVersionError(
                        f"{key} was changed by someone else (you had version "
                        f"{expected_version}, it is now {stored}); reload and try again",
                        expected=expected_version,
                        actual=stored,
                        changes=changes_since(uow, key, expected_version),
                    )
                before = to_record(incident)
                before_events = snapshot(incident)
                result = change(incident)
                review_rules.record_edit_after_approval(incident, before, ctx.now())
                changes = diff_records(before, to_record(incident))
                if not changes:
                    return incident, result
                incident.updated_at = ctx.now()
                try:
                    uow.incidents.save(incident, expected_version=stored)
                except StaleVersionError as exc:
                    if expected_version is not None:
                        exc.changes = changes_since(uow, key, expected_version)
                    raise
                log_changes(ctx, uow, incident, changes, actor=actor, action=action)
                events = changes_between(before_events, incident, ctx.now())
                record_events(uow, ctx.settings, events)
                uow.commit()
                return incident, result
        except StaleVersionError:
            if expected_version is not None:
                raise
    raise ConflictError(f"{key} is being changed by others right now; try again", field="ref")


def change_at(
    ctx: Context,
    ref: str,
    at: str | datetime | None,
    apply: Callable[[Incident, datetime], None],
    *,
    action: str,
    author: str | None,
    expected_version: int | None,
    viewer: Viewer | None,
    field: str = "at",
) -> Outcome:
    """A change that happens at a typed time: read it on the incident's date, apply, save."""
    notes: list[str] = []

    def change(incident: Incident) -> None:
        apply(incident, read_time(ctx, at, field=field, notes=notes, incident=incident))

    incident, _ = mutate(
        ctx,
        ref,
        change,
        expected_version=expected_version,
        viewer=viewer,
        actor=author,
        action=action,
    )
    return Outcome(incident, notes)


def add_timeline_event(
    ctx: Context,
    ref: str,
    data: NewTimelineEvent,
    *,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Append an entry; it lands in time order."""

    def apply(incident: Incident, at: datetime) -> None:
        event = TimelineEvent(
            at=at,
            text=data.text.strip(),
            kind=data.kind,
            phase=data.phase,
            source=data.source,
            author=data.author,
            link=data.link,
        )
        rules.add_event(incident, event)

    return change_at(
        ctx,
        ref,
        data.at,
        apply,
        action="timeline",
        author=data.author,
        expected_version=expected_version,
        viewer=viewer,
    )


def change_status(
    ctx: Context,
    ref: str,
    status: str | IncidentStatus,
    *,
    at: str | datetime | None = None,
    author: str | None = None,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Move the status forward (monitoring, resolved and closed set their milestone)."""
    new = status if isinstance(status, IncidentStatus) else rules.status_named(status)
    return change_at(
        ctx,
        ref,
        at,
        lambda incident, when: rules.change_status(incident, new, when, author=author),
        action="status",
        author=author,
        expected_version=expected_version,
        viewer=viewer,
    )


def reopen_incident(
    ctx: Context,
    ref: str,
    *,
    at: str | datetime | None = None,
    reason: str | None = None,
    author: str | None = None,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Reopen a resolved or closed incident, on the timeline."""

    def apply(incident: Incident, when: datetime) -> None:
        rules.reopen(incident, when, author=author, reason=reason)

    return change_at(
        ctx,
        ref,
        at,
        apply,
        action="reopen",
        author=author,
        expected_version=expected_version,
        viewer=viewer,
    )


def set_milestone(
    ctx: Context,
    ref: str,
    name: str,
    at: str | datetime | None,
    *,
    author: str | None = None,
    clear: bool = False,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Set, move or (``clear``) remove one milestone; the order is checked."""
    key = rules.milestone_name(name)

    def apply(incident: Incident, when: datetime) -> None:
        moment = None if clear else when
        rules.set_milestone(incident, key, moment, author=author, recorded_at=ctx.now())

    return change_at(
        ctx,
        ref,
        None if clear else at,
        apply,
        action="milestone",
        author=author,
        expected_version=expected_version,
        viewer=viewer,
        field=key,
    )


def change_severity(
    ctx: Context,
    ref: str,
    severity: str | int,
    *,
    at: str | datetime | None = None,
    author: str | None = None,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Raise or lower the severity, on the timeline."""
    level = ctx.settings.scale.parse(severity)
    label = ctx.settings.scale.label(level)

    def apply(incident: Incident, when: datetime) -> None:
        rules.change_severity(incident, level, when, label, author=author)

    return change_at(
        ctx,
        ref,
        at,
        apply,
        action="severity",
        author=author,
        expected_version=expected_version,
        viewer=viewer,
    )


def assign_role(
    ctx: Context,
    ref: str,
    role: str,
    person: str | None,
    *,
    author: str | None = None,
    expected_version: int | None = None,
    viewer: Viewer | None = None,
) -> Outcome:
    """Give a role to a person (responders and reviewers accumulate), on the timeline."""
    rules.role_name(role)  # refuse an unknown role before touching the database

    def apply(incident: Incident, when: datetime) -> None:
        rules.assign_role(incident, role, person, when, author=author)

    return change_at(
        ctx,
        ref,
        None,
        apply,
        action="role",
        author=author,
        expected_version=expected_version,
        viewer=viewer,
    )


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
