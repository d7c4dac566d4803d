"""The incident list (filters, title search, pages) and the declare form."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response

from warroom.domain.model import IncidentStatus, Visibility
from warroom.errors import ValidationError
from warroom.services.browse import search_incidents
from warroom.services.incidents import DeclareIncident, declare_incident
from warroom.services.inputs import parse_choice, parse_incident_query
from warroom.web.auth import CtxDep, ResponderDep, UserDep, can_edit, viewer_of
from warroom.web.csrf import FormDep
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import redirect, render

router = APIRouter()

FILTERS = ("q", "status", "severity", "service", "since", "until")
DECLARE_FIELDS = (
    "title",
    "severity",
    "services",
    "commander",
    "summary",
    "started_at",
    "detected_at",
    "detection_source",
    "visibility",
)
PAGE_SIZE = 25


@router.get("/incidents")
def incidents_page(request: Request, ctx: CtxDep, user: UserDep) -> Response:
    params = request.query_params
    values = {name: params.get(name, "").strip() for name in FILTERS}
    after = params.get("after") or None
    context: dict[str, object] = {
        "filters": FormState(values=values),
        "page": None,
        "statuses": ["open", *(s.value for s in IncidentStatus)],
        "can_declare": can_edit(user),
        "next_url": None,
        "first_url": None,
    }
    try:
        query = parse_incident_query(
            ctx.settings,
            statuses=[values["status"]] if values["status"] else [],
            severities=[values["severity"]] if values["severity"] else [],
            service=values["service"] or None,
            since=values["since"] or None,
            until=values["until"] or None,
            limit=PAGE_SIZE,
            after=after,
            viewer=viewer_of(user),
        )
    except ValidationError as exc:
        context["filters"] = failed_form(values, exc, version=0)
        return render(request, "incidents.html", context, status=422)
    page = search_incidents(ctx, query, values["q"])
    kept = {name: value for name, value in values.items() if value}
    context["page"] = page
    if page.next:
        context["next_url"] = "/incidents?" + urlencode({**kept, "after": page.next})
    if after:
        context["first_url"] = "/incidents?" + urlencode(kept)
    return render(request, "incidents.html", context)


@router.get("/incidents/new")
def declare_page(request: Request, user: ResponderDep) -> Response:
    values = dict.fromkeys(DECLARE_FIELDS, "")
    values.update(severity="2", commander=user.name, visibility=Visibility.PUBLIC.value)
    return render(request, "incident_new.html", {"form": FormState(values=values)})


@router.post("/incidents")
def declare(request: Request, ctx: CtxDep, user: ResponderDep, form: FormDep) -> Response:
    values = form.values(*DECLARE_FIELDS)
    try:
        outcome = declare_incident(
            ctx,
            DeclareIncident(
                title=values["title"],
                severity=values["severity"],
                services=values["services"].replace("\n", ",").split(","),
                commander=values["commander"].strip() or None,
                summary=values["summary"],
                started_at=values["started_at"].strip() or None,
                detected_at=values["detected_at"].strip() or None,
                detection_source=values["detection_source"].strip() or None,
                visibility=parse_choice(Visibility, values["visibility"] or "public", "visibility"),
                author=user.name,
            ),
        )
    except ValidationError as exc:
        state = failed_form(values, exc, version=0)
        return render(request, "incident_new.html", {"form": state}, status=422)
    return redirect(request, f"/incidents/{outcome.incident.ref}")
