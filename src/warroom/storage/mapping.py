"""An ``Incident`` to table rows and back.

The scalar columns and child tables hold the parts that are queried; the
``record`` JSON column holds the rest of ``domain.record.to_record``. Reading
puts the two back together, field for field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.engine import RowMapping

from warroom.domain.model import (
    LIST_ROLE_NAMES,
    ROLE_NAMES,
    ActionItem,
    ActionKind,
    ActionStatus,
    Audience,
    Communication,
    ContributingFactor,
    EventKind,
    Horizon,
    Incident,
    IncidentStatus,
    Milestones,
    Phase,
    Priority,
    ReviewStatus,
    Roles,
    ServiceImpact,
    Source,
    TimelineEvent,
    Visibility,
)
from warroom.domain.record import from_record, to_record
from warroom.errors import StorageError, WarroomError

Row = RowMapping

# Keys of the JSON record that live in columns or child tables instead.
_COLUMN_KEYS = (
    "ref",
    "title",
    "summary",
    "severity",
    "status",
    "review_status",
    "visibility",
    "detection_source",
    "milestones",
    "services",
    "timeline",
    "roles",
    "action_items",
    "communications",
    "created_at",
    "updated_at",
    "version",
)


def incident_values(incident: Incident) -> dict[str, Any]:
    """The ``incidents`` row of an incident, without its id."""
    record = to_record(incident)
    for key in _COLUMN_KEYS:
        record.pop(key, None)
    record["analysis"].pop("contributing_factors", None)
    values: dict[str, Any] = {
        "ref": incident.ref,
        "title": incident.title,
        "summary": incident.summary,
        "severity": incident.severity,
        "status": incident.status.value,
        "review_status": incident.review_status.value,
        "visibility": incident.visibility.value,
        "detection_source": incident.detection_source,
        "created_at": incident.created_at,
        "updated_at": incident.updated_at,
        "version": incident.version,
        "record": record,
    }
    for name, moment in incident.milestones.items():
        values[f"{name}_at"] = moment
    values["approved_at"] = approved_at(incident)
    values["review_meeting_at"] = incident.review.meeting_at
    return values


def approved_at(incident: Incident) -> datetime | None:
    """When the review was finally approved: the last approval, once the status is approved."""
    if incident.review_status is not ReviewStatus.APPROVED:
        return None
    times = [a.at for a in incident.review.approvals if a.approved and a.at is not None]
    return max(times, default=None)


def child_rows(incident: Incident, incident_id: int) -> dict[str, list[dict[str, Any]]]:
    """The rows of every child table, by table name."""

    def rows(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        return [{"incident_id": incident_id, "position": i, **item} for i, item in enumerate(items)]

    roles: list[dict[str, Any]] = []
    for role in ROLE_NAMES:
        person = getattr(incident.roles, role)
        if person is not None:
            roles.append(
                {"incident_id": incident_id, "role": role, "position": 0, "person": person}
            )
    for role in LIST_ROLE_NAMES:
        for i, person in enumerate(getattr(incident.roles, role)):
            roles.append(
                {"incident_id": incident_id, "role": role, "position": i, "person": person}
            )
    return {
        "incident_services": rows(
            [{"name": s.name, "impact": s.impact} for s in incident.services]
        ),
        "timeline_events": rows([_event_values(e) for e in incident.timeline]),
        "action_items": rows([_action_values(a) for a in incident.action_items]),
        "incident_roles": roles,
        "contributing_factors": rows(
            [
                {"name": f.name, "description": f.description, "impact": f.impact}
                for f in incident.analysis.contributing_factors
            ]
        ),
        "communications": rows(
            [
                {
                    "at": c.at,
                    "summary": c.summary,
                    "audience": c.audience.value,
                    "channel": c.channel,
                }
                for c in incident.communications
            ]
        ),
    }


def incident_from_rows(row: Row, children: Mapping[str, Sequence[Row]]) -> Incident:
    """Rebuild an incident from its row and its child rows (each in position order)."""
    try:
        incident = from_record(
            {"ref": row["ref"], "title": row["title"], "severity": row["severity"], **row["record"]}
        )
        incident.summary = row["summary"]
        incident.status = IncidentStatus(row["status"])
        incident.review_status = ReviewStatus(row["review_status"])
        incident.visibility = Visibility(row["visibility"])
        incident.detection_source = row["detection_source"]
        incident.milestones = Milestones(
            **{name.removesuffix("_at"): row[name] for name in _MILESTONE_COLUMNS}
        )
        incident.created_at = row["created_at"]
        incident.updated_at = row["updated_at"]
        incident.version = row["version"]
        incident.services = [
            ServiceImpact(r["name"], r["impact"]) for r in children["incident_services"]
        ]
        incident.timeline = [_event(r) for r in children["timeline_events"]]
        incident.action_items = [action_item_from_row(r) for r in children["action_items"]]
        incident.roles = _roles(children["incident_roles"])
        incident.analysis.contributing_factors = [
            ContributingFactor(r["name"], r["description"], r["impact"])
            for r in children["contributing_factors"]
        ]
        incident.communications = [
            Communication(r["at"], r["summary"], Audience(r["audience"]), r["channel"])
            for r in children["communications"]
        ]
    except (WarroomError, ValueError, KeyError, TypeError) as exc:
        raise StorageError(f"the stored incident {row['ref']} cannot be read: {exc}") from exc
    return incident


def action_item_from_row(row: Row) -> ActionItem:
    """An action item from its ``action_items`` row."""
    return ActionItem(
        key=row["key"],
        title=row["title"],
        owner=row["owner"],
        due=row["due"],
        priority=Priority(row["priority"]),
        status=ActionStatus(row["status"]),
        reason=row["reason"],
        horizon=Horizon(row["horizon"]) if row["horizon"] is not None else None,
        kind=ActionKind(row["kind"]) if row["kind"] is not None else None,
        factor=row["factor"],
        ticket=row["ticket"],
        created_at=row["created_at"],
        completed_at=row["completed_at"],
    )


_MILESTONE_COLUMNS = tuple(f"{name}_at" for name in Milestones.__dataclass_fields__)


def _event_values(event: TimelineEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "text": event.text,
        "kind": event.kind.value,
        "phase": event.phase.value if event.phase is not None else None,
        "source": event.source.value,
        "author": event.author,
        "link": event.link,
        "action_taken": event.action_taken,
    }


def _event(row: Row) -> TimelineEvent:
    return TimelineEvent(
        at=row["at"],
        text=row["text"],
        kind=EventKind(row["kind"]),
        phase=Phase(row["phase"]) if row["phase"] is not None else None,
        source=Source(row["source"]),
        author=row["author"],
        link=row["link"],
        action_taken=row["action_taken"],
    )


def _action_values(item: ActionItem) -> dict[str, Any]:
    return {
        "key": item.key,
        "title": item.title,
        "owner": item.owner,
        "due": item.due,
        "priority": item.priority.value,
        "status": item.status.value,
        "reason": item.reason,
        "horizon": item.horizon.value if item.horizon is not None else None,
        "kind": item.kind.value if item.kind is not None else None,
        "factor": item.factor,
        "ticket": item.ticket,
        "created_at": item.created_at,
        "completed_at": item.completed_at,
    }


def _roles(rows: Sequence[Row]) -> Roles:
    roles = Roles()
    for row in rows:
        if row["role"] in LIST_ROLE_NAMES:
            getattr(roles, row["role"]).append(row["person"])
        else:
            setattr(roles, row["role"], row["person"])
    return roles
