"""Action items, communications and links of one incident, edited from forms.

Adding an item is an intent ("add this"): it overwrites nothing, so it is
applied on top of whatever version is stored. Changing or removing an
existing item carries the ``expected_version`` of the form and is refused
when the incident changed since (StaleVersionError, with what changed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from warroom.domain import incident as rules
from warroom.domain.model import (
    Audience,
    Communication,
    Incident,
    Link,
    LinkKind,
)
from warroom.domain.times import ensure_utc, parse_date
from warroom.errors import ValidationError
from warroom.services import actions
from warroom.services.actions import ActionItemChange, NewActionItem
from warroom.services.context import Context, Outcome, read_time
from warroom.services.editing import Editor
from warroom.services.incidents import mutate
from warroom.services.inputs import parse_action_status, parse_choice, parse_priority

MAX_TEXT = 2000


@dataclass
class NewCommunication:
    summary: str
    at: str = ""
    audience: str = Audience.INTERNAL.value
    channel: str = ""


@dataclass
class NewLink:
    url: str
    title: str = ""
    kind: str = LinkKind.OTHER.value


def _save(
    ctx: Context, ref: str, change: Callable[[Incident], object], editor: Editor, action: str
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


def add_action_item(ctx: Context, ref: str, data: NewActionItem, editor: Editor) -> Outcome:
    """A new action item (AI-n) from a form: blank fields are not given."""

    def given(value: object) -> str | None:
        return str(value).strip() or None if value is not None else None

    cleaned = NewActionItem(
        title=data.title,
        owner=given(data.owner),
        due=data.due if isinstance(data.due, date) else given(data.due),
        priority=str(data.priority),
        horizon=given(data.horizon),
        kind=given(data.kind),
        factor=given(data.factor),
        ticket=given(data.ticket),
    )
    # An addition overwrites nothing, so it is not refused for a newer version.
    incident, _ = actions.add_action_item(
        ctx, ref, cleaned, author=editor.author, viewer=editor.viewer
    )
    return Outcome(incident)


def edit_action_item(
    ctx: Context, ref: str, key: str, data: ActionItemChange, editor: Editor
) -> Outcome:
    """Change an action item's title, owner, due date, priority, status (won't do: a reason)."""
    status = parse_action_status(str(data.status)) if data.status else None
    priority = parse_priority(str(data.priority)) if data.priority else None
    due = _date(data.due)
    reason = (data.reason or "").strip() or None
    now = ctx.now()

    def change(incident: Incident) -> None:
        item = rules.find_action_item(incident, key)
        if data.title is not None:
            if not data.title.strip():
                raise ValidationError("an action item needs a title", field="title")
            item.title = data.title.strip()
        if data.owner is not None:
            item.owner = data.owner.strip() or None
        if data.due is not None:
            item.due = due
        if priority is not None:
            item.priority = priority
        if data.ticket is not None:
            item.ticket = data.ticket.strip() or None
        if status is not None and (status != item.status or reason != item.reason):
            rules.set_action_status(item, status, now, reason=reason)

    return Outcome(_save(ctx, ref, change, editor, "action_item"))


def add_communication(ctx: Context, ref: str, data: NewCommunication, editor: Editor) -> Outcome:
    """Record a message sent (internal or external), kept in time order."""
    summary = _text(data.summary, "summary")
    audience = parse_choice(Audience, data.audience, "audience")
    notes: list[str] = []

    def change(incident: Incident) -> None:
        at = read_time(ctx, data.at.strip() or None, field="at", notes=notes, incident=incident)
        entry = Communication(ensure_utc(at), summary, audience, data.channel.strip() or None)
        incident.communications.append(entry)
        incident.communications.sort(key=lambda c: c.at or at)

    intent = Editor(None, editor.viewer, editor.author)
    return Outcome(_save(ctx, ref, change, intent, "communication"), notes)


def add_link(ctx: Context, ref: str, data: NewLink, editor: Editor) -> Outcome:
    """Link a dashboard, log search, ticket, pull request... (http or https only)."""
    url = data.url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError("give a full http:// or https:// address", field="url")
    kind = parse_choice(LinkKind, data.kind, "kind")
    link = Link(url, data.title.strip() or None, kind)

    def change(incident: Incident) -> None:
        incident.links.append(link)

    intent = Editor(None, editor.viewer, editor.author)
    return Outcome(_save(ctx, ref, change, intent, "link"))


def remove_entry(ctx: Context, ref: str, part: str, index: int, editor: Editor) -> Outcome:
    """Remove the communication or link at ``index`` (as the form showed it)."""
    if part not in ("communications", "links"):
        raise ValidationError(f"cannot remove from {part!r}", field="part")

    def change(incident: Incident) -> None:
        entries: list[object] = getattr(incident, part)
        if not 0 <= index < len(entries):
            raise ValidationError(f"there is no entry {index + 1} in {part}", field="index")
        del entries[index]

    return Outcome(_save(ctx, ref, change, editor, part))


def _text(value: str, field: str) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(f"the {field} cannot be empty", field=field)
    if len(text) > MAX_TEXT:
        raise ValidationError(f"the {field} is longer than {MAX_TEXT} characters", field=field)
    return text


def _date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_date(value, field="due") if value.strip() else None
