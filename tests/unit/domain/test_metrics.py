"""Metric values on hand-built milestones: measured, missing, equal, and the JSON shape."""

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.metrics import (
    DEFAULT_METRICS,
    MetricDefinition,
    compute_metric,
    compute_metrics,
)
from warroom.domain.model import Incident, Milestones

T0 = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def incident(severity: int = 1, **offsets: float | None) -> Incident:
    moments = {
        k: (T0 + timedelta(seconds=v) if v is not None else None) for k, v in offsets.items()
    }
    return Incident(
        ref="INC-2026-11-20-001", title="x", severity=severity, milestones=Milestones(**moments)
    )


def test_every_metric_in_seconds_with_its_target() -> None:
    values = compute_metrics(
        incident(started=0, detected=240, acknowledged=300, mitigated=1500, resolved=4000)
    )
    assert {name: v.seconds for name, v in values.items()} == {
        "time_to_detect": 240,
        "time_to_acknowledge": 60,
        "time_to_mitigate": 1500,
        "time_to_resolve": 4000,
        "total_duration": 4000,
    }
    assert values["time_to_detect"].to_dict() == {
        "seconds": 240,
        "target_seconds": 300,
        "met": True,
    }
    assert values["time_to_mitigate"].met is True
    assert values["total_duration"].to_dict() == {
        "seconds": 4000,
        "target_seconds": None,
        "met": None,
    }


def test_a_missed_target_is_not_met() -> None:
    values = compute_metrics(incident(started=0, detected=301))
    assert values["time_to_detect"].met is False


def test_missing_milestones_are_named_never_zero() -> None:
    values = compute_metrics(incident(started=0, acknowledged=100))
    detect = values["time_to_detect"]
    assert detect.seconds is None and detect.met is None
    assert detect.to_dict() == {
        "seconds": None,
        "target_seconds": 300,
        "met": None,
        "missing": ["detected"],
    }
    assert values["time_to_acknowledge"].missing == ("detected",)
    assert compute_metrics(incident())["time_to_resolve"].missing == ("started", "resolved")


def test_equal_milestones_are_zero_seconds_and_met() -> None:
    values = compute_metrics(incident(started=0, detected=0, acknowledged=0))
    assert values["time_to_detect"].seconds == 0
    assert values["time_to_detect"].met is True
    assert values["time_to_acknowledge"].to_dict()["seconds"] == 0


def test_fractions_of_seconds_truncate_like_the_database() -> None:
    values = compute_metrics(incident(started=0.9, detected=61.2))
    # 14:00:00.9 -> 14:01:01.2: whole seconds 14:00:00 -> 14:01:01.
    assert values["time_to_detect"].seconds == 61


def test_an_end_before_its_start_is_missing_not_negative() -> None:
    # Order is validated on write; a record that slipped through still never shows < 0.
    value = compute_metric(
        incident(started=100, detected=50), DEFAULT_METRICS[0], {1: {"time_to_detect": 300}}
    )
    assert value.seconds is None


@pytest.mark.parametrize("severity", [1, 4, 9])
def test_targets_follow_the_severity(severity: int) -> None:
    custom = MetricDefinition("time_to_close", "Time to Close", "resolved", "closed")
    values = compute_metrics(
        incident(severity, resolved=0, closed=7200), (custom,), {4: {"time_to_close": 3600}}
    )
    assert values["time_to_close"].seconds == 7200
    assert values["time_to_close"].met is (False if severity == 4 else None)
