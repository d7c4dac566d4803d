"""``warroom timeline REF`` shows a timeline; ``warroom timeline REF import FILE`` imports one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warroom.cli.app import app, author, console, context, done, print_json, print_notes, settings

if TYPE_CHECKING:
    from warroom.integrations.timeline_import import TimelineImport
    from warroom.integrations.timeline_sources import SourceEntry


@app.command()
def timeline(
    ref: Annotated[str, typer.Argument(help="The incident's reference.")],
    action: Annotated[
        str | None, typer.Argument(help="Leave out to show the timeline; 'import' to import FILE.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Argument(help="With import: a CSV, JSON Lines or log file, or a Slack export."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--from", help="csv, jsonl, slack or log (default: from the file name)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added; change nothing.")
    ] = False,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="Zone of times written without one (default: the setting)."),
    ] = None,
    time_column: Annotated[
        str | None, typer.Option("--time-column", help="CSV: the column with the times.")
    ] = None,
    text_column: Annotated[
        str | None, typer.Option("--text-column", help="CSV: the column with the entries.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
) -> None:
    """The incident's timeline, oldest first, in UTC; or import entries into it.

    Example: warroom timeline INC-2026-11-20-001 import chat.csv --tz Europe/Berlin --dry-run
    """
    if action is None:
        _show(ref, json_out)
        return
    if action != "import":
        raise typer.BadParameter(f"unknown action {action!r}; use 'import'", param_hint="ACTION")
    if file is None:
        raise typer.BadParameter("name the file to import", param_hint="FILE")
    from warroom.domain.times import zone_named
    from warroom.integrations.timeline_import import import_timeline, incident_day, read_source

    ctx = context()
    zone_name = tz or settings().timezone
    entries = read_source(
        file,
        source,
        zone=zone_named(zone_name),
        base_date=incident_day(ctx, ref),
        time_column=time_column,
        text_column=text_column,
    )
    result = import_timeline(
        ctx, ref, entries, dry_run=dry_run, author=author(), zone_name=zone_name
    )
    if json_out:
        print_json(_as_json(result))
    else:
        _print_import(result)
    print_notes(result.notes)


def _show(ref: str, json_out: bool) -> None:
    from warroom.cli.views import timeline_table
    from warroom.domain.record import dump_part
    from warroom.services.incidents import get_incident

    incident = get_incident(context(), ref)
    if json_out:
        print_json(dump_part(incident.timeline))
    else:
        timeline_table(incident)


def _as_json(result: TimelineImport) -> dict[str, object]:
    from warroom.domain.times import isoformat_utc

    def rows(entries: list[SourceEntry]) -> list[dict[str, object]]:
        return [
            {"at": isoformat_utc(e.at), "text": e.text, "author": e.author, "from": e.origin}
            for e in entries
        ]

    return {
        "ref": result.ref,
        "dry_run": result.dry_run,
        "added": rows(result.added),
        "duplicates": rows(result.duplicates),
        "notes": result.notes,
    }


def _print_import(result: TimelineImport) -> None:
    from rich.table import Table

    from warroom.domain.times import format_utc

    verb = "would add" if result.dry_run else "added"
    if result.added:
        table = Table(title=f"{result.ref}: {verb} (UTC)", show_edge=False, header_style="bold")
        table.add_column("Time", no_wrap=True)
        table.add_column("Entry", overflow="fold")
        table.add_column("By")
        for entry in result.added:
            table.add_row(format_utc(entry.at, seconds=True), entry.text, entry.author or "")
        console().print(table)
    skipped = f"; {len(result.duplicates)} already on the timeline" if result.duplicates else ""
    summary = f"{result.ref}: {verb} {len(result.added)} entries{skipped}"
    if result.dry_run:
        console().print(f"{summary} (dry run: nothing changed)")
    else:
        done(summary)
