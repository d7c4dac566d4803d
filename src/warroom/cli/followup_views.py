"""How the CLI shows follow-up: review state, reminders, recurrence (Rich and JSON)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from rich.table import Table
from rich.text import Text

from warroom.cli.app import console
from warroom.domain.model import Approval
from warroom.domain.record import dump_part
from warroom.domain.times import format_utc
from warroom.services.insight_ports import SearchHit
from warroom.services.related import RelatedIncident
from warroom.services.reminders import Reminder, reminder_record
from warroom.services.review import ReviewState


def review_state_record(state: ReviewState) -> dict[str, Any]:
    return {
        "ref": state.ref,
        "review_status": state.status.value,
        "reviewers": state.reviewers,
        "approved": state.approved,
        "waiting": state.waiting,
        "approvals": dump_part(state.approvals),
        "requested_changes": dump_part(state.requested_changes),
        "blockers": state.blockers,
    }


def show_review_state(state: ReviewState) -> None:
    out = console()
    out.print(Text(f"{state.ref}  review {state.status.value.replace('_', ' ')}", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column()
    grid.add_row("Reviewers", ", ".join(state.reviewers) or "—")
    grid.add_row("Approved", ", ".join(state.approved) or "—")
    grid.add_row("Waiting for", ", ".join(state.waiting) or "—")
    out.print(grid)
    decisions = sorted(
        [*state.approvals, *state.requested_changes],
        key=lambda a: (a.at is None, a.at or 0),
    )
    if decisions:
        out.print(Text("\nDecisions", style="bold"))
        for decision in decisions:
            out.print(f"  {format_utc(decision.at)}  ", _decision(decision))
    if state.blockers:
        out.print(Text("\nBlocks approval (lint errors)", style="bold red"))
        for blocker in state.blockers:
            out.print(f"  {blocker}", markup=False)


def _decision(approval: Approval) -> Text:
    verb = {True: "approved", False: "requested changes", None: "signed"}[approval.approved]
    who = approval.name or approval.role
    comment = f": {approval.comment}" if approval.comment else ""
    return Text(f"{who} {verb}{comment}", style="green" if approval.approved else "yellow")


def reminders_table(reminders: list[Reminder], *, dry_run: bool) -> None:
    out = console()
    if not reminders:
        out.print("Nothing needs a nudge." if not dry_run else "Nothing is due.")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Who", "What", "Incident", "Item", "Due"):
        table.add_column(column, overflow="fold")
    for reminder in reminders:
        table.add_row(
            reminder.recipient or Text("no owner", style="yellow"),
            reminder.message,
            reminder.ref,
            reminder.item or "",
            _when(reminder.due),
        )
    out.print(table)


def _when(moment: datetime | date | None) -> str:
    if isinstance(moment, datetime):
        return format_utc(moment)
    return moment.isoformat() if moment else ""


def reminders_record(reminders: list[Reminder]) -> list[dict[str, Any]]:
    return [reminder_record(reminder) for reminder in reminders]


def recurs_section(related: list[RelatedIncident]) -> None:
    """The "Recurs" part of ``warroom show``: earlier incidents with something in common."""
    out = console()
    out.print(Text("\nRecurs", style="bold"))
    if not related:
        out.print(
            Text("  no earlier incident shares a service or contributing factor", style="dim")
        )
        return
    for item in related:
        shared = [
            *(f"factor '{f}'" for f in item.factors),
            *(f"service {s}" for s in item.services),
        ]
        out.print(
            f"  {item.ref}  ", Text(item.title), Text(f"  ({', '.join(shared)})", style="dim")
        )
        for action in item.open_actions:
            owner = action.owner or "no owner"
            due = f", due {action.due.isoformat()}" if action.due else ""
            out.print(
                Text(f"      open {action.key}: {action.title} ({owner}{due})", style="yellow")
            )


def search_table(hits: list[SearchHit]) -> None:
    if not hits:
        console().print("No incident matches.")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Ref", "Sev", "Title", "Match"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        snippet = " / ".join(line for line in hit.snippet.splitlines() if line.strip())
        table.add_row(hit.ref, str(hit.severity), hit.title, Text(snippet, style="dim"))
    console().print(table)


def similar_table(rows: list[RelatedIncident]) -> None:
    if not rows:
        console().print("No similar incident.")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Ref", "Title", "Shared factors", "Shared services", "Text", "Score"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row.ref,
            row.title,
            ", ".join(row.factors),
            ", ".join(row.services),
            f"{row.text_score:.2f}",
            f"{row.score:.2f}",
        )
    console().print(table)
