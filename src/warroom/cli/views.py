"""How the CLI shows incidents, timelines and action items to a person (Rich)."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.table import Table
from rich.text import Text

from warroom.cli.app import console
from warroom.config import Settings
from warroom.domain.metrics import compute_metrics
from warroom.domain.model import ActionStatus, Incident
from warroom.domain.times import format_duration, format_utc
from warroom.services.ports import ActionItemRow, Page
from warroom.services.records import summary_record as summary_record  # re-exported
from warroom.services.related import RelatedIncident

SEVERITY_STYLE = {1: "bold red", 2: "red", 3: "yellow", 4: "cyan"}


def _severity(level: int, settings: Settings) -> Text:
    return Text(settings.scale.label(level), style=SEVERITY_STYLE.get(level, ""))


def _age(start: datetime | None, end: datetime | None) -> str:
    if start is None:
        return ""
    return format_duration(((end or datetime.now(UTC)) - start).total_seconds())


def incident_table(page: Page, settings: Settings) -> None:
    if not page.items:
        console().print("No incidents match.")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Ref", "Sev", "Status"):
        table.add_column(column, no_wrap=True)
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Services", ratio=1, overflow="fold")
    table.add_column("Started (UTC)", no_wrap=True)
    table.add_column("Lasted", no_wrap=True)
    for row in page.items:
        started = row.started.strftime("%Y-%m-%d %H:%M") if row.started else ""
        table.add_row(
            row.ref,
            _severity(row.severity, settings),
            row.status.value,
            row.title,
            ", ".join(row.services),
            started,
            _age(row.started, row.resolved),
        )
    console().print(table)
    if page.next:
        console().print(f"[dim]More: warroom list --after {page.next}[/dim]")


def timeline_table(incident: Incident) -> None:
    table = Table(title=f"{incident.ref} timeline (UTC)", show_edge=False, header_style="bold")
    table.add_column("Time", no_wrap=True)
    for column in ("Kind", "Phase", "Entry", "By"):
        table.add_column(column, overflow="fold")
    for event in incident.timeline:
        text = event.text if not event.link else f"{event.text} ({event.link})"
        style = "dim" if event.source.value == "system" else ""
        table.add_row(
            format_utc(event.at),
            event.kind.value,
            event.phase.value if event.phase else "",
            Text(text, style=style),
            event.author or event.source.value,
        )
    console().print(table)


def action_table(rows: list[ActionItemRow], today: datetime) -> None:
    if not rows:
        console().print("No action items match.")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Incident", "Key", "Action", "Owner", "Due", "Priority", "Status"):
        table.add_column(column, overflow="fold")
    for row in rows:
        item = row.item
        overdue = item.is_overdue(today.date())
        due = Text(item.due.isoformat() if item.due else "—", style="bold red" if overdue else "")
        state = item.status.value.replace("_", " ")
        if item.status is ActionStatus.WONT_DO and item.reason:
            state += f" ({item.reason})"
        table.add_row(
            row.ref,
            item.key,
            item.title,
            item.owner or Text("no owner", style="yellow"),
            due,
            item.priority.value,
            state,
        )
    console().print(table)


def show_incident(
    incident: Incident, settings: Settings, related: list[RelatedIncident] | None = None
) -> None:
    """The summary of ``warroom show``; ``related``: earlier incidents in common (Recurs)."""
    out = console()
    out.print(Text(f"{incident.ref}  {incident.title}", style="bold"))
    facts = [
        ("Severity", _severity(incident.severity, settings)),
        ("Status", Text(incident.status.value)),
        ("Review", Text(incident.review_status.value.replace("_", " "))),
        ("Visibility", Text(incident.visibility.value)),
        ("Services", Text(", ".join(incident.service_names) or "—")),
    ]
    roles = incident.roles
    for label, person in (
        ("Commander", roles.commander),
        ("Technical lead", roles.technical_lead),
        ("Comms lead", roles.communications_lead),
        ("Scribe", roles.scribe),
        ("Report author", roles.report_author),
    ):
        if person:
            facts.append((label, Text(person)))
    if roles.responders:
        facts.append(("Responders", Text(", ".join(roles.responders))))
    if incident.summary:
        facts.append(("Summary", Text(incident.summary)))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    for label, value in facts:
        grid.add_row(label, value)
    out.print(grid)

    out.print(Text("\nMilestones", style="bold"))
    marks = Table.grid(padding=(0, 2))
    for name, at in incident.milestones.items():
        marks.add_row(name, format_utc(at) or Text("—", style="dim"))
    out.print(marks)

    metrics = compute_metrics(incident, settings.metric_definitions, settings.metric_targets)
    out.print(Text("\nMetrics", style="bold"))
    grid = Table.grid(padding=(0, 2))
    for metric in metrics.values():
        if metric.seconds is None:
            shown = Text(f"missing ({' or '.join(metric.missing)} not recorded)", style="dim")
        else:
            verdict = {True: " ✓ met", False: " ✗ missed", None: ""}[metric.met]
            target = ""
            if metric.target_seconds:
                target = f" (target {format_duration(metric.target_seconds)})"
            shown = Text(
                format_duration(metric.seconds) + target + verdict,
                style={True: "green", False: "red", None: ""}[metric.met],
            )
        grid.add_row(metric.definition.label, shown)
    out.print(grid)

    recent = incident.timeline[-10:]
    out.print(
        Text(f"\nTimeline ({len(incident.timeline)} entries, latest {len(recent)})", style="bold")
    )
    for event in recent:
        out.print(f"  {format_utc(event.at)}  ", Text(event.text), style="")
    if incident.action_items:
        out.print(Text("\nAction items", style="bold"))
        rows = [ActionItemRow(incident.ref, incident.title, item) for item in incident.action_items]
        action_table(rows, datetime.now(UTC))
    if related is not None:
        from warroom.cli.followup_views import recurs_section

        recurs_section(related)
