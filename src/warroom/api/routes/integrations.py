"""Alerts in: Alertmanager's and Grafana's webhooks open and update incidents.

Both need a bearer token of a responder with write scope. A payload that is
not what the sender documents is refused whole with 422 naming the field;
nothing of it is stored. See docs/integrations/alertmanager.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Body, Response
from pydantic import BaseModel

from warroom.api.deps import ContextDep, Responder
from warroom.api.responses import errors, json
from warroom.integrations import alertmanager, grafana
from warroom.integrations.alerts import AlertBatch
from warroom.integrations.ingest import ingest_alerts
from warroom.services.context import Context

router = APIRouter(prefix="/integrations", tags=["integrations"])
Payload = Annotated[dict[str, Any], Body(description="The notification, as the sender posts it.")]


class IngestOut(BaseModel):
    ref: str | None
    opened: bool
    added: int
    duplicates: int
    mitigated: bool
    resolved: bool
    note: str | None


def _ingest(ctx: Context, read: Callable[[Any], AlertBatch], payload: dict[str, Any]) -> Response:
    batch = read(payload)
    result = ingest_alerts(ctx, batch)
    return json(asdict(result), 201 if result.opened else 200)


@router.post("/alertmanager", response_model=IngestOut, responses=errors(403, 409))
def alertmanager_webhook(payload: Payload, ctx: ContextDep, who: Responder) -> Response:
    """Alertmanager's webhook (version 4): opens an incident per alert group (201), or updates it.

    Repeats of a notification change nothing (`duplicates` counts them).
    """
    return _ingest(ctx, alertmanager.read_notification, payload)


@router.post("/grafana", response_model=IngestOut, responses=errors(403, 409))
def grafana_webhook(payload: Payload, ctx: ContextDep, who: Responder) -> Response:
    """Grafana alerting's webhook contact point, handled like Alertmanager's."""
    return _ingest(ctx, grafana.read_notification, payload)
