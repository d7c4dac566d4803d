"""Full-text search over every incident you may see: titles, timelines, analysis, action items."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from warroom.errors import ValidationError
from warroom.services.search import search_incidents
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.forms import FormState, failed_form
from warroom.web.templating import render

router = APIRouter()

SHOWN = 50


@router.get("/search")
def search_page(request: Request, ctx: CtxDep, user: UserDep, q: str = "") -> Response:
    values = {"q": q.strip()[:200]}
    context: dict[str, object] = {"form": FormState(values=values), "hits": None}
    if values["q"]:
        try:
            context["hits"] = search_incidents(
                ctx, values["q"], viewer=viewer_of(user), limit=SHOWN
            )
        except ValidationError as exc:
            context["form"] = failed_form(values, exc, version=0, fields=("q",))
            return render(request, "search.html", context, status=422)
    return render(request, "search.html", context)
