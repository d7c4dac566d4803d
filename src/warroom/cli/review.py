"""``warroom review ...``: request a review, approve, send back, see where it stands."""

from __future__ import annotations

from typing import Annotated

import typer

from warroom.cli.app import app, author, context, done, print_json

review_app = typer.Typer(
    help="The review workflow: draft → in review → changes requested ↔ in review → approved.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

Ref = Annotated[str, typer.Argument(help="The incident's reference.")]
As = Annotated[
    str | None,
    typer.Option("--as", help="The reviewer deciding (default: WARROOM_USER, else your login)."),
]


@review_app.command("request")
def request(
    ref: Ref,
    reviewer: Annotated[
        list[str] | None, typer.Option("--reviewer", help="A reviewer (repeatable).")
    ] = None,
) -> None:
    """Ask reviewers to review the incident's report (adds to those already named).

    Example: warroom review request INC-2026-11-20-001 --reviewer carol --reviewer dan
    """
    from warroom.services.review import request_review

    incident = request_review(context(), ref, reviewer or [], author=author())
    done(f"{incident.ref} is in review by {', '.join(incident.roles.reviewers)}")


@review_app.command("approve")
def approve(
    ref: Ref,
    as_: As = None,
    comment: Annotated[str | None, typer.Option(help="What you think of it.")] = None,
) -> None:
    """Approve as one of the named reviewers; refused while lint finds errors."""
    from warroom.services.review import approve_review

    incident, final = approve_review(context(), ref, as_ or author(), comment=comment)
    waiting = "" if final else " (waiting for the other reviewers)"
    state = "approved (final)" if final else "approval recorded"
    done(f"{incident.ref}: {state}{waiting}")


@review_app.command("changes")
def changes(
    ref: Ref,
    comment: Annotated[str, typer.Option(help="What should change (required).")],
    as_: As = None,
) -> None:
    """Send the review back, saying what should change."""
    from warroom.services.review import request_changes

    incident = request_changes(context(), ref, as_ or author(), comment=comment)
    done(f"{incident.ref}: changes requested")


@review_app.command("status")
def status(
    ref: Ref,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Where the review stands: reviewers, approvals, requested changes, what blocks approval."""
    from warroom.cli.followup_views import review_state_record, show_review_state
    from warroom.services.review import get_review_state

    state = get_review_state(context(), ref)
    if json_out:
        print_json(review_state_record(state))
    else:
        show_review_state(state)
