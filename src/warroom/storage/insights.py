"""Trends across incidents, aggregated by the database (``ports.InsightsReader``).

Every figure is one SQL statement over the scalar columns and child tables:
incidents per month and severity, group sizes, recurring factors and
services, metric percentiles (``storage.percentiles``) and targets met.
Action item and review figures are in ``storage.insights_followup``. The
incidents counted are those ``query.viewer`` may see whose start (else
creation) is in ``[since, until)``.
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import ColumnElement, String, case, func, literal, select, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.sql.selectable import Select

from warroom.services.insight_ports import (
    ActionFigure,
    ActionGroup,
    Figure,
    GroupBy,
    InsightsQuery,
    ReviewFigure,
    TargetFigure,
)
from warroom.storage import insights_followup
from warroom.storage.errors import translate_errors
from warroom.storage.percentiles import percentile_stats
from warroom.storage.sqlfunctions import epoch_seconds, month_of
from warroom.storage.tables import contributing_factors, incident_services, incidents
from warroom.storage.window import began, in_window


def _group_key(by: GroupBy) -> ColumnElement[Any]:
    if by == "month":
        return month_of(began())
    if by == "severity":
        return incidents.c.severity
    return incident_services.c.name


def _grouped(statement: Select[Any], by: GroupBy | None) -> Select[Any]:
    if by == "service":
        return statement.join(incident_services, incident_services.c.incident_id == incidents.c.id)
    return statement


class SqlInsights:
    """``ports.InsightsReader`` on one open connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._url = connection.engine.url

    def incidents_per_month(self, query: InsightsQuery) -> list[tuple[str, int, int]]:
        month = month_of(began()).label("month")
        statement = (
            select(month, incidents.c.severity, func.count())
            .where(*in_window(query))
            .group_by(month, incidents.c.severity)
            .order_by(month, incidents.c.severity)
        )
        with translate_errors(self._url):
            return [(m, s, n) for m, s, n in self._connection.execute(statement)]

    def group_sizes(self, query: InsightsQuery, by: GroupBy) -> dict[str | int, int]:
        key = _group_key(by).label("grp")
        statement = _grouped(
            select(key, func.count(incidents.c.id.distinct())).select_from(incidents), by
        )
        statement = statement.where(*in_window(query)).group_by(key)
        with translate_errors(self._url):
            return {grp: count for grp, count in self._connection.execute(statement)}

    def recurring(
        self, query: InsightsQuery, what: Literal["factor", "service"]
    ) -> list[tuple[str, int]]:
        table = contributing_factors if what == "factor" else incident_services
        count = func.count(table.c.incident_id.distinct())
        statement = (
            select(table.c.name, count)
            .join(incidents, incidents.c.id == table.c.incident_id)
            .where(*in_window(query))
            .group_by(table.c.name)
            .having(count >= 2)
            .order_by(count.desc(), table.c.name)
            .limit(query.top)
        )
        with translate_errors(self._url):
            return [(name, n) for name, n in self._connection.execute(statement)]

    def metric_figures(self, query: InsightsQuery, by: GroupBy | None) -> list[Figure]:
        if not query.metrics:
            return []
        values = union_all(*self._metric_values(query, by)).subquery("metric_values")
        groups = ["metric", "grp"] if by else ["metric"]
        with translate_errors(self._url):
            stats = percentile_stats(self._connection, values, groups)
        return [
            Figure(
                metric=stat.group[0],
                group=stat.group[1] if by else None,
                count=stat.count,
                median=stat.values[0],
                p90=stat.values[1],
            )
            for stat in stats
        ]

    def target_figures(self, query: InsightsQuery) -> list[TargetFigure]:
        branches = []
        for metric in query.metrics:
            whens = [
                (incidents.c.severity == level, targets[metric.name])
                for level, targets in sorted(query.targets.items())
                if metric.name in targets
            ]
            if not whens:
                continue
            start, end = (incidents.c[f"{metric.start}_at"], incidents.c[f"{metric.end}_at"])
            seconds = epoch_seconds(end) - epoch_seconds(start)
            branches.append(
                select(
                    incidents.c.severity.label("severity"),
                    literal(metric.name, String).label("metric"),
                    func.count().label("measured"),
                    func.sum(case((seconds <= case(*whens), 1), else_=0)).label("met"),
                )
                .where(
                    *in_window(query), start.is_not(None), end >= start, case(*whens).is_not(None)
                )
                .group_by(incidents.c.severity)
            )
        if not branches:
            return []
        rows = union_all(*branches).subquery("targets")
        statement = select(rows).order_by(rows.c.severity, rows.c.metric)
        with translate_errors(self._url):
            return [
                TargetFigure(severity, metric, measured, int(met or 0))
                for severity, metric, measured, met in self._connection.execute(statement)
            ]

    def action_figures(self, query: InsightsQuery, by: ActionGroup) -> list[ActionFigure]:
        with translate_errors(self._url):
            return insights_followup.action_figures(self._connection, query, by)

    def review_figures(self, query: InsightsQuery) -> ReviewFigure:
        with translate_errors(self._url):
            return insights_followup.review_figures(self._connection, query)

    def _metric_values(self, query: InsightsQuery, by: GroupBy | None) -> list[Select[Any]]:
        branches = []
        for metric in query.metrics:
            start, end = incidents.c[f"{metric.start}_at"], incidents.c[f"{metric.end}_at"]
            columns: list[ColumnElement[Any]] = [
                literal(metric.name, String).label("metric"),
                (epoch_seconds(end) - epoch_seconds(start)).label("value"),
            ]
            if by:
                columns.append(_group_key(by).label("grp"))
            branch = select(*columns).select_from(incidents)
            branch = _grouped(branch, by).where(
                *in_window(query), start.is_not(None), end.is_not(None), end >= start
            )
            branches.append(branch)
        return branches
