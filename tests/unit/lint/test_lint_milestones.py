"""milestone-order and milestone-missing."""

from __future__ import annotations

from dataclasses import replace

from tests.unit.lint.lint_factories import (
    at,
    complete_incident,
    full_milestones,
    lint_record,
    of_rule,
)
from warroom.domain.metrics import MetricDefinition
from warroom.domain.model import Milestones
from warroom.lint import Level


def test_milestones_out_of_order_are_an_error() -> None:
    incident = complete_incident(milestones=replace(full_milestones(), detected=at(-10)))
    [found] = of_rule(lint_record(incident), "milestone-order")
    assert found.level == Level.ERROR
    assert found.field == "milestones.detected"
    assert "detected (2026-03-05 13:50 UTC) is before started" in found.message


def test_milestones_in_order_pass() -> None:
    assert of_rule(lint_record(complete_incident()), "milestone-order") == []


def test_missing_milestones_are_info_one_per_milestone() -> None:
    incident = complete_incident(milestones=Milestones(started=at(0), resolved=at(60)))
    findings = of_rule(lint_record(incident), "milestone-missing")
    assert {f.field for f in findings} == {
        "milestones.detected", "milestones.acknowledged", "milestones.mitigated"
    }  # fmt: skip
    assert all(f.level == Level.INFO for f in findings)
    detected = next(f for f in findings if f.field == "milestones.detected")
    assert "Time to Detect, Time to Acknowledge" in detected.message


def test_only_the_configured_metrics_need_milestones() -> None:
    incident = complete_incident(milestones=Milestones(started=at(0), resolved=at(60)))
    only_resolve = (MetricDefinition("time_to_resolve", "Time to Resolve", "started", "resolved"),)
    assert of_rule(lint_record(incident, metrics=only_resolve), "milestone-missing") == []
