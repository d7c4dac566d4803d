"""Alerts in: a notification opens an incident, or updates the one its group opened.

``ingest_alerts`` handles one notification (one alert group) in one unit of
work: the incident, its timeline entries, the group link, the alert states,
the receipts that make repeats harmless and the webhook events all land
together or not at all. Two processes receiving the same group at once both
try to insert the group's link; the loser's transaction fails on the unique
key, is rolled back whole and retried, and then finds the winner's incident
(and its receipts) instead of opening a second one.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime

from warroom.domain import incident as rules
from warroom.domain.model import Incident, IncidentStatus
from warroom.domain.record import to_record
from warroom.errors import ConflictError, StorageError
from warroom.integrations import alert_mapping as mapping
from warroom.integrations.alerts import FIRING, RESOLVED, Alert, AlertBatch
from warroom.services.audit import record_write
from warroom.services.context import Context
from warroom.services.events import Snapshot, changes_between, record_events, snapshot
from warroom.services.incidents import DeclareIncident, build_incident, store_new_incident
from warroom.services.integration_ports import AlertLink, AlertState
from warroom.services.ports import UnitOfWork

RETRIES = 5


@dataclass(frozen=True)
class IngestResult:
    """What one notification did; ``ref`` is None when it touched no incident."""

    ref: str | None
    opened: bool = False
    added: int = 0  # timeline entries added
    duplicates: int = 0  # alerts already recorded
    mitigated: bool = False
    resolved: bool = False
    note: str | None = None


def ingest_alerts(ctx: Context, batch: AlertBatch) -> IngestResult:
    """Record one alert notification: open or update its group's incident, once."""
    for attempt in range(RETRIES):
        try:
            with ctx.uow() as uow:
                result = _apply(ctx, uow, batch)
                uow.commit()
                return result
        except ConflictError:  # another process recorded this group meanwhile: look again
            pass
        except StorageError as exc:  # PostgreSQL chose this transaction as a deadlock victim
            if "deadlock" not in exc.message:
                raise
        time.sleep(random.uniform(0, 0.05 * (attempt + 1)))
    raise ConflictError("this alert group is being recorded by others right now; send it again")


def _apply(ctx: Context, uow: UnitOfWork, batch: AlertBatch) -> IngestResult:
    now = ctx.now()
    keys = [batch.receipt_key(alert) for alert in batch.alerts]
    seen = uow.alerts.seen(keys)
    # Receipts first, then the link: on PostgreSQL each statement sees what was
    # committed before it, and a group's receipts commit with its link, so
    # receipts seen here mean the link is seen too.
    link = uow.alerts.find_link(batch.group_hash)
    fresh = {key: alert for key, alert in zip(keys, batch.alerts, strict=True) if key not in seen}
    new = list(fresh.values())
    duplicates = len(batch.alerts) - len(new)
    ref = link.incident_ref if link else None
    if not new:
        return IngestResult(ref, duplicates=duplicates, note="already recorded")
    incident = uow.incidents.get(link.incident_ref) if link else None
    firing = [alert for alert in new if alert.status == FIRING]
    opening = bool(firing) and (incident is None or not incident.status.is_open)
    before: Snapshot | None = None
    if opening:
        incident = _new_incident(ctx, batch, new)
        states: dict[str, AlertState] = {}
    elif incident is None or link is None:
        note = "no incident is tied to this alert group"
        return IngestResult(None, duplicates=duplicates, note=note)
    else:
        before = snapshot(incident)
        before_record = to_record(incident)
        states = uow.alerts.states(link.id)
    for alert in new:
        rules.add_event(incident, mapping.alert_event(alert, batch.source))
        states[alert.fingerprint] = AlertState(
            alert.fingerprint, alert.status, alert.starts_at, alert.ends_at
        )
    author = batch.source
    if before is not None and firing and incident.status.is_open:
        level = mapping.group_severity(firing, ctx.settings)
        if level < incident.severity:
            label = ctx.settings.scale.label(level)
            rules.change_severity(incident, level, now, label, author=author)
    mitigated, resolved = _settle(ctx, incident, states)
    version = incident.version
    if before is None:
        store_new_incident(ctx, uow, incident, author=author)
        link = _tie(uow, batch, link, incident.ref, now)
    else:
        assert link is not None
        incident.updated_at = now
        uow.incidents.save(incident, expected_version=version)
        record_write(ctx, uow, before_record, incident, actor=author, action="alerts")
        record_events(uow, ctx.settings, changes_between(before, incident, now))
    for state in states.values():
        uow.alerts.set_state(link.id, state)
    uow.alerts.add_receipts(list(fresh), incident.ref, now)
    return IngestResult(
        incident.ref,
        opened=before is None,
        added=len(new),
        duplicates=duplicates,
        mitigated=mitigated,
        resolved=resolved,
    )


def _new_incident(ctx: Context, batch: AlertBatch, alerts: list[Alert]) -> Incident:
    now = ctx.now()
    started = min(min(alert.starts_at for alert in alerts), now)
    firing = [alert for alert in alerts if alert.status == FIRING]
    where = f"{batch.source} ({batch.receiver})" if batch.receiver else batch.source
    data = DeclareIncident(
        title=mapping.incident_title(batch),
        severity=mapping.group_severity(firing, ctx.settings),
        services=mapping.service_names(alerts, ctx.settings),
        started_at=started,
        detected_at=now,
        detection_source=f"alert: {where}",
        author=batch.source,
    )
    incident = build_incident(ctx, data).incident
    incident.labels.update({"alert_group": batch.group_key, "alert_source": batch.source})
    return incident


def _settle(ctx: Context, incident: Incident, states: dict[str, AlertState]) -> tuple[bool, bool]:
    """Set ``mitigated`` (and resolve, if configured) once every alert has resolved."""
    if not states or any(state.status != RESOLVED for state in states.values()):
        return False, False
    ends = [state.ends_at for state in states.values() if state.ends_at is not None]
    end = max([*ends, incident.milestones.started or ctx.now()])
    mitigated = False
    if incident.milestones.mitigated is None:
        rules.set_milestone(incident, "mitigated", end, author="alerts")
        mitigated = True
    resolved = False
    if ctx.settings.alert_resolve_incident and incident.status.is_open:
        at = max(end, incident.milestones.mitigated or end)
        rules.change_status(incident, IncidentStatus.RESOLVED, at, author="alerts")
        resolved = True
    return mitigated, resolved


def _tie(
    uow: UnitOfWork, batch: AlertBatch, link: AlertLink | None, ref: str, now: datetime
) -> AlertLink:
    if link is None:
        return uow.alerts.add_link(
            source=batch.source,
            group_key=batch.group_key,
            group_hash=batch.group_hash,
            incident_ref=ref,
            at=now,
        )
    uow.alerts.move_link(link, ref, now)
    return AlertLink(link.id, link.group_key, ref)
