"""Use cases of the review workflow: request, approve, request changes, status.

The rules are in ``domain.review``; here they get the time, the incident and
the lint findings that block an approval. Edits after approval are caught in
``services.incidents.mutate`` (``domain.review.record_edit_after_approval``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warroom.config import Settings
from warroom.domain import review as rules
from warroom.domain.model import Approval, Incident, ReviewStatus
from warroom.services.context import Context
from warroom.services.incidents import get_incident, mutate
from warroom.services.ports import Viewer


@dataclass(frozen=True)
class ReviewState:
    """Where a review stands, for ``warroom review status`` and the incident page."""

    ref: str
    status: ReviewStatus
    reviewers: list[str]
    approved: list[str]  # in the current round
    waiting: list[str]  # named reviewers who have not approved this round
    approvals: list[Approval]  # every decision, with its time and comment
    requested_changes: list[Approval]
    blockers: list[str]  # lint errors that forbid approval now


def approval_blockers(incident: Incident, settings: Settings) -> list[str]:
    """The lint errors in ``incident`` as ``rule: message`` lines; none: it may be approved."""
    from warroom.lint import Level, lint_incident

    findings = lint_incident(incident, settings=settings)
    return [f"{f.rule}: {f.message}" for f in findings if f.level is Level.ERROR]


def request_review(
    ctx: Context,
    ref: str,
    reviewers: Sequence[str],
    *,
    author: str | None = None,
    viewer: Viewer | None = None,
) -> Incident:
    """Put the incident in review, naming its reviewers (added to any already named)."""

    def change(incident: Incident) -> None:
        rules.request_review(incident, reviewers, ctx.now(), author=author)

    incident, _ = mutate(ctx, ref, change, viewer=viewer, actor=author, action="review")
    return incident


def approve_review(
    ctx: Context,
    ref: str,
    reviewer: str,
    *,
    comment: str | None = None,
    viewer: Viewer | None = None,
) -> tuple[Incident, bool]:
    """Record an approval; the bool says whether the review is now approved (final).

    Refused (ValidationError on ``lint``) while lint finds errors in the incident.
    """

    def change(incident: Incident) -> bool:
        blockers = approval_blockers(incident, ctx.settings)
        return rules.approve(incident, reviewer, ctx.now(), comment=comment, blockers=blockers)

    return mutate(ctx, ref, change, viewer=viewer, actor=reviewer, action="review")


def request_changes(
    ctx: Context,
    ref: str,
    reviewer: str,
    *,
    comment: str,
    viewer: Viewer | None = None,
) -> Incident:
    """Send the review back with a comment saying what should change."""

    def change(incident: Incident) -> None:
        rules.request_changes(incident, reviewer, ctx.now(), comment=comment)

    incident, _ = mutate(ctx, ref, change, viewer=viewer, actor=reviewer, action="review")
    return incident


def get_review_state(ctx: Context, ref: str, *, viewer: Viewer | None = None) -> ReviewState:
    """The review of ``ref``: status, reviewers, who approved, who is awaited, what blocks."""
    incident = get_incident(ctx, ref, viewer=viewer)
    approved = rules.approved_in_round(incident)
    blockers = []
    if incident.review_status is not ReviewStatus.APPROVED:
        blockers = approval_blockers(incident, ctx.settings)
    return ReviewState(
        ref=incident.ref,
        status=incident.review_status,
        reviewers=list(incident.roles.reviewers),
        approved=approved,
        waiting=[name for name in incident.roles.reviewers if name not in approved],
        approvals=list(incident.review.approvals),
        requested_changes=list(incident.review.requested_changes),
        blockers=blockers,
    )
