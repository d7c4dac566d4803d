"""Commands for the life of an incident: declare, log, status, assign, show, list..."""

from __future__ import annotations

from typing import Annotated

import typer

from warroom.cli.app import app, author, context, done, print_json, print_notes, settings

Ref = Annotated[str, typer.Argument(help="The incident's reference, e.g. INC-2026-11-20-001.")]
At = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="When: ISO 8601, 'YYYY-MM-DD HH:MM' or 'HH:MM' (on the incident's date), "
        "optionally with an offset or zone ('+01:00', 'CET', 'Europe/Berlin'). Default: now.",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print the JSON record instead.")]


@app.command()
def declare(
    title: Annotated[str, typer.Argument(help="What is wrong, in a few words.")],
    severity: Annotated[
        str, typer.Option("--severity", "-s", help="1..4, SEV-1, or critical|high|medium|low.")
    ],
    service: Annotated[
        list[str] | None, typer.Option("--service", help="An affected service (repeatable).")
    ] = None,
    commander: Annotated[str | None, typer.Option(help="The incident commander.")] = None,
    summary: Annotated[str | None, typer.Option(help="One-line summary.")] = None,
    started_at: Annotated[
        str | None, typer.Option("--started-at", help="When impact began (default: now).")
    ] = None,
    detected_at: Annotated[
        str | None, typer.Option("--detected-at", help="When it was noticed.")
    ] = None,
    detected_by: Annotated[
        str | None, typer.Option("--detected-by", help="How: monitoring, customer report, ...")
    ] = None,
    private: Annotated[
        bool, typer.Option("--private", help="Visible only to participants and admins.")
    ] = False,
    json_out: Json = False,
) -> None:
    """Declare a new incident and print its reference.

    Example: warroom declare "Checkout API returning 500s" --severity 1
    --service checkout-api --commander alice --started-at "2026-11-20 14:02"
    """
    from warroom.domain.model import Visibility
    from warroom.domain.record import to_record
    from warroom.services.incidents import DeclareIncident, declare_incident

    outcome = declare_incident(
        context(),
        DeclareIncident(
            title=title,
            severity=severity,
            services=service or [],
            commander=commander,
            summary=summary,
            started_at=started_at,
            detected_at=detected_at,
            detection_source=detected_by,
            visibility=Visibility.PRIVATE if private else Visibility.PUBLIC,
            author=author(),
        ),
    )
    if json_out:
        print_json(to_record(outcome.incident))
    else:
        typer.echo(outcome.incident.ref)
    print_notes(outcome.notes)


@app.command()
def log(
    ref: Ref,
    text: Annotated[str, typer.Argument(help="What happened or was done.")],
    at: At = None,
    kind: Annotated[
        str, typer.Option(help="action, observation, communication, alert, milestone, note.")
    ] = "observation",
    phase: Annotated[str | None, typer.Option(help="detection, response or resolution.")] = None,
    link: Annotated[str | None, typer.Option(help="A URL for this entry.")] = None,
) -> None:
    """Add an entry to the incident's timeline."""
    from warroom.domain.model import EventKind, Phase
    from warroom.services.incidents import NewTimelineEvent, add_timeline_event
    from warroom.services.inputs import parse_choice

    outcome = add_timeline_event(
        context(),
        ref,
        NewTimelineEvent(
            text=text,
            at=at,
            kind=parse_choice(EventKind, kind, "kind"),
            phase=parse_choice(Phase, phase, "phase") if phase else None,
            author=author(),
            link=link,
        ),
    )
    print_notes(outcome.notes)
    done(f"logged on {outcome.incident.ref}")


@app.command()
def status(
    ref: Ref,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS", help="investigating, identified, monitoring, resolved or closed."
        ),
    ],
    at: At = None,
) -> None:
    """Move the status forward. Monitoring sets 'mitigated', resolved sets 'resolved'."""
    from warroom.services.incidents import change_status

    outcome = change_status(context(), ref, new_status, at=at, author=author())
    print_notes(outcome.notes)
    done(f"{outcome.incident.ref} is {outcome.incident.status.value}")


@app.command()
def reopen(
    ref: Ref,
    at: At = None,
    reason: Annotated[str | None, typer.Option(help="Why it is reopened.")] = None,
) -> None:
    """Reopen a resolved or closed incident (back to investigating, on the timeline)."""
    from warroom.services.incidents import reopen_incident

    outcome = reopen_incident(context(), ref, at=at, reason=reason, author=author())
    print_notes(outcome.notes)
    done(f"{outcome.incident.ref} reopened")


@app.command()
def severity(
    ref: Ref,
    level: Annotated[str, typer.Argument(help="1..4, SEV-1, or critical|high|medium|low.")],
    at: At = None,
) -> None:
    """Raise or lower the severity."""
    from warroom.services.incidents import change_severity

    outcome = change_severity(context(), ref, level, at=at, author=author())
    print_notes(outcome.notes)
    done(f"{outcome.incident.ref} is {settings().scale.label(outcome.incident.severity)}")


@app.command()
def assign(
    ref: Ref,
    role: Annotated[
        str,
        typer.Argument(
            help="commander, technical-lead, communications-lead, scribe, report-author, "
            "responder or reviewer."
        ),
    ],
    person: Annotated[str, typer.Argument(help="Who takes the role.")],
) -> None:
    """Give a role to someone (responders and reviewers accumulate)."""
    from warroom.services.incidents import assign_role

    outcome = assign_role(context(), ref, role, person, author=author())
    done(f"{person} is {role} on {outcome.incident.ref}")


@app.command()
def milestone(
    ref: Ref,
    name: Annotated[
        str,
        typer.Argument(
            help="started, detected, acknowledged, declared, mitigated, resolved or closed."
        ),
    ],
    at: Annotated[
        str | None, typer.Argument(help="When (see --help of 'log'); omit with --clear.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the milestone.")] = False,
) -> None:
    """Set, move or clear a milestone. Order is checked: detected cannot precede started..."""
    from warroom.errors import ValidationError
    from warroom.services.incidents import set_milestone

    if at is None and not clear:
        raise ValidationError("give a time, or --clear", field="at")
    outcome = set_milestone(context(), ref, name, at, author=author(), clear=clear)
    print_notes(outcome.notes)
    done(f"{name} {'cleared' if clear else 'set'} on {outcome.incident.ref}")


@app.command()
def show(ref: Ref, json_out: Json = False) -> None:
    """A readable summary of one incident; --json prints the full record."""
    from warroom.cli.views import show_incident
    from warroom.domain.record import to_record
    from warroom.services.incidents import get_incident
    from warroom.services.related import related_incidents

    incident = get_incident(context(), ref)
    if json_out:
        print_json(to_record(incident))
    else:
        show_incident(incident, settings(), related_incidents(context(), incident.ref))


@app.command("list")
def list_(
    status_: Annotated[
        list[str] | None,
        typer.Option("--status", help="open, or a status (repeatable). Default: any."),
    ] = None,
    severity_: Annotated[
        list[str] | None, typer.Option("--severity", help="A severity (repeatable).")
    ] = None,
    service: Annotated[
        str | None, typer.Option(help="Only incidents affecting this service.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Started on or after (date or time).")] = None,
    until: Annotated[str | None, typer.Option(help="Started before (date or time).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10000, help="How many at most.")] = 50,
    after: Annotated[
        str | None, typer.Option(help="Continue after this reference (paging).")
    ] = None,
    json_out: Json = False,
) -> None:
    """List incidents, newest first."""
    from warroom.cli.views import incident_table, summary_record
    from warroom.services.incidents import list_incidents
    from warroom.services.inputs import parse_incident_query

    query = parse_incident_query(
        settings(),
        statuses=status_ or [],
        severities=severity_ or [],
        service=service,
        since=since,
        until=until,
        limit=limit,
        after=after,
    )
    page = list_incidents(context(), query)
    if json_out:
        print_json({"items": [summary_record(s) for s in page.items], "next": page.next})
        return
    incident_table(page, settings())
