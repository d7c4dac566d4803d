"""The review workflow: draft → in review → changes requested ↔ in review → approved (final).

A review is requested from named reviewers (they join the incident's
``reviewers`` role, so they see it even when it is private). Each reviewer
approves, or requests changes with a comment; every decision is kept in
``incident.review`` with its time, and appends a ``source: system`` timeline
entry. A round starts when the review is requested (``review.requested_at``);
the incident is approved once every named reviewer has approved in the
current round, and never while ``blockers`` (lint errors) remain.

After approval, edits are recorded on the timeline; an edit that touches the
analysis reopens the review as a new round. As elsewhere in the domain, a
refused move raises ``ValidationError`` naming the field and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from warroom.domain.incident import add_event
from warroom.domain.model import (
    Approval,
    EventKind,
    Incident,
    ReviewStatus,
    Source,
    TimelineEvent,
)
from warroom.domain.record import to_record
from warroom.errors import ValidationError

REVIEWER_ROLE = "reviewer"
# Record keys whose change after approval is not worth a timeline entry of its own.
_UNRECORDED_KEYS = frozenset({"version", "updated_at", "timeline", "review", "review_status"})


def request_review(
    incident: Incident, reviewers: Sequence[str], at: datetime, *, author: str | None = None
) -> list[str]:
    """Ask ``reviewers`` (added to those already named) to review; returns the new names."""
    status = incident.review_status
    if status is ReviewStatus.APPROVED:
        raise ValidationError(
            f"the review of {incident.ref} is approved (final);"
            " a change to the analysis reopens it",
            field="review_status",
        )
    names = list(dict.fromkeys(name.strip() for name in reviewers if name.strip()))
    added = [name for name in names if name not in incident.roles.reviewers]
    if not incident.roles.reviewers and not added:
        raise ValidationError("name at least one reviewer", field="reviewers")
    if status is ReviewStatus.IN_REVIEW and not added:
        raise ValidationError(
            f"{incident.ref} is already in review by {', '.join(incident.roles.reviewers)};"
            " name someone else to add a reviewer",
            field="reviewers",
        )
    incident.roles.reviewers.extend(added)
    if status is ReviewStatus.IN_REVIEW:
        _note(incident, at, f"Review also requested from {', '.join(added)}", author)
        return added
    incident.review_status = ReviewStatus.IN_REVIEW
    incident.review.requested_at = at
    _note(
        incident,
        at,
        f"Review requested from {', '.join(incident.roles.reviewers)} (was {_label(status)})",
        author,
    )
    return added


def approve(
    incident: Incident,
    reviewer: str,
    at: datetime,
    *,
    comment: str | None = None,
    blockers: Sequence[str] = (),
) -> bool:
    """Record ``reviewer``'s approval; True when it was the last one needed (now approved).

    ``blockers`` are the problems that forbid approval (lint errors); any at
    all refuses the approval.
    """
    name = _check_reviewer(incident, reviewer, "approve")
    if name in approved_in_round(incident):
        raise ValidationError(f"{name} has already approved this round", field="reviewer")
    if blockers:
        shown = "; ".join(blockers[:5]) + ("; ..." if len(blockers) > 5 else "")
        raise ValidationError(
            f"{incident.ref} cannot be approved while lint finds {len(blockers)} error(s): {shown}",
            field="lint",
        )
    text = (comment or "").strip() or None
    incident.review.approvals.append(Approval(REVIEWER_ROLE, name, True, at, text))
    _note(incident, at, f"Review approved by {name}" + (f": {text}" if text else ""), name)
    waiting = [r for r in incident.roles.reviewers if r not in approved_in_round(incident)]
    if waiting:
        return False
    incident.review_status = ReviewStatus.APPROVED
    _note(incident, at, "Review approved by every reviewer: final", name)
    return True


def request_changes(incident: Incident, reviewer: str, at: datetime, *, comment: str) -> None:
    """Record ``reviewer``'s request for changes (a comment is required)."""
    name = _check_reviewer(incident, reviewer, "request changes on")
    text = (comment or "").strip()
    if not text:
        raise ValidationError(
            "requesting changes needs a comment saying what should change", field="comment"
        )
    incident.review.requested_changes.append(Approval(REVIEWER_ROLE, name, False, at, text))
    incident.review_status = ReviewStatus.CHANGES_REQUESTED
    _note(incident, at, f"Changes requested by {name}: {text}", name)


def approved_in_round(incident: Incident) -> list[str]:
    """The reviewers who approved since the current round began, in order."""
    since = incident.review.requested_at
    names = [
        a.name
        for a in incident.review.approvals
        if a.approved and a.name and (since is None or (a.at is not None and a.at >= since))
    ]
    return list(dict.fromkeys(names))


def record_edit_after_approval(incident: Incident, before: dict[str, Any], at: datetime) -> None:
    """After approval: note what an edit changed; reopen the review if it touched the analysis.

    ``before`` is ``to_record`` of the incident before the edit.
    """
    if before.get("review_status") != ReviewStatus.APPROVED.value:
        return
    after = to_record(incident)
    changed = [k for k in after if k not in _UNRECORDED_KEYS and before.get(k) != after.get(k)]
    if not changed:
        return
    _note(incident, at, f"Edited after approval: {', '.join(changed)}", None)
    if "analysis" in changed and incident.review_status is ReviewStatus.APPROVED:
        incident.review_status = ReviewStatus.IN_REVIEW
        incident.review.requested_at = at
        _note(incident, at, "Review reopened: the analysis changed after approval", None)


def _check_reviewer(incident: Incident, reviewer: str, verb: str) -> str:
    status = incident.review_status
    if status is not ReviewStatus.IN_REVIEW:
        hint = {
            ReviewStatus.DRAFT: "request a review first",
            ReviewStatus.CHANGES_REQUESTED: "request the review again once the changes are made",
            ReviewStatus.APPROVED: "it is final",
        }[status]
        raise ValidationError(
            f"cannot {verb} {incident.ref}: its review is {_label(status)} ({hint})",
            field="review_status",
        )
    name = reviewer.strip()
    if name not in incident.roles.reviewers:
        raise ValidationError(
            f"{name or 'nobody'} is not a reviewer of {incident.ref};"
            f" reviewers: {', '.join(incident.roles.reviewers)}",
            field="reviewer",
        )
    return name


def _label(status: ReviewStatus) -> str:
    return status.value.replace("_", " ")


def _note(incident: Incident, at: datetime, text: str, author: str | None) -> None:
    add_event(
        incident,
        TimelineEvent(at=at, text=text, kind=EventKind.NOTE, source=Source.SYSTEM, author=author),
    )
