"""The review workflow on the domain object: every move, allowed or refused."""

import copy
from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain import review
from warroom.domain.model import (
    ContributingFactor,
    Incident,
    ReviewStatus,
    Source,
)
from warroom.domain.record import to_record
from warroom.errors import ValidationError

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def in_review(*reviewers: str) -> Incident:
    incident = Incident(ref="INC-2026-11-20-001", title="Checkout 500s", severity=1)
    review.request_review(incident, reviewers or ("carol",), at(0), author="alice")
    return incident


def refused(field: str, move: object, *args: object, **kwargs: object) -> ValidationError:
    assert callable(move)
    with pytest.raises(ValidationError) as raised:
        move(*args, **kwargs)
    assert raised.value.field == field, raised.value.message
    return raised.value


def test_draft_to_in_review_names_the_reviewers() -> None:
    incident = in_review("carol", "dan")
    assert incident.review_status is ReviewStatus.IN_REVIEW
    assert incident.roles.reviewers == ["carol", "dan"]
    assert incident.review.requested_at == at(0)
    last = incident.timeline[-1]
    assert last.source is Source.SYSTEM and last.author == "alice"
    assert last.text == "Review requested from carol, dan (was draft)"


def test_a_review_needs_a_reviewer() -> None:
    incident = Incident(ref="INC-2026-11-20-001", title="x", severity=1)
    refused("reviewers", review.request_review, incident, ["  "], at(0))
    assert incident.review_status is ReviewStatus.DRAFT and not incident.timeline


def test_adding_a_reviewer_while_in_review_keeps_the_round() -> None:
    incident = in_review("carol")
    assert review.request_review(incident, ["dan"], at(5)) == ["dan"]
    assert incident.review.requested_at == at(0)
    refused("reviewers", review.request_review, incident, ["dan"], at(6))


def test_every_reviewer_must_approve() -> None:
    incident = in_review("carol", "dan")
    assert review.approve(incident, "carol", at(10), comment="good") is False
    assert incident.review_status is ReviewStatus.IN_REVIEW
    assert review.approve(incident, "dan", at(20)) is True
    assert incident.review_status is ReviewStatus.APPROVED
    assert [(a.name, a.approved, a.at, a.comment) for a in incident.review.approvals] == [
        ("carol", True, at(10), "good"),
        ("dan", True, at(20), None),
    ]
    assert incident.timeline[-1].text == "Review approved by every reviewer: final"


def test_only_named_reviewers_decide_and_only_once_a_round() -> None:
    incident = in_review("carol")
    error = refused("reviewer", review.approve, incident, "mallory", at(1))
    assert "reviewers: carol" in error.message
    refused("reviewer", review.request_changes, incident, "mallory", at(1), comment="no")
    incident = in_review("carol", "dan")
    review.approve(incident, "carol", at(1))
    refused("reviewer", review.approve, incident, "carol", at(2))


def test_lint_errors_block_approval_and_change_nothing() -> None:
    incident = in_review("carol")
    before = copy.deepcopy(incident)
    error = refused(
        "lint", review.approve, incident, "carol", at(1), blockers=["action-no-owner: AI-1"]
    )
    assert "action-no-owner" in error.message
    assert incident == before


def test_changes_requested_then_in_review_again_starts_a_new_round() -> None:
    incident = in_review("carol", "dan")
    review.approve(incident, "carol", at(1))
    refused("comment", review.request_changes, incident, "dan", at(2), comment=" ")
    review.request_changes(incident, "dan", at(2), comment="add the timeline")
    assert incident.review_status is ReviewStatus.CHANGES_REQUESTED
    assert incident.review.requested_changes[0].comment == "add the timeline"
    refused("review_status", review.approve, incident, "carol", at(3))
    review.request_review(incident, [], at(4))
    assert incident.review_status is ReviewStatus.IN_REVIEW
    assert review.approved_in_round(incident) == []  # carol's approval was for the last round
    review.approve(incident, "dan", at(5))
    assert review.approve(incident, "carol", at(6)) is True


@pytest.mark.parametrize("status", [ReviewStatus.DRAFT, ReviewStatus.APPROVED])
def test_no_decision_outside_a_review(status: ReviewStatus) -> None:
    incident = in_review("carol")
    incident.review_status = status
    refused("review_status", review.approve, incident, "carol", at(1))
    refused("review_status", review.request_changes, incident, "carol", at(1), comment="x")


def test_approved_is_final() -> None:
    incident = in_review("carol")
    review.approve(incident, "carol", at(1))
    refused("review_status", review.request_review, incident, ["dan"], at(2))


def test_an_edit_to_the_analysis_after_approval_reopens_the_review() -> None:
    incident = in_review("carol")
    review.approve(incident, "carol", at(1))
    before = to_record(incident)
    incident.analysis.contributing_factors.append(ContributingFactor("config drift"))
    review.record_edit_after_approval(incident, before, at(30))
    assert incident.review_status is ReviewStatus.IN_REVIEW
    assert incident.review.requested_at == at(30)
    assert [e.text for e in incident.timeline[-2:]] == [
        "Edited after approval: analysis",
        "Review reopened: the analysis changed after approval",
    ]
    assert review.approved_in_round(incident) == []


def test_other_edits_after_approval_are_recorded_only() -> None:
    incident = in_review("carol")
    review.approve(incident, "carol", at(1))
    before = to_record(incident)
    incident.summary = "A clearer summary"
    review.record_edit_after_approval(incident, before, at(30))
    assert incident.review_status is ReviewStatus.APPROVED
    assert incident.timeline[-1].text == "Edited after approval: summary"
    before = to_record(incident)
    review.record_edit_after_approval(incident, before, at(31))  # nothing changed
    assert incident.timeline[-1].text == "Edited after approval: summary"


def test_edits_before_approval_are_not_noted() -> None:
    incident = in_review("carol")
    before = to_record(incident)
    incident.analysis.trigger = "a deploy"
    count = len(incident.timeline)
    review.record_edit_after_approval(incident, before, at(2))
    assert len(incident.timeline) == count
