"""update_incident on the in-memory fakes: merge patch, rules, versions and the audit entry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fakes import FakeDatabase
from warroom.config import Settings
from warroom.domain.model import Incident, Milestones
from warroom.errors import StaleVersionError, ValidationError
from warroom.services.context import Context
from warroom.services.updates import merge_patch, update_incident

REF = "INC-2026-11-20-001"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 20, hour, minute, tzinfo=UTC)


@pytest.fixture
def database() -> FakeDatabase:
    started = Incident(
        ref=REF,
        title="Checkout down",
        severity=2,
        milestones=Milestones(started=at(14), detected=at(14, 5)),
    )
    return FakeDatabase([started])


@pytest.fixture
def ctx(database: FakeDatabase) -> Context:
    return Context(settings=Settings(), uow=database.unit_of_work, clock=lambda: at(16))


def test_merge_patch_follows_rfc_7396() -> None:
    target = {"a": 1, "b": {"c": 2, "d": 3}, "e": [1]}
    assert merge_patch(target, {"b": {"c": None, "x": 4}, "e": [2]}) == {
        "a": 1,
        "b": {"d": 3, "x": 4},
        "e": [2],
    }


def test_milestones_move_together_when_each_step_alone_would_break_the_order(
    ctx: Context, database: FakeDatabase
) -> None:
    patch = {"milestones": {"started": "2026-11-20T15:00:00Z", "detected": "2026-11-20T15:10:00Z"}}
    outcome = update_incident(ctx, REF, patch, expected_version=1, actor="rita")
    assert outcome.incident.milestones.started == at(15)
    assert outcome.incident.milestones.detected == at(15, 10)
    entry = database.accounts.audit[-1]
    assert (entry.version, entry.actor, entry.action) == (2, "rita", "update")
    assert [c.field for c in entry.changes][:2] == ["milestones.started", "milestones.detected"]


def test_a_refused_patch_writes_nothing(ctx: Context, database: FakeDatabase) -> None:
    with pytest.raises(ValidationError) as refused:
        update_incident(
            ctx, REF, {"summary": "x", "status": "sleeping"}, expected_version=1, actor="rita"
        )
    assert refused.value.field == "status"
    assert database.incidents[REF].summary is None
    assert database.accounts.audit == []


def test_stale_version_lists_the_changes_since(ctx: Context) -> None:
    update_incident(ctx, REF, {"title": "Checkout API down"}, expected_version=1, actor="ann")
    with pytest.raises(StaleVersionError) as stale:
        update_incident(ctx, REF, {"summary": "x"}, expected_version=1, actor="bob")
    assert [(c["field"], c["new"], c["actor"]) for c in stale.value.changes] == [
        ("title", "Checkout API down", "ann")
    ]


def test_a_patch_that_changes_nothing_keeps_the_version(ctx: Context) -> None:
    outcome = update_incident(ctx, REF, {"title": "Checkout down"}, expected_version=1)
    assert outcome.incident.version == 1
