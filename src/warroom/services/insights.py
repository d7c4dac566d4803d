"""Trends across incidents: what ``warroom insights`` prints and the Insights page charts.

``get_insights`` returns plain JSON-ready data (docs/insights.md describes
every field); ``services.insights_tables`` turns it into the tables behind
each chart and CSV. The figures are computed by the database
(``ports.InsightsReader``): counts, medians and 90th percentiles (never
means), per group, with a warning where a group holds fewer than
``MIN_SAMPLE`` incidents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from warroom.domain.times import isoformat_utc, parse_time
from warroom.errors import ValidationError
from warroom.services.context import Context
from warroom.services.insight_ports import (
    ActionFigure,
    Figure,
    GroupBy,
    InsightsQuery,
    InsightsReader,
    ReviewFigure,
)
from warroom.services.ports import Viewer

MIN_SAMPLE = 5
GROUPINGS: tuple[GroupBy, ...] = ("month", "severity", "service")
TEAMS_NOTE = "no teams configured: set the 'teams' setting (owner = team) for per-team figures"


def insights_query(
    ctx: Context,
    *,
    since: str | datetime | None = None,
    until: str | datetime | None = None,
    viewer: Viewer | None = None,
    top: int = 10,
) -> InsightsQuery:
    """The query for incidents begun in ``[since, until)`` (dates or times, as typed)."""
    settings = ctx.settings
    return InsightsQuery(
        now=ctx.now(),
        since=_time(ctx, since, "since"),
        until=_time(ctx, until, "until"),
        viewer=viewer,
        metrics=settings.metric_definitions,
        targets=settings.metric_targets,
        deadlines=settings.review_deadlines,
        teams=dict(settings.teams),
        top=top,
    )


def get_insights(
    ctx: Context,
    *,
    since: str | datetime | None = None,
    until: str | datetime | None = None,
    by: str | None = None,
    viewer: Viewer | None = None,
) -> dict[str, Any]:
    """Every insight over the incidents ``viewer`` may see, begun in ``[since, until)``.

    ``by`` (``month``, ``severity`` or ``service``) adds per-group metric
    figures. Returns the JSON shape of docs/insights.md.
    """
    grouping = _grouping(by)
    query = insights_query(ctx, since=since, until=until, viewer=viewer)
    with ctx.read() as uow:
        reader = uow.insights
        per_month = reader.incidents_per_month(query)
        by_service = reader.group_sizes(query, "service")
        overall = reader.metric_figures(query, None)
        grouped = reader.metric_figures(query, grouping) if grouping else []
        sizes = reader.group_sizes(query, grouping) if grouping else {}
        targets = reader.target_figures(query)
        factors = reader.recurring(query, "factor")
        services = reader.recurring(query, "service")
        actions = _actions(reader, query)
        review = reader.review_figures(query)
    label = ctx.settings.scale.label
    names = [metric.name for metric in query.metrics]
    return {
        "window": {
            "since": isoformat_utc(query.since),
            "until": isoformat_utc(query.until),
            "by": grouping,
            "incidents": sum(count for _, _, count in per_month),
            "generated_at": isoformat_utc(query.now),
        },
        "incidents_per_month": [
            {"month": m, "severity": s, "severity_label": label(s), "count": n}
            for m, s, n in per_month
        ],
        "incidents_by_service": [
            {"service": name, "count": n}
            for name, n in sorted(by_service.items(), key=lambda kv: (-kv[1], str(kv[0])))
        ],
        "metrics": {
            "overall": _metric_map(names, {f.metric: f for f in overall}),
            "groups": _groups(grouping, names, grouped, sizes, label),
        },
        "targets": _targets(query, targets, label),
        "recurring": {
            "factors": [{"name": name, "incidents": n} for name, n in factors],
            "services": [{"name": name, "incidents": n} for name, n in services],
        },
        "action_items": actions,
        "review": _review(review),
    }


def _grouping(by: str | None) -> GroupBy | None:
    if by is None or by == "":
        return None
    for name in GROUPINGS:
        if by.strip().lower() == name:
            return name
    raise ValidationError(f"unknown grouping {by!r}; one of: {', '.join(GROUPINGS)}", field="by")


def _time(ctx: Context, value: str | datetime | None, field: str) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_time(value, default_zone=ctx.settings.zone, field=field).at


def _figure(figure: Figure | None) -> dict[str, Any]:
    count = figure.count if figure else 0
    return {
        "count": count,
        "median": _round(figure.median if figure else None),
        "p90": _round(figure.p90 if figure else None),
        "small_sample": count < MIN_SAMPLE,
    }


def _metric_map(names: list[str], figures: dict[str, Figure]) -> dict[str, dict[str, Any]]:
    """Every configured metric, measured or not (count 0)."""
    return {name: _figure(figures.get(name)) for name in names}


def _groups(
    grouping: GroupBy | None,
    names: list[str],
    figures: list[Figure],
    sizes: dict[Any, int],
    label: Any,
) -> list[dict[str, Any]]:
    if grouping is None:
        return []
    by_group: dict[Any, dict[str, Figure]] = {}
    for figure in figures:
        by_group.setdefault(figure.group, {})[figure.metric] = figure
    if grouping == "service":
        order = sorted(sizes, key=lambda g: (-sizes[g], str(g)))
    else:
        order = sorted(sizes, key=str if grouping == "month" else int)
    groups = []
    for group in order:
        size = sizes[group]
        groups.append(
            {
                "group": group,
                "label": label(group) if grouping == "severity" else str(group),
                "incidents": size,
                "warning": _small(size),
                "metrics": _metric_map(names, by_group.get(group, {})),
            }
        )
    return groups


def _small(size: int) -> str | None:
    if size >= MIN_SAMPLE:
        return None
    return f"only {size} incident{'s' if size != 1 else ''}: too few for the figures to mean much"


def _targets(query: InsightsQuery, figures: list[Any], label: Any) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for figure in figures:
        row = rows.setdefault(
            figure.severity,
            {"severity": figure.severity, "severity_label": label(figure.severity), "metrics": {}},
        )
        row["metrics"][figure.metric] = {
            "target_seconds": query.targets.get(figure.severity, {}).get(figure.metric),
            "measured": figure.measured,
            "met": figure.met,
            "share": _share(figure.met, figure.measured),
            "small_sample": figure.measured < MIN_SAMPLE,
        }
    return [rows[severity] for severity in sorted(rows)]


def _actions(reader: InsightsReader, query: InsightsQuery) -> dict[str, Any]:
    overall = reader.action_figures(query, "overall")
    teams = reader.action_figures(query, "team") if query.teams else []
    return {
        "overall": _action(overall[0] if overall else ActionFigure(None, 0, 0, 0, 0, 0, None)),
        "by_owner": [
            {"owner": f.group, **_action(f)} for f in reader.action_figures(query, "owner")
        ],
        "by_team": [{"team": f.group, **_action(f)} for f in teams],
        "teams_note": None if query.teams else TEAMS_NOTE,
    }


def _action(figure: ActionFigure) -> dict[str, Any]:
    age = figure.median_open_age_seconds
    return {
        "created": figure.created,
        "done": figure.done,
        "wont_do": figure.wont_do,
        "open": figure.open,
        "overdue": figure.overdue,
        # Won't-do items are counted apart: the rate is done / (created - won't do).
        "completion_rate": _share(figure.done, figure.created - figure.wont_do),
        "median_open_age_days": _round(age / 86400 if age is not None else None),
    }


def _review(figure: ReviewFigure) -> dict[str, Any]:
    delay = figure.median_seconds_to_approval
    return {
        "resolved": figure.resolved,
        "approved": figure.approved,
        "approved_share": _share(figure.approved, figure.resolved),
        "median_days_to_approval": _round(delay / 86400 if delay is not None else None),
        "late": figure.late,
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole > 0 else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
