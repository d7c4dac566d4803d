"""The incident page, its live timeline, and the report download in every format."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from warroom.errors import ValidationError
from warroom.render import get_format, render_html, render_markdown, render_pdf
from warroom.services.incidents import get_incident
from warroom.web.auth import CtxDep, UserDep, viewer_of
from warroom.web.sections import load_view
from warroom.web.templating import render

router = APIRouter()

REPORT_TYPES = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
}
# A downloaded HTML report may be opened from the site: no scripts, its own styles.
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@router.get("/incidents/{ref}")
def incident_page(request: Request, ctx: CtxDep, user: UserDep, ref: str) -> Response:
    return render(request, "incident.html", {"view": load_view(ctx, user, ref)})


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
    format: Annotated[str, Query(max_length=64)] = "",
    as_: Annotated[str, Query(alias="as", max_length=8)] = "md",
) -> Response:
    """The report in one of the formats, as a Markdown, HTML or PDF file to save."""
    incident = get_incident(ctx, ref, viewer=viewer_of(user))
    if as_ not in REPORT_TYPES:
        raise ValidationError(f"unknown file type {as_!r}; md, html or pdf", field="as")
    name = get_format(format, ctx.settings).name if format else "post-incident-review"
    media_type, suffix = REPORT_TYPES[as_]
    body: str | bytes
    if as_ == "pdf":
        body = render_pdf(incident, name, ctx.settings)
    elif as_ == "html":
        body = render_html(incident, name, ctx.settings)
    else:
        body = render_markdown(incident, name, ctx.settings)
    headers = {
        "Content-Disposition": f'attachment; filename="{incident.ref}-{name}.{suffix}"',
        "Content-Security-Policy": REPORT_CSP,
        "X-Content-Type-Options": "nosniff",
    }
    return Response(body, media_type=media_type, headers=headers)
