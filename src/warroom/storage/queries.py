"""Lists across incidents, read from the scalar columns and child tables only.

``list_incidents`` never loads a whole record: one query for the page (with
the commander joined in) and one for the services of that page, both on
indexed columns, so it stays fast on 100k incidents. Pages are cut by keyset
on (created_at, ref), newest first: a page never repeats or skips a row when
incidents are added between two pages.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true, tuple_
from sqlalchemy.engine import Connection

from warroom.domain.model import ActionStatus, IncidentStatus, ReviewStatus, Visibility
from warroom.errors import ValidationError
from warroom.services.ports import (
    ActionItemQuery,
    ActionItemRow,
    IncidentQuery,
    IncidentSummary,
    Page,
    Viewer,
)
from warroom.storage.mapping import action_item_from_row
from warroom.storage.tables import action_items, incident_roles, incident_services, incidents

OPEN_ACTION_STATUSES = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
# PostgreSQL binds integers as INTEGER (32 bits) and refuses larger ones where
# SQLite would simply match nothing: keep what callers pass within range.
INT32_MAX = 2**31 - 1


def _limit(limit: int) -> int:
    if limit < 1:
        raise ValidationError("limit must be at least 1", field="limit")
    return min(limit, INT32_MAX - 1)


def visible_to(viewer: Viewer | None) -> ColumnElement[bool]:
    """The condition on ``incidents`` rows that ``viewer`` may see.

    No viewer (the local CLI) and admins see everything; anyone else sees
    public incidents and the private ones that name them in a role.
    """
    if viewer is None or viewer.is_admin:
        return true()
    named = exists().where(
        incident_roles.c.incident_id == incidents.c.id,
        incident_roles.c.person == viewer.name,
    )
    return or_(incidents.c.visibility == Visibility.PUBLIC.value, named)


def list_incidents(connection: Connection, query: IncidentQuery) -> Page:
    """One page of incident summaries matching ``query``, newest first."""
    limit = _limit(query.limit)
    commander = incident_roles.alias("commander")
    # Every column but the record: a list never reads the JSON.
    columns = [column for column in incidents.c if column.name != "record"]
    statement = (
        select(*columns, commander.c.person.label("commander"))
        .outerjoin(
            commander,
            and_(
                commander.c.incident_id == incidents.c.id,
                commander.c.role == "commander",
                commander.c.position == 0,
            ),
        )
        .where(*_incident_filters(query))
        .order_by(incidents.c.created_at.desc(), incidents.c.ref.desc())
        .limit(limit + 1)
    )
    rows = connection.execute(statement).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    services: dict[int, list[str]] = defaultdict(list)
    if rows:
        names = (
            select(incident_services.c.incident_id, incident_services.c.name)
            .where(incident_services.c.incident_id.in_([row["id"] for row in rows]))
            .order_by(incident_services.c.incident_id, incident_services.c.position)
        )
        for incident_id, name in connection.execute(names):
            services[incident_id].append(name)
    items = [
        IncidentSummary(
            ref=row["ref"],
            title=row["title"],
            severity=row["severity"],
            status=IncidentStatus(row["status"]),
            review_status=ReviewStatus(row["review_status"]),
            visibility=Visibility(row["visibility"]),
            services=tuple(services[row["id"]]),
            commander=row["commander"],
            started=row["started_at"],
            resolved=row["resolved_at"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
        for row in rows
    ]
    return Page(items=items, next=items[-1].ref if more and items else None)


def _incident_filters(query: IncidentQuery) -> list[ColumnElement[bool]]:
    filters = [visible_to(query.viewer)]
    if query.statuses:
        filters.append(incidents.c.status.in_([status.value for status in query.statuses]))
    if query.severities:
        severities = [s for s in query.severities if -INT32_MAX <= s <= INT32_MAX]
        filters.append(incidents.c.severity.in_(severities))
    if query.service is not None:
        filters.append(
            exists().where(
                incident_services.c.incident_id == incidents.c.id,
                incident_services.c.name == query.service,
            )
        )
    began = func.coalesce(incidents.c.started_at, incidents.c.created_at)
    if query.since is not None:
        filters.append(began >= query.since)
    if query.until is not None:
        filters.append(began < query.until)
    if query.after is not None:
        cursor = incidents.alias("cursor")
        created = select(cursor.c.created_at).where(cursor.c.ref == query.after).scalar_subquery()
        # A row value comparison, so both databases seek in the (created_at, ref) index.
        filters.append(
            tuple_(incidents.c.created_at, incidents.c.ref) < tuple_(created, query.after)
        )
    return filters


def list_action_items(connection: Connection, query: ActionItemQuery) -> list[ActionItemRow]:
    """Action items across incidents, soonest due first (undated last), then by incident."""
    limit = _limit(query.limit)
    statement = (
        select(
            action_items,
            incidents.c.ref.label("incident_ref"),
            incidents.c.title.label("incident_title"),
        )
        .join_from(action_items, incidents, action_items.c.incident_id == incidents.c.id)
        .where(visible_to(query.viewer))
        .order_by(
            action_items.c.due.asc().nulls_last(),
            incidents.c.ref,
            action_items.c.position,
        )
        .limit(limit)
    )
    if query.owner is not None:
        statement = statement.where(action_items.c.owner == query.owner)
    if query.statuses:
        statement = statement.where(
            action_items.c.status.in_([status.value for status in query.statuses])
        )
    if query.overdue_on is not None:
        statement = statement.where(
            action_items.c.due < query.overdue_on,
            action_items.c.status.in_(OPEN_ACTION_STATUSES),
        )
    if query.ref is not None:
        statement = statement.where(incidents.c.ref == query.ref)
    return [
        ActionItemRow(row["incident_ref"], row["incident_title"], action_item_from_row(row))
        for row in connection.execute(statement).mappings()
    ]
