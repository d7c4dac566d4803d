"""The API's routes, one module per resource; ``router`` gathers them under ``/api/v1``."""

from __future__ import annotations

from fastapi import APIRouter

from warroom.api.routes import (
    accounts,
    actions,
    auth,
    incidents,
    integrations,
    transfer,
    updates,
    webhooks,
)

router = APIRouter()
for _module in (incidents, updates, actions, transfer, auth, accounts, integrations, webhooks):
    router.include_router(_module.router)
