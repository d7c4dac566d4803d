"""The incident page, its live timeline, and the report download in every format."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from warroom.services.rendering import DEFAULT_FORMAT, render_report
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.sections import load_view
from warroom.web.templating import render

router = APIRouter()

# A downloaded HTML report may be opened from the site: no scripts, its own styles.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@router.get("/incidents/{ref}")
def incident_page(request: Request, ctx: CtxDep, user: UserDep, ref: str) -> Response:
    return render(request, "incident.html", {"view": load_view(ctx, user, ref, related=True)})


@router.get("/incidents/{ref}/timeline")
def timeline_part(request: Request, ctx: CtxDep, user: UserDep, ref: str) -> Response:
    """The timeline entries alone: what the page polls to stay live."""
    view = load_view(ctx, user, ref)
    return render(request, "_timeline_list.html", {"view": view, "oob": False})


@router.get("/incidents/{ref}/report")
def report(
    ctx: CtxDep,
    user: UserDep,
    ref: str,
    format: Annotated[str, Query(max_length=64)] = DEFAULT_FORMAT,
    as_: Annotated[str, Query(alias="as", max_length=8)] = "md",
) -> Response:
    """The report in one of the formats, as a Markdown, HTML or PDF file to save."""
    report = render_report(ctx, ref, format_name=format, to=as_, viewer=viewer_of(user))
    headers = {
        "Content-Disposition": f'attachment; filename="{report.filename}"',
        "Content-Security-Policy": REPORT_CSP,
        "X-Content-Type-Options": "nosniff",
    }
    return Response(report.body, media_type=report.media_type, headers=headers)
