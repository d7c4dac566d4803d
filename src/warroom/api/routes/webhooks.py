"""Outbound webhooks, for admins: configure them and read their delivery log."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from warroom.api.deps import Admin, ContextDep
from warroom.api.responses import errors, json
from warroom.integrations import webhooks as hooks
from warroom.integrations.webhooks import delivery_record, webhook_record

# A stored id is a 32-bit integer: anything larger is a 422, not a database error.
WebhookId = Annotated[int, Path(ge=1, le=2**31 - 1)]

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class NewWebhookBody(BaseModel):
    url: str = Field(max_length=2000, examples=["https://hooks.slack.com/services/T0/B0/XYZ"])
    events: list[str] = Field(min_length=1, examples=[["declared", "resolved"]])
    style: Literal["json", "slack"] = "json"
    secret: str | None = Field(default=None, max_length=500)
    name: str | None = Field(default=None, max_length=200)


@router.get("", responses=errors(403))
def list_webhooks(ctx: ContextDep, who: Admin) -> Response:
    """Every outbound webhook."""
    return json({"items": [webhook_record(h) for h in hooks.list_webhooks(ctx)]})


@router.post("", status_code=201, responses=errors(403))
def add_webhook(body: NewWebhookBody, ctx: ContextDep, who: Admin) -> Response:
    """Add a webhook; events: declared, status_changed, severity_changed, resolved,
    review_requested, review_approved, action_item_overdue, reminder, or all."""
    hook = hooks.add_webhook(
        ctx,
        body.url,
        body.events,
        style=body.style,
        secret=body.secret,
        name=body.name,
        author=who.name,
    )
    return json(webhook_record(hook), 201)


@router.delete("/{webhook_id}", status_code=204, responses=errors(403, 404))
def remove_webhook(webhook_id: WebhookId, ctx: ContextDep, who: Admin) -> Response:
    """Remove a webhook with its queued deliveries and log."""
    hooks.remove_webhook(ctx, webhook_id)
    return Response(status_code=204)


@router.get("/{webhook_id}/deliveries", responses=errors(403, 404))
def deliveries(
    webhook_id: WebhookId,
    ctx: ContextDep,
    who: Admin,
    limit: int = Query(default=100, ge=1, le=1000),
) -> Response:
    """The delivery log, newest first: status, attempts, next attempt, last error."""
    rows = hooks.list_deliveries(ctx, webhook_id, limit=limit)
    return json({"items": [delivery_record(row) for row in rows]})
