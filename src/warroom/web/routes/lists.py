"""Pages that look across incidents: the dashboard, action items, full-text search.

The dashboard shows open incidents by severity with their age, my action
items, overdue action items and reviews waiting for me.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.domain.model import ActionStatus
from warroom.errors import ValidationError
from warroom.services.actions import list_action_items
from warroom.services.browse import dashboard
from warroom.services.inputs import parse_action_status
from warroom.services.ports import ActionItemQuery
from warroom.services.search import search_incidents
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import render

router = APIRouter()

ITEMS_SHOWN = 500
HITS_SHOWN = 50


@router.get("/")
def dashboard_page(request: Request, ctx: CtxDep, user: UserDep) -> Response:
    board = dashboard(ctx, viewer_of(user), ctx.now().date())
    return render(request, "dashboard.html", {"board": board})


@router.get("/action-items")
def action_items_page(request: Request, ctx: CtxDep, user: UserDep) -> Response:
    params = request.query_params
    values = {
        "owner": params.get("owner", "").strip(),
        "status": params.get("status", "").strip(),
        "overdue": "1" if params.get("overdue") else "",
    }
    context: dict[str, object] = {
        "filters": FormState(values=values),
        "rows": [],
        "statuses": [s.value for s in ActionStatus],
        "today": ctx.now().date(),
        "limit": ITEMS_SHOWN,
    }
    try:
        statuses = (parse_action_status(values["status"]),) if values["status"] else ()
    except ValidationError as exc:
        context["filters"] = failed_form(values, exc, version=0)
        return render(request, "action_items.html", context, status=422)
    query = ActionItemQuery(
        owner=values["owner"] or None,
        statuses=statuses,
        overdue_on=ctx.now().date() if values["overdue"] else None,
        viewer=viewer_of(user),
        limit=ITEMS_SHOWN,
    )
    context["rows"] = list_action_items(ctx, query)
    return render(request, "action_items.html", context)


@router.get("/search")
def search_page(request: Request, ctx: CtxDep, user: UserDep, q: str = "") -> Response:
    values = {"q": q.strip()[:200]}
    context: dict[str, object] = {"form": FormState(values=values), "hits": None}
    if values["q"]:
        try:
            context["hits"] = search_incidents(
                ctx, values["q"], viewer=viewer_of(user), limit=HITS_SHOWN
            )
        except ValidationError as exc:
            context["form"] = failed_form(values, exc, version=0, fields=("q",))
            return render(request, "search.html", context, status=422)
    return render(request, "search.html", context)
