"""Alert notifications as plain data, and the strict reading shared by their sources.

Alertmanager's webhook (version 4) and Grafana alerting's webhook carry the
same alert objects; ``read_alert`` checks one of them and ``read_batch``
the envelope, raising a ``ValidationError`` that names the field at fault
(``alerts[2].startsAt``) before anything is stored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from warroom.errors import ValidationError

FIRING = "firing"
RESOLVED = "resolved"
STATUSES = (FIRING, RESOLVED)
MAX_ALERTS = 1000
# Go's zero time: Alertmanager's "no end yet".
ZERO_TIME = "0001-01-01T00:00:00Z"
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})"
)


@dataclass(frozen=True)
class Alert:
    status: str
    labels: dict[str, str]
    annotations: dict[str, str]
    starts_at: datetime
    ends_at: datetime | None
    fingerprint: str
    generator_url: str | None = None
    dashboard_url: str | None = None

    @property
    def name(self) -> str:
        return self.labels.get("alertname") or "alert"

    @property
    def link(self) -> str | None:
        """The runbook when there is one, else where the alert came from."""
        return (
            self.annotations.get("runbook_url") or self.dashboard_url or self.generator_url or None
        )


@dataclass(frozen=True)
class AlertBatch:
    """One notification: the alerts of one group, as the sender saw them."""

    source: str  # alertmanager | grafana
    receiver: str
    status: str
    group_key: str
    group_labels: dict[str, str]
    common_labels: dict[str, str]
    common_annotations: dict[str, str]
    external_url: str | None
    alerts: tuple[Alert, ...]

    @property
    def group_hash(self) -> str:
        return hashlib.sha256(f"{self.source}\n{self.group_key}".encode()).hexdigest()

    def receipt_key(self, alert: Alert) -> str:
        """What makes a repeat a repeat: the same alert, start and status in the same group."""
        parts = (self.group_hash, alert.fingerprint, alert.starts_at.isoformat(), alert.status)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def parse_rfc3339(value: Any, field: str, *, zero_is_none: bool = False) -> datetime | None:
    """An RFC 3339 time (nanoseconds allowed, cut to microseconds) as aware UTC."""
    if not isinstance(value, str):
        raise ValidationError("expected an RFC 3339 time as a string", field=field)
    if zero_is_none and value in (ZERO_TIME, "0001-01-01T00:00:00.000Z"):
        return None
    match = _RFC3339.fullmatch(value.strip())
    if not match:
        raise ValidationError(f"{value!r} is not an RFC 3339 time", field=field)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if zone in ("Z", "z"):
        tz = UTC
    else:
        sign = 1 if zone[0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    try:
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=tz,
        )
    except ValueError as exc:
        raise ValidationError(f"{value!r} is not a valid time: {exc}", field=field) from None
    return moment.astimezone(UTC)


def string_map(value: Any, field: str, *, required: bool = True) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError("expected an object of strings", field=field)
    for key, item in value.items():
        if not isinstance(item, str):
            raise ValidationError("expected a string", field=f"{field}.{key}")
    return dict(value)


def optional_string(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError("expected a string", field=field)
    return value.strip() or None


def required_string(value: Any, field: str) -> str:
    text = optional_string(value, field)
    if text is None:
        raise ValidationError("is required", field=field)
    return text


def read_status(value: Any, field: str) -> str:
    if value not in STATUSES:
        raise ValidationError(f"{value!r} is not one of: firing, resolved", field=field)
    return str(value)


def label_fingerprint(labels: Mapping[str, str]) -> str:
    """A stable fingerprint for senders that give none: a hash of the sorted labels."""
    text = "\n".join(f"{key}={labels[key]}" for key in sorted(labels))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_alert(data: Any, field: str, *, fingerprint_required: bool) -> Alert:
    if not isinstance(data, Mapping):
        raise ValidationError("expected an object", field=field)
    status = read_status(data.get("status"), f"{field}.status")
    labels = string_map(data.get("labels"), f"{field}.labels")
    starts_at = parse_rfc3339(data.get("startsAt"), f"{field}.startsAt")
    assert starts_at is not None
    ends_at = parse_rfc3339(data.get("endsAt", ZERO_TIME), f"{field}.endsAt", zero_is_none=True)
    if status == RESOLVED and ends_at is None:
        raise ValidationError("a resolved alert needs its end time", field=f"{field}.endsAt")
    if ends_at is not None and ends_at < starts_at:
        raise ValidationError("ends before it starts", field=f"{field}.endsAt")
    fingerprint = optional_string(data.get("fingerprint"), f"{field}.fingerprint")
    if fingerprint is None:
        if fingerprint_required:
            raise ValidationError("is required", field=f"{field}.fingerprint")
        fingerprint = label_fingerprint(labels)
    if len(fingerprint) > 128:
        raise ValidationError("is longer than 128 characters", field=f"{field}.fingerprint")
    return Alert(
        status=status,
        labels=labels,
        annotations=string_map(data.get("annotations"), f"{field}.annotations"),
        starts_at=starts_at,
        ends_at=ends_at,
        fingerprint=fingerprint,
        generator_url=optional_string(data.get("generatorURL"), f"{field}.generatorURL"),
        dashboard_url=optional_string(data.get("panelURL"), f"{field}.panelURL")
        or optional_string(data.get("dashboardURL"), f"{field}.dashboardURL"),
    )


def read_alerts(data: Mapping[str, Any], *, fingerprint_required: bool) -> tuple[Alert, ...]:
    raw = data.get("alerts")
    if not isinstance(raw, list) or not raw:
        raise ValidationError("expected a non-empty list of alerts", field="alerts")
    if len(raw) > MAX_ALERTS:
        raise ValidationError(f"more than {MAX_ALERTS} alerts in one notification", field="alerts")
    return tuple(
        read_alert(item, f"alerts[{index}]", fingerprint_required=fingerprint_required)
        for index, item in enumerate(raw)
    )
