"""The audit log: every write of an incident, recorded in the same transaction as the write.

``record_write`` is called by the services that write incidents (``mutate``,
``declare_incident``, ``store_incidents``); ``list_audit`` reads one
incident's log; ``changes_since`` is what a stale-version 409 reports.
"""

from __future__ import annotations

from typing import Any

from warroom.domain.audit import AuditEntry, FieldChange, diff_records
from warroom.domain.model import Incident
from warroom.domain.record import to_record
from warroom.domain.refs import validate_ref
from warroom.domain.times import isoformat_utc
from warroom.services.context import Context
from warroom.services.ports import UnitOfWork, Viewer

_BLANK = to_record(Incident(ref="", title="", severity=0, version=0))


def record_write(
    ctx: Context,
    uow: UnitOfWork,
    before: dict[str, Any] | None,
    after: Incident,
    *,
    actor: str | None,
    action: str,
) -> None:
    """Log the write that turned record ``before`` (None: a new incident) into ``after``."""
    old = before if before is not None else {**_BLANK, "ref": None}
    changes = diff_records(old, to_record(after))
    if before is None:
        # created_at is the entry's own time; repeating it says nothing.
        changes = [c for c in changes if c.field != "created_at"]
    log_changes(ctx, uow, after, changes, actor=actor, action=action)


def log_changes(
    ctx: Context,
    uow: UnitOfWork,
    incident: Incident,
    changes: list[FieldChange],
    *,
    actor: str | None,
    action: str,
) -> None:
    """Log a write of ``incident`` (already at its new version) whose changes are known."""
    uow.audit.add(
        AuditEntry(
            ref=incident.ref,
            version=incident.version,
            at=ctx.now(),
            actor=actor,
            action=action,
            changes=tuple(changes),
        )
    )


def changes_since(uow: UnitOfWork, ref: str, version: int) -> list[dict[str, Any]]:
    """What was changed after ``version``, field by field, with who changed it and when."""
    return [
        {
            "field": change.field,
            "old": change.old,
            "new": change.new,
            "version": entry.version,
            "actor": entry.actor,
            "at": isoformat_utc(entry.at),
        }
        for entry in uow.audit.list_for(ref, after_version=version)
        for change in entry.changes
    ]


def list_audit(
    ctx: Context,
    ref: str,
    *,
    viewer: Viewer | None = None,
    after_version: int = 0,
    limit: int = 1000,
) -> list[AuditEntry]:
    """One incident's audit log, oldest first (NotFoundError if it is not visible)."""
    from warroom.services.incidents import check_visible

    key = validate_ref(ref)
    with ctx.read() as uow:
        incident = uow.incidents.get(key)
        check_visible(incident, viewer)
        return uow.audit.list_for(key, after_version=after_version, limit=limit)
