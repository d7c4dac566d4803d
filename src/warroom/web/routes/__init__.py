"""The pages, one module per page or group of forms; ``router`` gathers them."""

from __future__ import annotations

from fastapi import APIRouter

from warroom.web.routes import analysis as analysis
from warroom.web.routes import edits as edits
from warroom.web.routes import followup as followup
from warroom.web.routes import importing as importing
from warroom.web.routes import incident as incident
from warroom.web.routes import incidents as incidents
from warroom.web.routes import insights as insights
from warroom.web.routes import lists as lists
from warroom.web.routes import session as session
from warroom.web.routes import settings as settings
from warroom.web.routes import timeline_import as timeline_import

router = APIRouter(include_in_schema=False)
# incidents before incident: /incidents/new is not an incident called "new".
for _module in (
    session,
    lists,
    incidents,
    incident,
    edits,
    analysis,
    followup,
    insights,
    importing,
    timeline_import,
    settings,
):
    router.include_router(_module.router)
