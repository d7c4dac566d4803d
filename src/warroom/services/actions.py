"""Action items: add, update, list across incidents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from warroom.domain import incident as rules
from warroom.domain.model import ActionItem, ActionKind, ActionStatus, Horizon, Incident, Priority
from warroom.domain.times import parse_date
from warroom.errors import ValidationError
from warroom.services.context import Context
from warroom.services.incidents import mutate
from warroom.services.inputs import parse_action_status, parse_choice, parse_priority
from warroom.services.ports import ActionItemQuery, ActionItemRow, Viewer


@dataclass
class NewActionItem:
    title: str
    owner: str | None = None
    due: str | date | None = None
    priority: str | Priority = Priority.MEDIUM
    horizon: str | Horizon | None = None
    kind: str | ActionKind | None = None
    factor: str | None = None
    ticket: str | None = None


@dataclass
class ActionItemChange:
    """Only the fields given change; ``clear_due`` / ``clear_owner`` empty them."""

    title: str | None = None
    owner: str | None = None
    due: str | date | None = None
    priority: str | Priority | None = None
    status: str | ActionStatus | None = None
    reason: str | None = None
    ticket: str | None = None
    clear_owner: bool = False
    clear_due: bool = False


def add_action_item(
    ctx: Context,
    ref: str,
    data: NewActionItem,
    *,
    author: str | None = None,
    viewer: Viewer | None = None,
    expected_version: int | None = None,
) -> tuple[Incident, ActionItem]:
    """Add an action item; a horizon without a due date gives the default due date."""
    priority = (
        data.priority if isinstance(data.priority, Priority) else parse_priority(data.priority)
    )
    horizon = _as(Horizon, data.horizon, "horizon")
    kind = _as(ActionKind, data.kind, "kind")
    due = _as_date(data.due)

    def change(incident: Incident) -> ActionItem:
        return rules.add_action_item(
            incident,
            data.title,
            created_at=ctx.now(),
            owner=(data.owner or None),
            due=due,
            priority=priority,
            horizon=horizon,
            kind=kind,
            factor=data.factor,
            ticket=data.ticket,
            horizon_days=ctx.settings.horizons,
        )

    return mutate(
        ctx,
        ref,
        change,
        expected_version=expected_version,
        viewer=viewer,
        actor=author,
        action="action_item",
    )


def update_action_item(
    ctx: Context,
    ref: str,
    key: str,
    data: ActionItemChange,
    *,
    author: str | None = None,
    viewer: Viewer | None = None,
    expected_version: int | None = None,
) -> tuple[Incident, ActionItem]:
    status = data.status
    if isinstance(status, str):
        status = parse_action_status(status)
    priority = data.priority
    if isinstance(priority, str):
        priority = parse_priority(priority)
    due = _as_date(data.due)

    def change(incident: Incident) -> ActionItem:
        item = rules.find_action_item(incident, key)
        if data.title is not None:
            if not data.title.strip():
                raise ValidationError("an action item needs a title", field="title")
            item.title = data.title.strip()
        if data.owner is not None or data.clear_owner:
            item.owner = None if data.clear_owner else data.owner
        if due is not None or data.clear_due:
            item.due = None if data.clear_due else due
        if priority is not None:
            item.priority = priority
        if data.ticket is not None:
            item.ticket = data.ticket or None
        if status is not None:
            rules.set_action_status(item, status, ctx.now(), reason=data.reason)
        return item

    return mutate(
        ctx,
        ref,
        change,
        expected_version=expected_version,
        viewer=viewer,
        actor=author,
        action="action_item",
    )


def list_action_items(ctx: Context, query: ActionItemQuery) -> list[ActionItemRow]:
    with ctx.read() as uow:
        return uow.incidents.list_action_items(query)


def _as(
    cls: type[Horizon] | type[ActionKind], value: str | Horizon | ActionKind | None, field: str
) -> Any:
    if value is None or isinstance(value, cls):
        return value
    return parse_choice(cls, str(value), field)


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_date(value, field="due")
