"""Action items across all incidents, filtered by owner, status and overdue."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.domain.model import ActionStatus
from warroom.errors import ValidationError
from warroom.services.actions import list_action_items
from warroom.services.inputs import parse_action_status
from warroom.services.ports import ActionItemQuery
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import render

router = APIRouter()

SHOWN = 500


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
        "limit": SHOWN,
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
        limit=SHOWN,
    )
    context["rows"] = list_action_items(ctx, query)
    return render(request, "action_items.html", context)
