"""Action items: of one incident, and across every incident you may see."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from warroom.api.deps import ContextDep, Responder, ViewerDep
from warroom.api.responses import errors, json
from warroom.api.schemas import ActionItemList, ActionItemOut, ActionItemPatch, NewActionItemBody
from warroom.api.versions import IfMatch, based_on
from warroom.services.actions import (
    ActionItemChange,
    NewActionItem,
    add_action_item,
    list_action_items,
    update_action_item,
)
from warroom.services.incidents import get_incident
from warroom.services.inputs import parse_action_status
from warroom.services.ports import ActionItemQuery, ActionItemRow
from warroom.services.records import action_row_record

router = APIRouter(tags=["action items"])


@router.get("/incidents/{ref}/action-items", response_model=ActionItemList, responses=errors(404))
def incident_action_items(ref: str, ctx: ContextDep, viewer: ViewerDep) -> Response:
    """The incident's action items, in their order."""
    incident = get_incident(ctx, ref, viewer=viewer)
    rows = [ActionItemRow(incident.ref, incident.title, item) for item in incident.action_items]
    return json({"items": [action_row_record(row) for row in rows], "next": None})


@router.post(
    "/incidents/{ref}/action-items",
    status_code=201,
    response_model=ActionItemOut,
    responses=errors(403, 404, 409),
)
def add(
    ref: str, body: NewActionItemBody, ctx: ContextDep, who: Responder, if_match: IfMatch = None
) -> Response:
    """Add an action item; a `horizon` without `due` gives the default due date."""
    incident, item = add_action_item(
        ctx,
        ref,
        NewActionItem(
            title=body.title,
            owner=body.owner,
            due=body.due,
            priority=body.priority,
            horizon=body.horizon,
            kind=body.kind,
            factor=body.factor,
            ticket=body.ticket,
        ),
        author=who.name,
        viewer=who.viewer,
        expected_version=based_on(None, if_match),
    )
    return json(action_row_record(ActionItemRow(incident.ref, incident.title, item)), 201)


@router.patch(
    "/incidents/{ref}/action-items/{key}",
    response_model=ActionItemOut,
    responses=errors(403, 404, 409),
)
def update(
    ref: str,
    key: str,
    body: ActionItemPatch,
    ctx: ContextDep,
    who: Responder,
    if_match: IfMatch = None,
) -> Response:
    """Change an action item; `owner: null` or `due: null` clears it; wont_do needs `reason`."""
    given = body.model_fields_set
    incident, item = update_action_item(
        ctx,
        ref,
        key,
        ActionItemChange(
            title=body.title,
            owner=body.owner,
            due=body.due,
            priority=body.priority,
            status=body.status,
            reason=body.reason,
            ticket=body.ticket,
            clear_owner="owner" in given and body.owner is None,
            clear_due="due" in given and body.due is None,
        ),
        author=who.name,
        viewer=who.viewer,
        expected_version=based_on(None, if_match),
    )
    return json(action_row_record(ActionItemRow(incident.ref, incident.title, item)))


@router.get("/action-items", response_model=ActionItemList, responses=errors())
def all_action_items(
    ctx: ContextDep,
    viewer: ViewerDep,
    owner: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[
        list[str] | None, Query(description="open, in_progress, done, wont_do")
    ] = None,
    overdue: Annotated[bool, Query(description="only open items past their due date")] = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> Response:
    """Action items across the incidents you may see, soonest due first."""
    query = ActionItemQuery(
        owner=owner,
        statuses=tuple(parse_action_status(s) for s in status or []),
        overdue_on=ctx.now().date() if overdue else None,
        viewer=viewer,
        limit=limit,
    )
    rows = list_action_items(ctx, query)
    return json({"items": [action_row_record(row) for row in rows], "next": None})
