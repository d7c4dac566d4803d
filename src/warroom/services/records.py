"""JSON shapes of what the services return, shared by the CLI ``--json``, the API and the web.

The incident itself is ``domain.record.to_record``; these are the other
rows: list summaries (docs/record.md), action items across incidents,
audit entries, users and tokens.
"""

from __future__ import annotations

from typing import Any

from warroom.domain.accounts import ApiToken, User
from warroom.domain.audit import AuditEntry
from warroom.domain.record import dump_part
from warroom.domain.times import isoformat_utc
from warroom.services.ports import ActionItemRow, IncidentSummary


def summary_record(summary: IncidentSummary) -> dict[str, Any]:
    """The JSON shape of one row of a list (see docs/record.md)."""
    return {
        "ref": summary.ref,
        "title": summary.title,
        "severity": summary.severity,
        "status": summary.status.value,
        "review_status": summary.review_status.value,
        "visibility": summary.visibility.value,
        "services": list(summary.services),
        "commander": summary.commander,
        "started": isoformat_utc(summary.started),
        "resolved": isoformat_utc(summary.resolved),
        "created_at": isoformat_utc(summary.created_at),
        "updated_at": isoformat_utc(summary.updated_at),
    }


def action_row_record(row: ActionItemRow) -> dict[str, Any]:
    return {"ref": row.ref, "incident_title": row.incident_title, "item": dump_part(row.item)}


def audit_record(entry: AuditEntry) -> dict[str, Any]:
    return {
        "ref": entry.ref,
        "version": entry.version,
        "at": isoformat_utc(entry.at),
        "actor": entry.actor,
        "action": entry.action,
        "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in entry.changes],
    }


def user_record(user: User) -> dict[str, Any]:
    return {
        "name": user.name,
        "role": user.role.value,
        "created_at": isoformat_utc(user.created_at),
        "disabled": user.disabled,
        "has_password": user.has_password,
    }


def token_record(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "scope": token.scope.value,
        "user": token.user,
        "created_by": token.created_by,
        "created_at": isoformat_utc(token.created_at),
        "last_used_at": isoformat_utc(token.last_used_at),
        "revoked_at": isoformat_utc(token.revoked_at),
    }
