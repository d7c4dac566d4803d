"""How the CLI shows metrics and insights to a person (Rich)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from warroom.cli.app import console
from warroom.config import Settings
from warroom.domain.metrics import MetricValue
from warroom.domain.model import Incident
from warroom.domain.times import format_duration

VERDICT = {True: ("met", "green"), False: ("missed", "red"), None: ("", "")}


def metric_text(value: MetricValue) -> Text:
    """``4 min (target 5 min) met``, or what is missing."""
    if value.seconds is None:
        return Text(f"missing: {' and '.join(value.missing)} not recorded", style="dim")
    word, style = VERDICT[value.met]
    target = f" (target {format_duration(value.target_seconds)})" if value.target_seconds else ""
    return Text(f"{format_duration(value.seconds)}{target} {word}".rstrip(), style=style)


def metrics_table(incident: Incident, values: dict[str, MetricValue], settings: Settings) -> None:
    out = console()
    label = settings.scale.label(incident.severity)
    out.print(Text(f"{incident.ref}  {incident.title}  ({label})", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    for value in values.values():
        grid.add_row(value.definition.label, metric_text(value))
    out.print(grid)


def _duration(seconds: float | None) -> str:
    return format_duration(seconds) if seconds is not None else "—"


def _percent(share: float | None) -> str:
    return f"{share * 100:.0f}%" if share is not None else "—"


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def show_insights(data: dict[str, Any]) -> None:
    out = console()
    window = data["window"]
    span = f"{window['since'] or 'the beginning'} to {window['until'] or 'now'}"
    out.print(Text(f"{window['incidents']} incidents, {span}", style="bold"))
    _per_month(data["incidents_per_month"])
    services = _table("\nIncidents by service", "Service", "Incidents")
    for row in data["incidents_by_service"][:15]:
        services.add_row(row["service"], str(row["count"]))
    out.print(services)
    _metrics(data["metrics"])
    _targets(data["targets"])
    recurring = _table("\nRecurring", "Contributing factor", "Incidents", "Service", "Incidents")
    factors, names = data["recurring"]["factors"], data["recurring"]["services"]
    for index in range(max(len(factors), len(names))):
        left = factors[index] if index < len(factors) else {"name": "", "incidents": ""}
        right = names[index] if index < len(names) else {"name": "", "incidents": ""}
        recurring.add_row(
            left["name"], str(left["incidents"]), right["name"], str(right["incidents"])
        )
    out.print(recurring)
    _actions(data["action_items"])
    review = data["review"]
    out.print(
        Text("\nReviews: ", style="bold"),
        f"{review['approved']} of {review['resolved']} resolved incidents approved"
        f" ({_percent(review['approved_share'])}); median "
        f"{_days(review['median_days_to_approval'])} from resolution to approval;"
        f" {review['late']} late",
    )


def _days(days: float | None) -> str:
    return f"{days:g} days" if days is not None else "—"


def _per_month(rows: list[dict[str, Any]]) -> None:
    labels = sorted({(r["severity"], r["severity_label"]) for r in rows})
    table = _table("\nIncidents per month", "Month", *(label for _, label in labels), "Total")
    months: dict[str, dict[int, int]] = {}
    for row in rows:
        months.setdefault(row["month"], {})[row["severity"]] = row["count"]
    for month, counts in months.items():
        cells = [str(counts.get(level, "")) for level, _ in labels]
        table.add_row(month, *cells, str(sum(counts.values())))
    console().print(table)


def _metrics(metrics: dict[str, Any]) -> None:
    table = _table("\nMetrics (median / p90)", "Group", "Metric", "Count", "Median", "p90", "")
    for name, figure in metrics["overall"].items():
        table.add_row("all", name, *_figure(figure), "")
    for group in metrics["groups"]:
        warning = Text(group["warning"] or "", style="yellow")
        for name, figure in group["metrics"].items():
            table.add_row(group["label"], name, *_figure(figure), warning)
    console().print(table)


def _figure(figure: dict[str, Any]) -> list[str]:
    return [str(figure["count"]), _duration(figure["median"]), _duration(figure["p90"])]


def _targets(rows: list[dict[str, Any]]) -> None:
    table = _table("\nTargets met", "Severity", "Metric", "Target", "Met", "Share")
    for row in rows:
        for name, figure in row["metrics"].items():
            table.add_row(
                row["severity_label"],
                name,
                _duration(figure["target_seconds"]),
                f"{figure['met']}/{figure['measured']}",
                _percent(figure["share"]),
            )
    console().print(table)


def _actions(actions: dict[str, Any]) -> None:
    columns = ("Created", "Done", "Won't do", "Open", "Overdue", "Done rate", "Median open age")
    table = _table("\nAction items", "Owner / team", *columns)

    def add(name: str, row: dict[str, Any]) -> None:
        table.add_row(
            name,
            *(str(row[key]) for key in ("created", "done", "wont_do", "open", "overdue")),
            _percent(row["completion_rate"]),
            _days(row["median_open_age_days"]),
        )

    add("all", actions["overall"])
    for row in actions["by_team"]:
        add(f"team {row['team'] or '(no team)'}", row)
    for row in actions["by_owner"]:
        add(row["owner"] or "(no owner)", row)
    console().print(table)
    if actions["teams_note"]:
        console().print(Text(actions["teams_note"], style="dim"))
