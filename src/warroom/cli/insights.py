"""``warroom metrics`` (one incident) and ``warroom insights`` (trends across incidents)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from warroom.cli.app import app, context, print_json, settings

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def metrics(
    ref: Annotated[str, typer.Argument(help="The incident's reference.")],
    json_out: Json = False,
) -> None:
    """Response metrics of one incident, against the targets of its severity.

    A metric whose milestones are not recorded says which are missing; it is
    never shown as zero. JSON durations are seconds.
    """
    from warroom.cli.insight_views import metrics_table
    from warroom.services.metrics import get_incident_metrics, metrics_record

    incident, values = get_incident_metrics(context(), ref)
    if json_out:
        print_json(metrics_record(values))
    else:
        metrics_table(incident, values, settings())


@app.command()
def insights(
    since: Annotated[
        str | None, typer.Option(help="Incidents begun on or after (date or time).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Incidents begun before (date or time).")
    ] = None,
    by: Annotated[
        str | None, typer.Option(help="Metrics per group too: month, severity or service.")
    ] = None,
    json_out: Json = False,
    csv_out: Annotated[
        bool, typer.Option("--csv", help="Print every figure as CSV (section,group,...).")
    ] = False,
) -> None:
    """Trends across incidents: counts, metric medians and p90s, targets, recurrence, follow-up.

    Incidents per month (by severity) and per service; each metric's count,
    median and 90th percentile; targets met per severity; the contributing
    factors and services that recur; action items done, declined, open and
    overdue per owner and team; reviews approved, how fast, how many late.

    Example: warroom insights --since 2026-01-01 --by severity
    """
    from warroom.services.insights import get_insights

    data = get_insights(context(), since=since, until=until, by=by)
    if json_out:
        print_json(data)
    elif csv_out:
        from warroom.services.insights_tables import insights_csv

        sys.stdout.write(insights_csv(data))
    else:
        from warroom.cli.insight_views import show_insights

        show_insights(data)
