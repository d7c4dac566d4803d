"""The dashboard: open incidents by severity with their age, action items, reviews waiting."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.services.browse import dashboard
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.templating import render

router = APIRouter()


@router.get("/")
def dashboard_page(request: Request, ctx: CtxDep, user: UserDep) -> Response:
    board = dashboard(ctx, viewer_of(user), ctx.now().date())
    return render(request, "dashboard.html", {"board": board})
