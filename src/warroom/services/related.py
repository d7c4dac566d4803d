"""Recurrence and similar incidents: what an incident has in common with others.

``related_incidents`` answers "has this happened before?" for the incident
page and ``warroom show``: earlier incidents sharing a contributing factor
or a service, with their still-open action items. ``similar_incidents``
ranks any other incident by shared factors, shared services and text
similarity (``storage.related`` has the scoring).
"""

from __future__ import annotations

from typing import Any

from warroom.domain.record import dump_part
from warroom.domain.refs import validate_ref
from warroom.domain.times import isoformat_utc
from warroom.services.context import Context
from warroom.services.insight_ports import RelatedRow
from warroom.services.ports import Viewer

RelatedIncident = RelatedRow


def related_incidents(
    ctx: Context, ref: str, *, viewer: Viewer | None = None, limit: int = 10
) -> list[RelatedIncident]:
    """Earlier incidents that share a contributing factor or a service with ``ref``.

    Most shared first; each with the names it shares and its open action
    items. Private incidents ``viewer`` may not see are left out; NotFoundError
    if ``viewer`` may not see ``ref`` itself.
    """
    with ctx.read() as uow:
        return uow.search.related(validate_ref(ref), viewer=viewer, limit=limit)


def similar_incidents(
    ctx: Context, ref: str, *, viewer: Viewer | None = None, limit: int = 10
) -> list[RelatedIncident]:
    """Incidents like ``ref``: 3 × shared factors + 2 × shared services + 2 × text similarity."""
    with ctx.read() as uow:
        return uow.search.similar(validate_ref(ref), viewer=viewer, limit=limit)


def related_record(row: RelatedIncident) -> dict[str, Any]:
    """The JSON shape of one related or similar incident."""
    return {
        "ref": row.ref,
        "title": row.title,
        "severity": row.severity,
        "started": isoformat_utc(row.started),
        "shared_factors": list(row.factors),
        "shared_services": list(row.services),
        "text_similarity": round(row.text_score, 3),
        "score": round(row.score, 3),
        "open_action_items": dump_part(list(row.open_actions)),
    }
