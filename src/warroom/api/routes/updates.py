"""Changing an incident: PATCH the record, add timeline entries, status, milestones, roles."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response

from warroom.api.deps import ContextDep, Responder
from warroom.api.responses import errors, incident_json, json
from warroom.api.schemas import (
    Incident,
    MilestoneBody,
    ReopenBody,
    RoleBody,
    SeverityBody,
    StatusBody,
    TimelineBody,
    TimelineCreated,
    check_no_nul,
)
from warroom.api.versions import IfMatch, based_on
from warroom.domain.record import dump_part
from warroom.services import incidents as service
from warroom.services.incidents import NewTimelineEvent
from warroom.services.updates import update_incident

router = APIRouter(prefix="/incidents/{ref}", tags=["changes"])

PATCH_DOC = (
    "A JSON Merge Patch of the record (RFC 7396) plus the `version` it is based on "
    "(or send If-Match). status, severity, milestones and roles go through the rules."
)
PatchBody = Annotated[
    dict[str, Any],
    Body(
        description=PATCH_DOC,
        examples=[{"version": 3, "summary": "Bad deploy", "roles": {"commander": "alice"}}],
    ),
]


@router.patch("", response_model=Incident, responses=errors(403, 404, 409))
def patch_incident(
    ref: str, patch: PatchBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Change fields of the record; 409 with what changed when the version is stale."""
    check_no_nul(patch)
    changes = dict(patch)
    version = based_on(changes.pop("version", None), if_match, required=True)
    outcome = update_incident(
        ctx, ref, changes, expected_version=version, actor=who.name, viewer=who.viewer
    )
    return incident_json(outcome.incident)


@router.post(
    "/timeline", status_code=201, response_model=TimelineCreated, responses=errors(403, 404, 409)
)
def add_timeline_entry(
    ref: str, body: TimelineBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Add a timeline entry (`at` defaults to now); it lands in time order."""
    text = body.text.strip()
    outcome = service.add_timeline_event(
        ctx,
        ref,
        NewTimelineEvent(
            text=text, at=body.at, kind=body.kind, phase=body.phase, author=who.name, link=body.link
        ),
        expected_version=based_on(None, if_match),
        viewer=who.viewer,
    )
    incident = outcome.incident
    event = next(e for e in reversed(incident.timeline) if e.text == text and e.author == who.name)
    return json(
        {
            "ref": incident.ref,
            "version": incident.version,
            "event": dump_part(event),
            "notes": outcome.notes,
        },
        status_code=201,
    )


@router.put("/milestones/{name}", response_model=Incident, responses=errors(403, 404, 409))
def set_milestone(
    ref: str,
    name: str,
    body: MilestoneBody,
    ctx: ContextDep,
    who: Responder,
    if_match: IfMatch = None,
) -> Response:
    """Set, move (`at`) or clear (`at: null`) a milestone; the order is checked."""
    outcome = service.set_milestone(
        ctx,
        ref,
        name,
        body.at,
        clear=body.at is None,
        author=who.name,
        expected_version=based_on(body.version, if_match),
        viewer=who.viewer,
    )
    return incident_json(outcome.incident)


@router.post("/status", response_model=Incident, responses=errors(403, 404, 409))
def change_status(
    ref: str, body: StatusBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Move the status forward (monitoring sets mitigated, resolved sets resolved...)."""
    outcome = service.change_status(
        ctx,
        ref,
        body.status,
        at=body.at,
        author=who.name,
        expected_version=based_on(body.version, if_match),
        viewer=who.viewer,
    )
    return incident_json(outcome.incident)


@router.post("/reopen", response_model=Incident, responses=errors(403, 404, 409))
def reopen(
    ref: str, body: ReopenBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Reopen a resolved or closed incident (back to investigating, on the timeline)."""
    outcome = service.reopen_incident(
        ctx,
        ref,
        at=body.at,
        reason=body.reason,
        author=who.name,
        expected_version=based_on(body.version, if_match),
        viewer=who.viewer,
    )
    return incident_json(outcome.incident)


@router.post("/severity", response_model=Incident, responses=errors(403, 404, 409))
def change_severity(
    ref: str, body: SeverityBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Raise or lower the severity (a number or a label of the scale)."""
    outcome = service.change_severity(
        ctx,
        ref,
        body.severity,
        at=body.at,
        author=who.name,
        expected_version=based_on(body.version, if_match),
        viewer=who.viewer,
    )
    return incident_json(outcome.incident)


@router.put("/roles/{role}", response_model=Incident, responses=errors(403, 404, 409))
def assign_role(
    ref: str, role: str, body: RoleBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Give a role to someone (`person: null` clears a single role; responders accumulate)."""
    outcome = service.assign_role(
        ctx,
        ref,
        role,
        body.person,
        author=who.name,
        expected_version=based_on(body.version, if_match),
        viewer=who.viewer,
    )
    return incident_json(outcome.incident)
