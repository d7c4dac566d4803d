"""The response metrics of one incident: what ``warroom metrics`` and the incident page show.

The figures come from ``domain.metrics`` (milestones in, whole seconds out);
definitions and per-severity targets come from the settings.
"""

from __future__ import annotations

from typing import Any

from warroom.domain.metrics import MetricValue, compute_metrics
from warroom.domain.model import Incident
from warroom.services.context import Context
from warroom.services.incidents import get_incident
from warroom.services.ports import Viewer


def metrics_of(ctx: Context, incident: Incident) -> dict[str, MetricValue]:
    """Every configured metric of ``incident``, plus ``total_duration``, by name."""
    settings = ctx.settings
    return compute_metrics(incident, settings.metric_definitions, settings.metric_targets)


def get_incident_metrics(
    ctx: Context, ref: str, *, viewer: Viewer | None = None
) -> tuple[Incident, dict[str, MetricValue]]:
    """The incident ``ref`` and its metrics; NotFoundError when ``viewer`` may not see it."""
    incident = get_incident(ctx, ref, viewer=viewer)
    return incident, metrics_of(ctx, incident)


def metrics_record(values: dict[str, MetricValue]) -> dict[str, Any]:
    """The JSON shape: ``{"time_to_detect": {"seconds", "target_seconds", "met"}, ...}``.

    A metric whose milestones are missing has ``"seconds": null`` and lists
    them: ``{"seconds": null, "missing": ["detected"], ...}``.
    """
    return {name: value.to_dict() for name, value in values.items()}
