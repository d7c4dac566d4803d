"""Alertmanager and Grafana payloads read strictly, and mapped to incident fields."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from warroom.config import Settings
from warroom.domain.model import EventKind, Phase, Source
from warroom.errors import ValidationError
from warroom.integrations import alert_mapping as mapping
from warroom.integrations import alertmanager, grafana
from warroom.integrations.alerts import parse_rfc3339

GRAFANA = {
    "receiver": "warroom",
    "status": "firing",
    "orgId": 1,
    "alerts": [
        {
            "status": "firing",
            "labels": {"alertname": "DiskFull", "team": "infra", "severity": "warning"},
            "annotations": {"description": "/var is 97% full"},
            "startsAt": "2026-11-22T03:00:00+01:00",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://grafana.local/alerting/grafana/abc/view",
            "fingerprint": "c6eadffa33fcdf37",
            "silenceURL": "http://grafana.local/alerting/silence/new",
            "dashboardURL": "http://grafana.local/d/disk",
            "panelURL": "http://grafana.local/d/disk?viewPanel=2",
            "values": {"B": 97.1},
            "valueString": "[ var='B' value=97.1 ]",
        }
    ],
    "groupLabels": {"alertname": "DiskFull"},
    "commonLabels": {"alertname": "DiskFull", "team": "infra"},
    "commonAnnotations": {},
    "externalURL": "http://grafana.local/",
    "version": "1",
    "groupKey": '{}/{}:{alertname="DiskFull"}',
    "truncatedAlerts": 0,
    "title": "[FIRING:1] DiskFull",
    "state": "alerting",
    "message": "**Firing** ...",
}


def load(shared_dir: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_dir / "fixtures" / "alertmanager" / name).read_text())
    return data


def test_the_real_firing_notification(shared_dir: Path) -> None:
    batch = alertmanager.read_notification(load(shared_dir, "firing.json"))
    assert batch.source == "alertmanager"
    assert batch.status == "firing"
    assert batch.group_key == '{}:{alertname="HighLatency", service="api"}'
    (alert,) = batch.alerts
    assert alert.starts_at == datetime(2026, 11, 22, 4, 54, 58, 544619, tzinfo=UTC)
    assert alert.ends_at is None  # Go's zero time means "not ended"
    assert alert.fingerprint == "9728d6fa69631cba"
    assert alert.link == "http://runbooks.local/latency"  # runbook first; generatorURL is ""


def test_the_real_resolved_notification(shared_dir: Path) -> None:
    firing = alertmanager.read_notification(load(shared_dir, "firing.json"))
    resolved = alertmanager.read_notification(load(shared_dir, "resolved.json"))
    (alert,) = resolved.alerts
    assert alert.status == "resolved"
    assert alert.ends_at == datetime(2026, 11, 22, 4, 55, 6, tzinfo=UTC)
    assert resolved.group_hash == firing.group_hash
    assert resolved.receipt_key(alert) != firing.receipt_key(firing.alerts[0])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(version="3"), "version"),
        (lambda d: d.pop("version"), "version"),
        (lambda d: d.update(status="pending"), "status"),
        (lambda d: d.update(groupKey=""), "groupKey"),
        (lambda d: d.update(alerts=[]), "alerts"),
        (lambda d: d.update(alerts="x"), "alerts"),
        (lambda d: d["alerts"][0].update(status="ok"), "alerts[0].status"),
        (lambda d: d["alerts"][0].update(startsAt="2026-11-22 04:54"), "alerts[0].startsAt"),
        (lambda d: d["alerts"][0].update(startsAt="2026-13-22T04:54:58Z"), "alerts[0].startsAt"),
        (lambda d: d["alerts"][0].pop("startsAt"), "alerts[0].startsAt"),
        (lambda d: d["alerts"][0].update(endsAt="2026-11-21T00:00:00Z"), "alerts[0].endsAt"),
        (lambda d: d["alerts"][0]["labels"].update(severity=1), "alerts[0].labels.severity"),
        (lambda d: d["alerts"][0].update(annotations=None), "alerts[0].annotations"),
        (lambda d: d["alerts"][0].pop("fingerprint"), "alerts[0].fingerprint"),
        (lambda d: d.update(commonLabels=[]), "commonLabels"),
    ],
)
def test_bad_alertmanager_payloads_name_the_field(
    shared_dir: Path, change: Any, field: str
) -> None:
    data = copy.deepcopy(load(shared_dir, "firing.json"))
    change(data)
    with pytest.raises(ValidationError) as caught:
        alertmanager.read_notification(data)
    assert caught.value.field == field


def test_a_resolved_alert_needs_its_end(shared_dir: Path) -> None:
    data = load(shared_dir, "resolved.json")
    data["alerts"][0]["endsAt"] = "0001-01-01T00:00:00Z"
    with pytest.raises(ValidationError, match="end time") as caught:
        alertmanager.read_notification(data)
    assert caught.value.field == "alerts[0].endsAt"


def test_not_an_object() -> None:
    with pytest.raises(ValidationError) as caught:
        alertmanager.read_notification([1, 2])
    assert caught.value.field == "body"


def test_rfc3339_offsets_and_nanoseconds() -> None:
    at = parse_rfc3339("2026-11-22T05:54:58.123456789+01:00", "t")
    assert at == datetime(2026, 11, 22, 4, 54, 58, 123456, tzinfo=UTC)
    assert parse_rfc3339("0001-01-01T00:00:00Z", "t", zero_is_none=True) is None


def test_grafana_payload() -> None:
    batch = grafana.read_notification(GRAFANA)
    (alert,) = batch.alerts
    assert batch.source == "grafana"
    assert alert.starts_at == datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    assert alert.link == "http://grafana.local/d/disk?viewPanel=2"


def test_grafana_without_fingerprint_or_group_key_derives_them() -> None:
    data = copy.deepcopy(GRAFANA)
    del data["groupKey"], data["alerts"][0]["fingerprint"]
    first = grafana.read_notification(data)
    again = grafana.read_notification(copy.deepcopy(data))
    assert first.group_key == again.group_key
    assert first.alerts[0].fingerprint == again.alerts[0].fingerprint != ""


def test_grafana_bad_version() -> None:
    with pytest.raises(ValidationError) as caught:
        grafana.read_notification({**GRAFANA, "version": "4"})
    assert caught.value.field == "version"


def test_mapping_title_severity_services_and_entry(shared_dir: Path) -> None:
    settings = Settings.load(environ={}, alert_service_labels="service, job")
    batch = alertmanager.read_notification(load(shared_dir, "firing.json"))
    (alert,) = batch.alerts
    assert mapping.incident_title(batch) == "p99 latency above 2s"
    assert mapping.group_severity(batch.alerts, settings) == 1
    assert mapping.service_names(batch.alerts, settings) == ["api"]
    event = mapping.alert_event(alert, "alertmanager")
    assert (event.kind, event.source, event.phase) == (
        EventKind.ALERT,
        Source.ALERT,
        Phase.DETECTION,
    )
    assert event.at == alert.starts_at
    assert event.link == "http://runbooks.local/latency"
    assert event.text.startswith("Firing: HighLatency: p99 latency above 2s.")
    assert "instance=db-1" in event.text and "severity=critical" in event.text


def test_severity_map_is_configurable_and_clamped() -> None:
    settings = Settings.load(
        environ={}, alert_severity_map={"page": 1, "ticket": 9}, alert_default_severity=2
    )
    batch = grafana.read_notification(GRAFANA)
    alert = batch.alerts[0]
    assert mapping.alert_severity(alert, settings) == 2  # "warning" is not in this map
    paged = type(alert)(**{**alert.__dict__, "labels": {"severity": "ticket"}})
    assert mapping.alert_severity(paged, settings) == 4  # past the end of SEV-1..4
    assert mapping.incident_title(batch) == "DiskFull"  # no summary: the alert's name
