"""``warroom webhook ...``: outbound webhooks, their delivery log, and the delivery worker."""

from __future__ import annotations

from typing import Annotated

import typer

from warroom.cli.app import app, author, console, context, done, print_json

webhook_app = typer.Typer(
    help="Outbound webhooks: add, list, remove, see deliveries, deliver.", no_args_is_help=True
)
app.add_typer(webhook_app, name="webhook")

WebhookId = Annotated[int, typer.Argument(help="The webhook's id (see 'warroom webhook list').")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON instead.")]


@webhook_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="Where to POST: http(s)://...")],
    event: Annotated[
        list[str],
        typer.Option(
            "--event",
            "-e",
            help="declared, status-changed, severity-changed, resolved, review-requested, "
            "review-approved, action-item-overdue, reminder, or all "
            "(repeatable, or comma-separated).",
        ),
    ],
    style: Annotated[
        str,
        typer.Option(help="json (warroom's event) or slack (text + blocks, for Slack/Mattermost)."),
    ] = "json",
    secret: Annotated[
        str | None, typer.Option(help="Sign each body with HMAC-SHA256 (X-Warroom-Signature).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="A name to recognise it by.")] = None,
) -> None:
    """Add an outbound webhook; prints its id."""
    from warroom.integrations.webhooks import add_webhook

    hook = add_webhook(
        context(), url, event, style=style, secret=secret, name=name, author=author()
    )
    typer.echo(hook.id)
    done(f"webhook {hook.id} ({hook.name}) will receive: {', '.join(hook.events)}")


@webhook_app.command("list")
def list_(json_out: Json = False) -> None:
    """The configured webhooks (secrets are not shown)."""
    from rich.table import Table

    from warroom.integrations.webhooks import list_webhooks, webhook_record

    hooks = list_webhooks(context())
    if json_out:
        print_json([webhook_record(hook) for hook in hooks])
        return
    if not hooks:
        console().print("No webhooks. Add one with: warroom webhook add URL --event all")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Id", "Name", "URL", "Events", "Style", "Signed"):
        table.add_column(column, overflow="fold")
    for hook in hooks:
        signed = "yes" if hook.secret else "no"
        table.add_row(str(hook.id), hook.name, hook.url, ", ".join(hook.events), hook.style, signed)
    console().print(table)


@webhook_app.command("deliveries")
def deliveries(
    webhook_id: WebhookId,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
    json_out: Json = False,
) -> None:
    """The delivery log of a webhook: status, attempts, last error."""
    from rich.table import Table

    from warroom.domain.times import format_utc
    from warroom.integrations.webhooks import delivery_record, list_deliveries

    rows = list_deliveries(context(), webhook_id, limit=limit)
    if json_out:
        print_json([delivery_record(row) for row in rows])
        return
    if not rows:
        console().print(f"Webhook {webhook_id} has no deliveries yet.")
        return
    table = Table(show_edge=False, header_style="bold")
    for column in ("Id", "Event", "Status", "Attempts", "Queued", "Next/Done", "Last error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        when = row.delivered_at if row.status == "delivered" else row.next_attempt_at
        table.add_row(
            str(row.id),
            row.event,
            row.status,
            str(row.attempts),
            format_utc(row.created_at),
            format_utc(when) if row.status != "failed" else "",
            row.last_error or "",
        )
    console().print(table)


@webhook_app.command("remove")
def remove(webhook_id: WebhookId) -> None:
    """Remove a webhook, with its queued deliveries and log."""
    from warroom.integrations.webhooks import remove_webhook

    remove_webhook(context(), webhook_id)
    done(f"webhook {webhook_id} removed")


@webhook_app.command("deliver")
def deliver() -> None:
    """Send the deliveries that are due, once ('warroom serve' does this in the background)."""
    from warroom.integrations.webhook_worker import deliver_due

    run = deliver_due(context())
    done(f"delivered {run.delivered}, will retry {run.retrying}, failed {run.failed}")
