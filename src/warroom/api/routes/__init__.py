"""The API's routes, one module per resource; ``router`` gathers them under ``/api/v1``."""

from __future__ import annotations

from fastapi import APIRouter

from warroom.api.routes import accounts, actions, auth, incidents, transfer, updates

router = APIRouter()
for _module in (incidents, updates, actions, transfer, auth, accounts):
    router.include_router(_module.router)
