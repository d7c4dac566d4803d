"""Response metrics of one incident, computed from its milestones.

A metric is a start milestone and an end milestone (configuration); targets
are per severity. A metric whose milestones are missing is *missing*: never
zero, never negative (milestone order is validated on write, so a stored
incident cannot yield a negative duration). Durations are whole seconds
between the two times, each truncated to the second: the same figure the
insights compute in SQL (``storage.sqlfunctions.epoch_seconds``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from warroom.domain.model import Incident


@dataclass(frozen=True)
class MetricDefinition:
    name: str  # time_to_detect
    label: str  # Time to Detect
    start: str  # milestone name
    end: str


@dataclass(frozen=True)
class MetricValue:
    definition: MetricDefinition
    seconds: int | None
    target_seconds: int | None
    # The milestones the metric needs that are not recorded (empty when measured).
    missing: tuple[str, ...] = ()

    @property
    def met(self) -> bool | None:
        if self.seconds is None or self.target_seconds is None:
            return None
        return self.seconds <= self.target_seconds

    def to_dict(self) -> dict[str, int | bool | list[str] | None]:
        """``{"seconds", "target_seconds", "met"}``, plus ``"missing"`` when not measured."""
        data: dict[str, int | bool | list[str] | None] = {
            "seconds": self.seconds,
            "target_seconds": self.target_seconds,
            "met": self.met,
        }
        if self.seconds is None:
            data["missing"] = list(self.missing)
        return data


DEFAULT_METRICS: tuple[MetricDefinition, ...] = (
    MetricDefinition("time_to_detect", "Time to Detect", "started", "detected"),
    MetricDefinition("time_to_acknowledge", "Time to Acknowledge", "detected", "acknowledged"),
    MetricDefinition("time_to_mitigate", "Time to Mitigate", "started", "mitigated"),
    MetricDefinition("time_to_resolve", "Time to Resolve", "started", "resolved"),
)
TOTAL_DURATION = MetricDefinition("total_duration", "Total Duration", "started", "resolved")

# severity -> metric name -> seconds
DEFAULT_TARGETS: dict[int, dict[str, int]] = {
    1: {
        "time_to_detect": 300,
        "time_to_acknowledge": 300,
        "time_to_mitigate": 1800,
        "time_to_resolve": 4 * 3600,
    },
    2: {
        "time_to_detect": 900,
        "time_to_acknowledge": 900,
        "time_to_mitigate": 3600,
        "time_to_resolve": 8 * 3600,
    },
    3: {
        "time_to_detect": 3600,
        "time_to_acknowledge": 3600,
        "time_to_mitigate": 4 * 3600,
        "time_to_resolve": 24 * 3600,
    },
    4: {
        "time_to_detect": 4 * 3600,
        "time_to_acknowledge": 4 * 3600,
        "time_to_mitigate": 24 * 3600,
        "time_to_resolve": 72 * 3600,
    },
}


def compute_metric(
    incident: Incident, definition: MetricDefinition, targets: dict[int, dict[str, int]]
) -> MetricValue:
    start = incident.milestones.get(definition.start)
    end = incident.milestones.get(definition.end)
    missing = tuple(
        name
        for name, moment in ((definition.start, start), (definition.end, end))
        if moment is None
    )
    seconds = None
    if start is not None and end is not None and end >= start:
        seconds = epoch_seconds(end) - epoch_seconds(start)
    target = targets.get(incident.severity, {}).get(definition.name)
    return MetricValue(definition, seconds, target, missing)


def epoch_seconds(moment: datetime) -> int:
    """Seconds since 1970 in UTC, truncated to the second (as the databases do)."""
    return math.floor(moment.timestamp())


def compute_metrics(
    incident: Incident,
    definitions: tuple[MetricDefinition, ...] = DEFAULT_METRICS,
    targets: dict[int, dict[str, int]] | None = None,
) -> dict[str, MetricValue]:
    """Every configured metric, plus total duration (started to resolved)."""
    chosen = DEFAULT_TARGETS if targets is None else targets
    values = {d.name: compute_metric(incident, d, chosen) for d in definitions}
    values[TOTAL_DURATION.name] = compute_metric(incident, TOTAL_DURATION, {})
    return values
