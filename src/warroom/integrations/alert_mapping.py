"""From alerts to incident fields and timeline entries: pure functions, no I/O.

- title: the first firing alert's ``summary`` annotation, else the group's
  common summary, else the alert name;
- severity: the most severe of the alerts' severity labels, read through
  ``alert_severity_map`` (``critical`` -> 1, ...);
- services: the values of the ``alert_service_labels`` labels;
- one timeline entry per alert, with its labels and annotations in the text
  and its runbook (or where it came from) as the link.
"""

from __future__ import annotations

from collections.abc import Iterable

from warroom.config import Settings
from warroom.domain.model import EventKind, Phase, Source, TimelineEvent
from warroom.integrations.alerts import FIRING, Alert, AlertBatch

MAX_TITLE = 200
# Annotations shown in the entry's headline or as its link, not listed again.
_SHOWN_ELSEWHERE = ("summary", "runbook_url")


def incident_title(batch: AlertBatch) -> str:
    firing = [alert for alert in batch.alerts if alert.status == FIRING] or list(batch.alerts)
    for alert in firing:
        if alert.annotations.get("summary", "").strip():
            return _cut(alert.annotations["summary"])
    summary = batch.common_annotations.get("summary", "").strip()
    return _cut(summary or firing[0].name)


def alert_severity(alert: Alert, settings: Settings) -> int:
    """The alert's level on the configured scale (levels past its end: the least severe)."""
    value = alert.labels.get(settings.alert_severity_label, "").strip().lower()
    level = settings.alert_severity_map.get(value, settings.alert_default_severity)
    return min(level, settings.scale.levels)


def group_severity(alerts: Iterable[Alert], settings: Settings) -> int:
    levels = [alert_severity(alert, settings) for alert in alerts]
    return min(levels, default=min(settings.alert_default_severity, settings.scale.levels))


def service_names(alerts: Iterable[Alert], settings: Settings) -> list[str]:
    labels = [name.strip() for name in settings.alert_service_labels.split(",") if name.strip()]
    names: dict[str, None] = {}
    for alert in alerts:
        for label in labels:
            value = alert.labels.get(label, "").strip()
            if value:
                names[value] = None
    return list(names)


def alert_text(alert: Alert) -> str:
    """``Firing: HighLatency: p99 latency above 2s. Labels: ... Annotations: ...``."""
    state = "Firing" if alert.status == FIRING else "Resolved"
    headline = f"{state}: {alert.name}"
    summary = alert.annotations.get("summary", "").strip()
    if summary:
        headline += f": {summary}"
    parts = [headline]
    if alert.labels:
        parts.append("Labels: " + ", ".join(f"{k}={v}" for k, v in sorted(alert.labels.items())))
    others = {k: v for k, v in alert.annotations.items() if k not in _SHOWN_ELSEWHERE}
    if others:
        parts.append("Annotations: " + "; ".join(f"{k}: {v}" for k, v in sorted(others.items())))
    runbook = alert.annotations.get("runbook_url")
    if runbook:
        parts.append(f"Runbook: {runbook}")
    return ". ".join(part.rstrip(".") for part in parts) + "."


def alert_event(alert: Alert, source: str) -> TimelineEvent:
    """The timeline entry of one alert: when it fired, or when it resolved."""
    firing = alert.status == FIRING
    at = alert.starts_at if firing or alert.ends_at is None else alert.ends_at
    return TimelineEvent(
        at=at,
        text=alert_text(alert),
        kind=EventKind.ALERT,
        phase=Phase.DETECTION if firing else Phase.RESOLUTION,
        source=Source.ALERT,
        author=source,
        link=alert.link,
    )


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1].rstrip() + "…"
