"""Editing an incident from a form: overview, roles, milestones, analysis sections.

Each function takes the whole form of one part of the incident, changes only
what differs from the stored incident, and saves through ``mutate`` with the
``expected_version`` the form was loaded at: a save based on an older version
is refused (StaleVersionError, listing what changed since) instead of
overwriting someone else's change. Every change is recorded on the timeline
(status, severity, roles, milestones) and in the audit log by ``mutate``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from warroom.domain import incident as rules
from warroom.domain.model import (
    LIST_ROLE_NAMES,
    ROLE_NAMES,
    EventKind,
    Incident,
    Source,
    TimelineEvent,
    Visibility,
)
from warroom.errors import ValidationError
from warroom.services.analysis_text import write_section
from warroom.services.context import Context, Outcome, read_time
from warroom.services.incidents import MAX_TITLE, mutate
from warroom.services.inputs import parse_choice
from warroom.services.ports import Viewer


@dataclass(frozen=True)
class Editor:
    """Who edits, and the version of the incident their form was loaded at."""

    expected_version: int | None
    viewer: Viewer | None
    author: str | None


@dataclass
class OverviewChange:
    title: str
    severity: str
    status: str
    summary: str = ""
    visibility: str = Visibility.PUBLIC.value
    reason: str = ""  # why it was reopened, when the status goes back


@dataclass
class RolesChange:
    single: dict[str, str] = field(default_factory=dict)  # commander -> name ("" clears)
    responders: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)


def _save(
    ctx: Context, ref: str, editor: Editor, change: Callable[[Incident], None], action: str
) -> Incident:
    incident, _ = mutate(
        ctx,
        ref,
        change,
        expected_version=editor.expected_version,
        viewer=editor.viewer,
        actor=editor.author,
        action=action,
    )
    return incident


def edit_overview(ctx: Context, ref: str, data: OverviewChange, editor: Editor) -> Outcome:
    """Title, one-line summary, severity, status (forward, or back by reopening), visibility."""
    title = data.title.strip()
    if not title:
        raise ValidationError("the title cannot be empty", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"the title is longer than {MAX_TITLE} characters", field="title")
    severity = ctx.settings.scale.parse(data.severity)
    status = rules.status_named(data.status)
    visibility = parse_choice(Visibility, data.visibility, "visibility")
    now = ctx.now()

    def change(incident: Incident) -> None:
        incident.title = title
        incident.summary = data.summary.strip() or None
        incident.visibility = visibility
        if severity != incident.severity:
            label = ctx.settings.scale.label(severity)
            rules.change_severity(incident, severity, now, label, author=editor.author)
        if status != incident.status:
            if status.is_open and not incident.status.is_open:
                rules.reopen(incident, now, author=editor.author, reason=data.reason or None)
                if status != incident.status:
                    rules.change_status(incident, status, now, author=editor.author)
            else:
                rules.change_status(incident, status, now, author=editor.author)

    return Outcome(_save(ctx, ref, editor, change, "update"))


def edit_roles(ctx: Context, ref: str, data: RolesChange, editor: Editor) -> Outcome:
    """Set every role at once; people leaving the responders or reviewers are noted too."""
    unknown = set(data.single) - set(ROLE_NAMES)
    if unknown:
        raise ValidationError(f"unknown role {sorted(unknown)[0]!r}", field="role")
    now = ctx.now()

    def change(incident: Incident) -> None:
        for role, person in data.single.items():
            name = person.strip() or None
            if getattr(incident.roles, role) != name:
                rules.assign_role(incident, role, name, now, author=editor.author)
        for role in LIST_ROLE_NAMES:
            wanted = _names(getattr(data, role))
            current: list[str] = getattr(incident.roles, role)
            for name in wanted:
                if name not in current:
                    rules.assign_role(incident, role, name, now, author=editor.author)
            for name in [n for n in current if n not in wanted]:
                current.remove(name)
                rules.add_event(
                    incident,
                    TimelineEvent(
                        at=now,
                        text=f"{name} is no longer one of the {role}",
                        kind=EventKind.ROLE_CHANGE,
                        source=Source.SYSTEM,
                        author=editor.author,
                    ),
                )
            current.sort(key=wanted.index)

    return Outcome(_save(ctx, ref, editor, change, "role"))


def edit_milestones(ctx: Context, ref: str, changes: dict[str, str], editor: Editor) -> Outcome:
    """Set the milestones typed (``""`` clears one); the order is checked on the result."""
    keys = {rules.milestone_name(name): text.strip() for name, text in changes.items()}
    notes: list[str] = []

    def change(incident: Incident) -> None:
        times = {
            key: (read_time(ctx, text, field=key, notes=notes, incident=incident) if text else None)
            for key, text in keys.items()
        }
        try:
            rules.check_milestones(replace(incident.milestones, **times))
        except ValidationError as exc:
            raise ValidationError(exc.message, field=(exc.field or "").split(".")[-1]) from None
        pending = dict(times)
        # One at a time, each in an order that keeps the milestones valid in between.
        while pending:
            for key, when in list(pending.items()):
                try:
                    rules.set_milestone(
                        incident, key, when, author=editor.author, recorded_at=ctx.now()
                    )
                except ValidationError:
                    continue
                del pending[key]
                break
            else:
                incident.milestones = replace(incident.milestones, **pending)
                break

    incident = _save(ctx, ref, editor, change, "milestone")
    return Outcome(incident, notes)


def edit_analysis(ctx: Context, ref: str, section: str, text: str, editor: Editor) -> Outcome:
    """Replace one analysis section (root cause, five whys, ...) with what was typed."""

    def change(incident: Incident) -> None:
        write_section(incident, section, text)

    return Outcome(_save(ctx, ref, editor, change, "analysis"))


def _names(values: list[str]) -> list[str]:
    """People named in a list field, split on commas and lines, each once."""
    names = [part.strip() for value in values for part in value.replace("\n", ",").split(",")]
    return list(dict.fromkeys(name for name in names if name))
