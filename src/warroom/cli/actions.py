"""``warroom action ...``: action items, chased until done or declined with a reason."""

from __future__ import annotations

from typing import Annotated

import typer

from warroom.cli.app import app, author, context, done, print_json

action_app = typer.Typer(help="Add, update and list action items.", no_args_is_help=True)
app.add_typer(action_app, name="action")

Ref = Annotated[str, typer.Argument(help="The incident's reference.")]
Key = Annotated[str, typer.Argument(help="The action item's key, e.g. AI-2 (or just 2).")]


@action_app.command("add")
def add(
    ref: Ref,
    title: Annotated[str, typer.Argument(help="What will be done.")],
    owner: Annotated[str | None, typer.Option(help="Who does it.")] = None,
    due: Annotated[str | None, typer.Option(help="Due date, YYYY-MM-DD.")] = None,
    priority: Annotated[str, typer.Option(help="high, medium or low (P0, P1, P2).")] = "medium",
    horizon: Annotated[
        str | None,
        typer.Option(
            help="immediate, short, medium or long: gives a due date if --due is not set."
        ),
    ] = None,
    kind: Annotated[str | None, typer.Option(help="mitigate, prevent, detect or process.")] = None,
    factor: Annotated[
        str | None, typer.Option(help="The contributing factor it addresses (by name).")
    ] = None,
    ticket: Annotated[str | None, typer.Option(help="Link to an external ticket.")] = None,
) -> None:
    """Add an action item to an incident; prints its key."""
    from warroom.services.actions import NewActionItem, add_action_item

    incident, item = add_action_item(
        context(),
        ref,
        NewActionItem(
            title=title,
            owner=owner,
            due=due,
            priority=priority,
            horizon=horizon,
            kind=kind,
            factor=factor,
            ticket=ticket,
        ),
        author=author(),
    )
    typer.echo(item.key)
    due_text = f", due {item.due.isoformat()}" if item.due else ""
    done(f"{item.key} added to {incident.ref}{due_text}")


@action_app.command("update")
def update(
    ref: Ref,
    key: Key,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    owner: Annotated[str | None, typer.Option(help="New owner ('' to clear).")] = None,
    due: Annotated[str | None, typer.Option(help="New due date ('' to clear).")] = None,
    priority: Annotated[str | None, typer.Option(help="high, medium or low.")] = None,
    status: Annotated[
        str | None, typer.Option(help="open, in-progress, done or wont-do (needs --reason).")
    ] = None,
    reason: Annotated[str | None, typer.Option(help="Why it won't be done.")] = None,
    ticket: Annotated[str | None, typer.Option(help="Link to an external ticket.")] = None,
) -> None:
    """Change an action item: owner, due date, priority, status..."""
    from warroom.services.actions import ActionItemChange, update_action_item

    change = ActionItemChange(
        title=title,
        owner=owner or None,
        due=due or None,
        priority=priority,
        status=status,
        reason=reason,
        ticket=ticket,
        clear_owner=owner == "",
        clear_due=due == "",
    )
    incident, item = update_action_item(context(), ref, key, change, author=author())
    done(f"{item.key} on {incident.ref}: {item.status.value.replace('_', ' ')}")


@action_app.command("done")
def mark_done(ref: Ref, key: Key) -> None:
    """Mark an action item done."""
    update(ref, key, status="done")


@action_app.command("wont-do")
def wont_do(
    ref: Ref,
    key: Key,
    reason: Annotated[str, typer.Option(help="Why it won't be done (required).")],
) -> None:
    """Decline an action item, saying why."""
    update(ref, key, status="wont-do", reason=reason)


@action_app.command("list")
def list_(
    owner: Annotated[str | None, typer.Option(help="Only this owner's items.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="open, in-progress, done, wont-do (repeatable).")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only items past due, not done.")
    ] = False,
    ref: Annotated[
        str | None, typer.Option("--incident", help="Only this incident's items.")
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Action items across all incidents, soonest due first."""
    from warroom.cli.views import action_table
    from warroom.domain.record import dump_part
    from warroom.services.actions import list_action_items
    from warroom.services.inputs import parse_action_status
    from warroom.services.ports import ActionItemQuery

    ctx = context()
    now = ctx.now()
    query = ActionItemQuery(
        owner=owner,
        statuses=tuple(parse_action_status(s) for s in status or []),
        overdue_on=now.date() if overdue else None,
        ref=ref.upper() if ref else None,
    )
    rows = list_action_items(ctx, query)
    if json_out:
        print_json(
            [{"ref": r.ref, "incident_title": r.incident_title, **dump_part(r.item)} for r in rows]
        )
    else:
        action_table(rows, now)
