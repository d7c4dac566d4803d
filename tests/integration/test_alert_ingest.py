"""Alert notifications opening and updating incidents, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from integration_context import Clock, context_for
from sqlalchemy import func, select

from warroom.domain.model import IncidentStatus, Source
from warroom.integrations.alertmanager import read_notification
from warroom.integrations.ingest import ingest_alerts
from warroom.services import incidents as svc
from warroom.services.audit import list_audit
from warroom.storage import Database
from warroom.storage.integration_tables import alert_links, alert_receipts
from warroom.storage.tables import incidents


def fixture(shared_dir: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_dir / "fixtures" / "alertmanager" / name).read_text())
    return data


def count(database: Database, table: Any) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def second_alert(data: dict[str, Any], fingerprint: str, severity: str) -> dict[str, Any]:
    alert = copy.deepcopy(data["alerts"][0])
    alert["fingerprint"] = fingerprint
    alert["labels"] = {**alert["labels"], "instance": "db-2", "severity": severity}
    alert["startsAt"] = "2026-11-22T04:56:00Z"
    return alert


def test_firing_opens_repeat_adds_nothing_resolved_mitigates(
    database: Database, shared_dir: Path
) -> None:
    ctx = context_for(database)
    firing = read_notification(fixture(shared_dir, "firing.json"))
    opened = ingest_alerts(ctx, firing)
    assert opened.opened and opened.added == 1 and opened.ref
    repeat = ingest_alerts(ctx, firing)
    assert (repeat.ref, repeat.opened, repeat.added, repeat.duplicates) == (opened.ref, False, 0, 1)

    incident = svc.get_incident(ctx, opened.ref)
    assert incident.title == "p99 latency above 2s"
    assert incident.severity == 1
    assert incident.service_names == ["api"]
    assert incident.milestones.started == firing.alerts[0].starts_at
    assert incident.milestones.detected == ctx.now()
    assert incident.detection_source == "alert: alertmanager (incident-app)"
    alerts = [e for e in incident.timeline if e.source is Source.ALERT]
    assert len(alerts) == 1 and alerts[0].link == "http://runbooks.local/latency"

    resolved = read_notification(fixture(shared_dir, "resolved.json"))
    done = ingest_alerts(ctx, resolved)
    assert (done.ref, done.added, done.mitigated, done.resolved) == (opened.ref, 1, True, False)
    assert ingest_alerts(ctx, resolved).added == 0
    incident = svc.get_incident(ctx, opened.ref)
    assert incident.milestones.mitigated == resolved.alerts[0].ends_at
    assert incident.status is IncidentStatus.INVESTIGATING  # resolving is a person's call
    assert [e.text.split(":")[0] for e in incident.timeline if e.source is Source.ALERT] == [
        "Firing",
        "Resolved",
    ]
    assert count(database, incidents) == 1
    assert count(database, alert_receipts) == 2
    log = list_audit(ctx, opened.ref)
    assert [(e.action, e.actor) for e in log] == [
        ("declare", "alertmanager"),
        ("alerts", "alertmanager"),
    ]


def test_resolving_the_incident_when_configured(database: Database, shared_dir: Path) -> None:
    ctx = context_for(database, alert_resolve_incident=True)
    ref = ingest_alerts(ctx, read_notification(fixture(shared_dir, "firing.json"))).ref
    done = ingest_alerts(ctx, read_notification(fixture(shared_dir, "resolved.json")))
    assert done.resolved
    assert ref is not None
    incident = svc.get_incident(ctx, ref)
    assert incident.status is IncidentStatus.RESOLVED
    assert incident.milestones.resolved == incident.milestones.mitigated


def test_mitigated_only_when_every_alert_of_the_group_resolved(
    database: Database, shared_dir: Path
) -> None:
    ctx = context_for(database)
    data = fixture(shared_dir, "firing.json")
    data["alerts"].append(second_alert(data, "aaaa000000000002", "warning"))
    ref = ingest_alerts(ctx, read_notification(data)).ref
    assert ref is not None
    partly = fixture(shared_dir, "resolved.json")
    partly["alerts"].append(second_alert(data, "aaaa000000000002", "warning"))
    partly["status"] = "firing"
    result = ingest_alerts(ctx, read_notification(partly))
    assert (result.added, result.duplicates, result.mitigated) == (1, 1, False)
    assert svc.get_incident(ctx, ref).milestones.mitigated is None


def test_a_new_alert_attaches_and_raises_the_severity(database: Database, shared_dir: Path) -> None:
    ctx = context_for(database)
    data = fixture(shared_dir, "firing.json")
    data["alerts"][0]["labels"]["severity"] = "warning"
    ref = ingest_alerts(ctx, read_notification(data)).ref
    assert ref is not None
    assert svc.get_incident(ctx, ref).severity == 3
    data["alerts"].append(second_alert(data, "bbbb000000000002", "critical"))
    result = ingest_alerts(ctx, read_notification(data))
    assert (result.ref, result.opened, result.added) == (ref, False, 1)
    incident = svc.get_incident(ctx, ref)
    assert incident.severity == 1
    assert any(e.text.startswith("Severity raised") for e in incident.timeline)


def test_after_the_incident_is_resolved_a_new_firing_opens_another(
    database: Database, shared_dir: Path
) -> None:
    clock = Clock()
    ctx = context_for(database, clock)
    first = ingest_alerts(ctx, read_notification(fixture(shared_dir, "firing.json"))).ref
    assert first is not None
    svc.change_status(ctx, first, "resolved", author="alice")
    clock.advance(3600)
    again = fixture(shared_dir, "firing.json")
    again["alerts"][0]["startsAt"] = "2026-11-22T05:30:00Z"
    second = ingest_alerts(ctx, read_notification(again))
    assert second.opened and second.ref != first
    assert count(database, alert_links) == 1  # the group now points at the new incident


def test_resolved_alerts_of_an_unknown_group_are_ignored(
    database: Database, shared_dir: Path
) -> None:
    ctx = context_for(database)
    result = ingest_alerts(ctx, read_notification(fixture(shared_dir, "resolved.json")))
    assert result.ref is None and result.note
    assert count(database, incidents) == 0


def test_two_receivers_of_the_same_group_open_one_incident(
    database: Database, shared_dir: Path
) -> None:
    ctx = context_for(database)
    batch = read_notification(fixture(shared_dir, "firing.json"))
    results: list[Any] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def receive() -> None:
        barrier.wait(timeout=10)
        try:
            results.append(ingest_alerts(ctx, batch))
        except BaseException as exc:  # pragma: no cover - shown by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=receive) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len({r.ref for r in results}) == 1
    assert sum(r.opened for r in results) == 1
    assert count(database, incidents) == 1
    assert count(database, alert_receipts) == 1


@pytest.mark.parametrize("field", ["version", "alerts[0].startsAt"])
def test_bad_payloads_store_nothing(database: Database, shared_dir: Path, field: str) -> None:
    from warroom.errors import ValidationError

    data = fixture(shared_dir, "firing.json")
    if field == "version":
        data["version"] = "3"
    else:
        data["alerts"][0]["startsAt"] = "yesterday"
    with pytest.raises(ValidationError):
        ingest_alerts(context_for(database), read_notification(data))
    assert count(database, incidents) == 0
