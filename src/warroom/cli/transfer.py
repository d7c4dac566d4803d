"""``warroom export`` and ``warroom import``: whole records in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warroom.cli.app import app, author, context, done, err_console, print_json, settings

if TYPE_CHECKING:
    from warroom.domain.model import Incident
    from warroom.importers.result import ImportResult


@app.command()
def export(
    refs: Annotated[list[str] | None, typer.Argument(help="References to export.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Export every incident.")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Export incidents as JSON Lines, one full record a line (a backup, or a move).

    Example: warroom export --all > backup.jsonl
    """
    from warroom.domain.record import to_record
    from warroom.errors import ValidationError
    from warroom.services.incidents import get_incident
    from warroom.services.transfer import export_records

    if not all_ and not refs:
        raise ValidationError("name references to export, or --all", field="refs")
    ctx = context()
    records = export_records(ctx) if all_ else (to_record(get_incident(ctx, r)) for r in refs or [])
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    finally:
        if output:
            handle.close()
    err_console().print(f"[dim]exported {count} incident(s)[/dim]")


@app.command("import")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(help="Markdown reports, or JSON Lines exports ('-' reads JSON from stdin)."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be created; write nothing.")
    ] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the records (a JSON array) instead of refs.")
    ] = False,
    format_name: Annotated[
        str, typer.Option("--format", "-f", help="Report format of Markdown files, or auto.")
    ] = "auto",
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="Leave incidents that exist; import the rest.")
    ] = False,
) -> None:
    """Import incidents: Markdown reports written by hand, or records from 'warroom export'.

    A Markdown report becomes a structured record: every line it holds lands
    in a field or, verbatim, in a named extra section. A summary of what was
    recognised, kept as extra sections, and warned about goes to stderr.
    Everything is checked first; then all incidents are stored, or none.

    Examples: warroom import postmortem.md --dry-run --json ; warroom import backup.jsonl
    """
    from warroom.domain.record import to_record
    from warroom.services.transfer import store_incidents

    incidents = read_import_files(files, format_name)
    if json_out:
        print_json([to_record(incident) for incident in incidents])
    if dry_run:
        done(f"{len(incidents)} incident(s) read; nothing written (--dry-run)")
        return
    report = store_incidents(context(), incidents, skip_existing=skip_existing, actor=author())
    if not json_out:
        for ref in report.created:
            typer.echo(ref)
    skipped = f", skipped {len(report.skipped)} existing" if report.skipped else ""
    done(f"imported {len(report.created)} incident(s){skipped}")


def read_import_files(files: list[Path], format_name: str) -> list[Incident]:
    """Every incident the files hold, with a summary per Markdown report on stderr."""
    from rich.progress import Progress

    from warroom.errors import ValidationError
    from warroom.importers import read_report_file
    from warroom.services.reports import read_report
    from warroom.services.transfer import read_records

    incidents: list[Incident] = []
    with Progress(console=err_console(), transient=True, disable=len(files) < 5) as progress:
        task = progress.add_task("reading", total=len(files))
        for path in files:
            progress.advance(task)
            if str(path) == "-":
                incidents += read_records(sys.stdin, source="<stdin>")
                continue
            if not path.is_file():
                raise ValidationError(f"{path}: no such file", field="files")
            if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
                with path.open(encoding="utf-8") as handle:
                    incidents += read_records(handle, source=str(path))
                continue
            text = read_report_file(path)
            result = read_report(
                text, source_name=str(path), settings=settings(), format_name=format_name
            )
            import_summary(result)
            incidents.append(result.incident)
    return incidents


def import_summary(result: ImportResult) -> None:
    """What a report gave: its format, the fields recognised, extra sections, warnings."""
    from rich.markup import escape

    out = err_console()
    incident = result.incident
    out.print(
        f"[bold]{escape(result.source_name)}[/bold] read as {result.format_name}: "
        f"{escape(incident.title)} — {len(incident.timeline)} timeline entries, "
        f"{len(incident.action_items)} action items"
    )
    if result.recognised:
        fields = sorted({path.split(".")[0].split("[")[0] for path in result.recognised})
        out.print(f"  recognised: {', '.join(fields)}")
    for section in incident.extra_sections:
        out.print(f"  kept as extra section: {escape(section.title)}")
    for warning in result.warnings:
        where = f"line {warning.line}: " if warning.line else ""
        out.print(f"  [yellow]warning[/yellow] {where}{escape(warning.message)}")
