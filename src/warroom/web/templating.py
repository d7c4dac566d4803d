"""The Jinja2 environment of the pages, its filters, and ``render``: a page or partial as HTML.

Times are shown in UTC with their date (``2026-11-20 14:05 UTC``), always.
User text written as Markdown is rendered by ``warroom.render``'s sanitised
``markdown_to_html`` (raw HTML off, then cleaned by nh3). Every page answer
carries a Content-Security-Policy that allows only this site's own scripts,
styles and images: nothing can come from a CDN.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from warroom.domain.times import ensure_utc, format_duration, format_utc
from warroom.render.html import markdown_to_html
from warroom.services.context import Context
from warroom.web.csrf import csrf_token, set_csrf_cookie

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def utc(moment: datetime | None) -> str:
    return format_utc(moment) if moment is not None else "—"


def day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    return format_utc(value)[:10] if isinstance(value, datetime) else value.isoformat()


def age(moment: datetime | None, now: datetime) -> str:
    """How long ago, for people: ``3 h 05 min``."""
    if moment is None:
        return "—"
    seconds = max(0, int((now - ensure_utc(moment)).total_seconds()))
    return format_duration(seconds - seconds % 60 if seconds >= 60 else seconds)


def label(value: object) -> str:
    """An enum value as words: ``in_progress`` -> ``in progress``."""
    text = getattr(value, "value", value)
    return str(text).replace("_", " ")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def hard_breaks(text: str) -> str:
    """Every line break outside code blocks kept as a break (Markdown joins lines otherwise)."""
    lines = text.split("\n")
    fence = False
    for index, line in enumerate(lines[:-1]):
        if _FENCE.match(line):
            fence = not fence
        elif not fence and line.strip() and lines[index + 1].strip():
            lines[index] = line.rstrip() + "  "
    return "\n".join(lines)


def markdown(text: str | None, breaks: bool = False) -> Markup:
    """Sanitised HTML of Markdown; ``breaks``: each line break shows, as people typed it."""
    if not text:
        return Markup("")
    if breaks:
        text = hard_breaks(text)
    return Markup(markdown_to_html(text))


_MATCH = re.compile(r"\[([^\[\]\n]{1,80})\]")


def highlight(snippet: str) -> Markup:
    """A search snippet, its ``[matched]`` words marked (the text itself escaped)."""
    escaped = str(Markup.escape(snippet))
    return Markup(_MATCH.sub(r"<mark>\1</mark>", escaped))


def safe_url(url: str | None) -> str:
    """Only web and mail links become ``href``: never ``javascript:`` from an imported report."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://", "mailto:")) else "#"


def brief(value: Any, limit: int = 160) -> str:
    """A value of the audit log in one short line."""
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def asset_version() -> str:
    """Changes when a static file changes, so browsers never use a stale copy."""
    digest = hashlib.sha256()
    for path in sorted(STATIC_DIR.iterdir()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def static(name: str) -> str:
    return f"/static/{name}?v={asset_version()}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        utc=utc,
        day=day,
        label=label,
        markdown=markdown,
        brief=brief,
        safe_url=safe_url,
        highlight=highlight,
    )
    env.filters["duration"] = format_duration
    env.globals.update(static=static, age=age)
    return env


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def page_context(request: Request) -> dict[str, Any]:
    ctx: Context = request.app.state.ctx
    return {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf": csrf_token(request),
        "settings": ctx.settings,
        "scale": ctx.settings.scale,
        "severities": [
            (str(level), ctx.settings.scale.label(level))
            for level in range(1, ctx.settings.scale.levels + 1)
        ],
        "now": ctx.now(),
        "path": request.url.path,
    }


def render_text(request: Request, name: str, context: dict[str, Any]) -> str:
    return environment().get_template(name).render({**page_context(request), **context})


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The template ``name`` as an HTML answer, with the page's security headers."""
    response = HTMLResponse(render_text(request, name, context), status_code=status)
    response.headers.update({**SECURITY_HEADERS, **(headers or {})})
    set_csrf_cookie(request, response)
    return response


def redirect(request: Request, url: str) -> Response:
    """After a POST: 303 to ``url``; for htmx, tell it to go there (``HX-Redirect``)."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
