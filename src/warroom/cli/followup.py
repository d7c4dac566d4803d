"""``warroom remind``: what needs a nudge now (safe from cron and several processes)."""

from __future__ import annotations

from typing import Annotated

import typer

from warroom.cli.app import app, context, print_json


@app.command()
def remind(
    at: Annotated[
        str | None,
        typer.Option("--at", help="Act as if it were this time (ISO 8601 or 'YYYY-MM-DD HH:MM')."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="List everything due, sent before or not; record nothing."),
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Overdue action items, late reviews and follow-up reviews due: each reminder once.

    Run it from cron as often as you like: a reminder already sent is not
    sent again, even when several processes run at once.
    """
    from warroom.cli.followup_views import reminders_record, reminders_table
    from warroom.domain.times import isoformat_utc, parse_time
    from warroom.services.reminders import due_reminders, send_reminders

    ctx = context()
    moment = parse_time(at, default_zone=ctx.settings.zone, field="at").at if at else ctx.now()
    reminders = due_reminders(ctx, at=moment) if dry_run else send_reminders(ctx, at=moment)
    if json_out:
        print_json(
            {
                "at": isoformat_utc(moment),
                "dry_run": dry_run,
                "reminders": reminders_record(reminders),
            }
        )
    else:
        reminders_table(reminders, dry_run=dry_run)
