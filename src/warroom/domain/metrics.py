"""Response metrics of one incident, computed from its milestones.

A metric is a start milestone and an end milestone (configuration); targets
are per severity. A metric whose milestones are missing is *missing*: never
zero, never negative (milestone order is validated on write, so a stored
incident cannot yield a negative duration).
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def met(self) -> bool | None:
        if self.seconds is None or self.target_seconds is None:
            return None
        return self.seconds <= self.target_seconds

    @property
    def missing(self) -> list[str]:
        """What is needed and not recorded, for "missing: detected" messages."""
        return [] if self.seconds is not None else [self.definition.start, self.definition.end]

    def to_dict(self) -> dict[str, int | bool | None]:
        return {"seconds": self.seconds, "target_seconds": self.target_seconds, "met": self.met}


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
    seconds = None
    if start is not None and end is not None and end >= start:
        seconds = int((end - start).total_seconds())
    target = targets.get(incident.severity, {}).get(definition.name)
    return MetricValue(definition, seconds, target)


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
