"""``warroom export`` and ``warroom import``: whole records in and out."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from warroom.cli.app import app, author, context, done, err_console


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
    files: Annotated[list[Path], typer.Argument(help="JSON Lines exports (or '-' for stdin).")],
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="Leave incidents that exist; import the rest.")
    ] = False,
) -> None:
    """Import incidents exported by 'warroom export'. All records land, or none.

    Example: warroom import backup.jsonl
    """
    from warroom.errors import ValidationError
    from warroom.services.transfer import read_records, store_incidents

    incidents = []
    for path in files:
        if str(path) == "-":
            incidents += read_records(sys.stdin, source="<stdin>")
            continue
        if not path.is_file():
            raise ValidationError(f"{path}: no such file", field="files")
        with path.open(encoding="utf-8") as handle:
            incidents += read_records(handle, source=str(path))
    report = store_incidents(
        context(), incidents, skip_existing=skip_existing, actor=author()
    )
    for ref in report.created:
        typer.echo(ref)
    skipped = f", skipped {len(report.skipped)} existing" if report.skipped else ""
    done(f"imported {len(report.created)} incident(s){skipped}")
