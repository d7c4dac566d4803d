"""Follow-up figures across incidents, in SQL: action items and reviews.

Action items are those of the incidents in the insights window. "Open"
means open or in progress; "overdue" is open with a due date before the
query's day. Ages and delays are in seconds (``storage.percentiles`` gives
their medians). A review is late when it was approved after its deadline
(``sqlfunctions.review_due_epoch``), or is still not approved and the
deadline has passed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.engine import Connection

from warroom.domain.model import ActionStatus, ReviewStatus
from warroom.services.insight_ports import ActionFigure, ActionGroup, InsightsQuery, ReviewFigure
from warroom.storage.percentiles import percentile_stats
from warroom.storage.sqlfunctions import epoch_seconds, review_due_epoch
from warroom.storage.tables import action_items, incidents
from warroom.storage.window import in_window

OPEN = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _action_key(query: InsightsQuery, by: ActionGroup) -> ColumnElement[Any] | None:
    owner = action_items.c.owner
    if by == "owner":
        return owner
    if by == "team":
        teams = [(owner == name, team) for name, team in sorted(query.teams.items())]
        return case(*teams, else_=None)
    return None


def action_figures(
    connection: Connection, query: InsightsQuery, by: ActionGroup
) -> list[ActionFigure]:
    """Created / done / won't do / open / overdue and the median age of open items, per group."""
    if by == "team" and not query.teams:
        return []
    key = _action_key(query, by)
    keys = [key.label("grp")] if key is not None else []
    status = action_items.c.status
    is_open = status.in_(OPEN)
    joined = action_items.join(incidents, incidents.c.id == action_items.c.incident_id)
    counts = select(
        *keys,
        func.count(),
        _count_if(status == ActionStatus.DONE.value),
        _count_if(status == ActionStatus.WONT_DO.value),
        _count_if(is_open),
        _count_if(is_open & (action_items.c.due < query.now.date())),
    ).select_from(joined)
    counts = counts.where(*in_window(query))
    if keys:
        counts = counts.group_by(keys[0])
    ages = (
        select(
            *keys,
            (literal(_epoch(query)) - epoch_seconds(action_items.c.created_at)).label("value"),
        )
        .select_from(joined)
        .where(*in_window(query), is_open, action_items.c.created_at.is_not(None))
        .subquery("ages")
    )
    median_age = {
        stat.group[0] if keys else None: stat.values[0]
        for stat in percentile_stats(connection, ages, ["grp"] if keys else [], fractions=(0.5,))
    }
    figures = []
    for row in connection.execute(counts):
        group = row[0] if keys else None
        created, done, wont_do, still_open, overdue = (int(v or 0) for v in row[len(keys) :])
        figures.append(
            ActionFigure(group, created, done, wont_do, still_open, overdue, median_age.get(group))
        )
    figures.sort(key=lambda f: (-f.open, -f.created, f.group or ""))
    return figures


def review_figures(connection: Connection, query: InsightsQuery) -> ReviewFigure:
    """Resolved incidents, how many approved, how fast, and how many late."""
    resolved = incidents.c.resolved_at
    approved = incidents.c.review_status == ReviewStatus.APPROVED.value
    due = review_due_epoch(incidents.c.severity, resolved, query.deadlines)
    late: ColumnElement[int] = literal(0)
    if due is not None:
        approved_late = approved & (epoch_seconds(incidents.c.approved_at) > due)
        overdue = ~approved & (literal(_epoch(query)) > due)
        late = _count_if(due.is_not(None) & (approved_late | overdue))
    window = [*in_window(query), resolved.is_not(None)]
    counts = select(func.count(), _count_if(approved), late).where(*window)
    delays = (
        select((epoch_seconds(incidents.c.approved_at) - epoch_seconds(resolved)).label("value"))
        .where(*window, approved, incidents.c.approved_at >= resolved)
        .subquery("delays")
    )
    total, approved_count, late_count = connection.execute(counts).one()
    (stat,) = percentile_stats(connection, delays, [], fractions=(0.5,))
    return ReviewFigure(int(total), int(approved_count or 0), stat.values[0], int(late_count or 0))


def _epoch(query: InsightsQuery) -> int:
    return int(query.now.timestamp())
