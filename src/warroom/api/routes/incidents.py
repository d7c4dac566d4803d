"""Incidents: declare, list, read, and the audit log of one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from warroom.api.deps import ContextDep, Responder, ViewerDep
from warroom.api.responses import errors, incident_json, json
from warroom.api.schemas import AuditList, DeclareBody, Incident, IncidentPage
from warroom.services.audit import list_audit
from warroom.services.incidents import DeclareIncident, declare_incident, get_incident
from warroom.services.incidents import list_incidents as list_incident_page
from warroom.services.inputs import parse_incident_query
from warroom.services.records import audit_record, summary_record

router = APIRouter(prefix="/incidents", tags=["incidents"])


@router.post("", status_code=201, response_model=Incident, responses=errors(403))
def declare(body: DeclareBody, ctx: ContextDep, who: Responder) -> Response:
    """Declare an incident; answers 201 with its JSON record (including the new `ref`)."""
    outcome = declare_incident(
        ctx,
        DeclareIncident(
            title=body.title,
            severity=body.severity,
            services=body.services,
            commander=body.commander,
            summary=body.summary,
            started_at=body.started_at,
            detected_at=body.detected_at,
            detection_source=body.detection_source,
            visibility=body.visibility,
            author=who.name,
        ),
    )
    response = incident_json(outcome.incident, 201)
    response.headers["Location"] = f"/api/v1/incidents/{outcome.incident.ref}"
    return response


@router.get("", response_model=IncidentPage, responses=errors())
def list_incidents(
    ctx: ContextDep,
    viewer: ViewerDep,
    status: Annotated[list[str] | None, Query(description="open, or a status; repeatable")] = None,
    severity: Annotated[list[str] | None, Query(description="1..N or a label; repeatable")] = None,
    service: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(description="started on or after", max_length=64)] = None,
    until: Annotated[str | None, Query(description="started before", max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    after: Annotated[str | None, Query(description="`next` of the previous page")] = None,
) -> Response:
    """Incidents you may see, newest first, a page at a time."""
    query = parse_incident_query(
        ctx.settings,
        statuses=status or [],
        severities=severity or [],
        service=service,
        since=since,
        until=until,
        limit=limit,
        after=after,
        viewer=viewer,
    )
    page = list_incident_page(ctx, query)
    return json({"items": [summary_record(s) for s in page.items], "next": page.next})


@router.get("/{ref}", response_model=Incident, responses=errors(404))
def get(ref: str, ctx: ContextDep, viewer: ViewerDep) -> Response:
    """The whole JSON record; its `version` (also the `ETag`) is what a PATCH is based on."""
    return incident_json(get_incident(ctx, ref, viewer=viewer))


@router.get("/{ref}/audit", response_model=AuditList, responses=errors(404))
def audit(
    ref: str,
    ctx: ContextDep,
    viewer: ViewerDep,
    after: Annotated[int, Query(ge=0, le=2**31 - 1, description="only versions above this")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Response:
    """Every change to the incident: who, when, which field, old and new value."""
    entries = list_audit(ctx, ref, viewer=viewer, after_version=after, limit=limit + 1)
    more = len(entries) > limit
    entries = entries[:limit]
    next_after = entries[-1].version if more and entries else None
    return json({"items": [audit_record(e) for e in entries], "next": next_after})
