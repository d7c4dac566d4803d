"""Reports of one stored incident, rendered for download: Markdown, HTML or PDF."""

from __future__ import annotations

from dataclasses import dataclass

from warroom.errors import ValidationError
from warroom.services.context import Context
from warroom.services.incidents import get_incident
from warroom.services.ports import Viewer

DEFAULT_FORMAT = "post-incident-review"
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class RenderedReport:
    body: bytes
    media_type: str
    filename: str


def render_report(
    ctx: Context,
    ref: str,
    *,
    format_name: str = DEFAULT_FORMAT,
    to: str = "md",
    viewer: Viewer | None = None,
) -> RenderedReport:
    """The incident's report in ``format_name``, as ``to`` (md, html or pdf)."""
    from warroom.render import render_html, render_markdown, render_pdf

    target = to.strip().lower().removeprefix(".")
    target = "md" if target == "markdown" else target
    if target not in MEDIA_TYPES:
        raise ValidationError(f"unknown output {to!r}; md, html or pdf", field="to")
    incident = get_incident(ctx, ref, viewer=viewer)
    if target == "pdf":
        body = render_pdf(incident, format_name, ctx.settings)
    elif target == "html":
        body = render_html(incident, format_name, ctx.settings).encode()
    else:
        body = render_markdown(incident, format_name, ctx.settings).encode()
    return RenderedReport(body, MEDIA_TYPES[target], f"{incident.ref}.{target}")
