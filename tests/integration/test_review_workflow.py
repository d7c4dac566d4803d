"""The review workflow through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from followup_factories import Clock, context_for

from warroom.domain.model import ContributingFactor, Incident, ReviewStatus, Visibility
from warroom.errors import NotFoundError, ValidationError
from warroom.services import review
from warroom.services.actions import ActionItemChange, NewActionItem, add_action_item
from warroom.services.actions import update_action_item as update_item
from warroom.services.context import Context
from warroom.services.incidents import DeclareIncident, declare_incident, get_incident, mutate
from warroom.services.ports import Viewer
from warroom.storage import Database

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def declared(database: Database, clock: Clock) -> tuple[Context, str]:
    ctx = context_for(database, clock)
    outcome = declare_incident(
        ctx,
        DeclareIncident("Checkout 500s", 3, started_at="2026-11-20 14:00", commander="alice"),
    )
    return ctx, outcome.incident.ref


def write_root_cause(incident: Incident) -> None:
    incident.analysis.root_cause.summary = "A connection pool too small for the new traffic"


def test_request_approve_with_lint_blocking_then_final(database: Database) -> None:
    clock = Clock(NOW)
    ctx, ref = declared(database, clock)
    review.request_review(ctx, ref, ["carol", "dan"], author="alice")
    state = review.get_review_state(ctx, ref)
    assert (state.status, state.waiting) == (ReviewStatus.IN_REVIEW, ["carol", "dan"])
    assert any(b.startswith("missing-section") for b in state.blockers)
    with pytest.raises(ValidationError) as raised:
        review.approve_review(ctx, ref, "carol")
    assert raised.value.field == "lint" and "Root Cause" in raised.value.message
    mutate(ctx, ref, write_root_cause)
    add_action_item(ctx, ref, NewActionItem("Raise the pool size"))
    with pytest.raises(ValidationError, match="action-no-owner"):
        review.approve_review(ctx, ref, "carol")
    update_item(ctx, ref, "AI-1", ActionItemChange(owner="bob"))
    clock.now = NOW + timedelta(hours=1)
    incident, final = review.approve_review(ctx, ref, "carol", comment="clear")
    assert not final and incident.review_status is ReviewStatus.IN_REVIEW
    clock.now = NOW + timedelta(hours=2)
    incident, final = review.approve_review(ctx, ref, "dan")
    assert final and incident.review_status is ReviewStatus.APPROVED
    stored = get_incident(ctx, ref)
    assert [(a.name, a.at, a.comment) for a in stored.review.approvals] == [
        ("carol", NOW + timedelta(hours=1), "clear"),
        ("dan", NOW + timedelta(hours=2), None),
    ]
    with database.engine.connect() as connection:
        approved_at = connection.exec_driver_sql(
            f"SELECT approved_at FROM incidents WHERE ref = '{ref}'"
        ).scalar()
    assert approved_at is not None


def test_changes_requested_and_an_analysis_edit_reopens(database: Database) -> None:
    clock = Clock(NOW)
    ctx, ref = declared(database, clock)
    mutate(ctx, ref, write_root_cause)
    review.request_review(ctx, ref, ["carol"])
    with pytest.raises(ValidationError) as raised:
        review.request_changes(ctx, ref, "carol", comment="")
    assert raised.value.field == "comment"
    review.request_changes(ctx, ref, "carol", comment="Say why it was not caught")
    assert get_incident(ctx, ref).review_status is ReviewStatus.CHANGES_REQUESTED
    review.request_review(ctx, ref, [])
    review.approve_review(ctx, ref, "carol")
    clock.now = NOW + timedelta(days=1)

    def add_factor(incident: Incident) -> None:
        incident.analysis.contributing_factors.append(ContributingFactor("capacity planning"))

    mutate(ctx, ref, add_factor)
    incident = get_incident(ctx, ref)
    assert incident.review_status is ReviewStatus.IN_REVIEW
    assert incident.review.requested_at == NOW + timedelta(days=1)
    assert incident.timeline[-1].text == "Review reopened: the analysis changed after approval"
    with database.engine.connect() as connection:
        approved_at = connection.exec_driver_sql(
            f"SELECT approved_at FROM incidents WHERE ref = '{ref}'"
        ).scalar()
    assert approved_at is None


def test_a_private_incident_is_not_found_by_outsiders(database: Database) -> None:
    ctx, ref = declared(database, Clock(NOW))

    def hide(incident: Incident) -> None:
        incident.visibility = Visibility.PRIVATE

    mutate(ctx, ref, hide)
    with pytest.raises(NotFoundError):
        review.get_review_state(ctx, ref, viewer=Viewer("mallory"))
    with pytest.raises(NotFoundError):
        review.request_review(ctx, ref, ["mallory"], viewer=Viewer("mallory"))
    review.request_review(ctx, ref, ["carol"], viewer=Viewer("alice"))
    assert review.get_review_state(ctx, ref, viewer=Viewer("carol")).reviewers == ["carol"]
