"""Rendering a report as one standalone HTML page: no scripts, no external assets.

The Markdown is parsed with raw HTML disabled (markdown-it-py), so nothing
a user typed becomes a tag; the result is then cleaned with nh3 against a
short allow-list as a second line of defence (no ``<script>``, no event
attributes, links only to http, https and mailto).
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import nh3
from markdown_it import MarkdownIt

from warroom.config import Settings
from warroom.domain.model import Incident
from warroom.render.markdown import render_markdown

CSS_PATH = Path(__file__).resolve().parent / "templates" / "report.css"

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "s", "span", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "li": {"class"},
    "span": {"class"},
    "ol": {"start"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# "- [x] text" list items (markdown-it has no task lists of its own); tight and loose lists.
_TASK = re.compile(r"<li>(\s*<p>)?\[([ xX])\] ")
# "2026-11-20 14:05 UTC" kept on one line in narrow table columns.
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC")
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="warroom">
<title>{title}</title>
<style>
{css}
</style>
</head>
<body>
<main class="report">
{body}
</main>
</body>
</html>
"""


def render_html(incident: Incident, format_name: str, settings: Settings) -> str:
    """The report as a complete HTML page, with its own print-friendly CSS."""
    text = render_markdown(incident, format_name, settings)
    title = f"{incident.ref}: {incident.title}" if incident.ref else incident.title
    return markdown_page(text, title)


def markdown_page(text: str, title: str) -> str:
    """Any report Markdown as a sanitised standalone page titled ``title``."""
    return _PAGE.format(title=html.escape(title), css=report_css(), body=markdown_to_html(text))


def markdown_to_html(text: str) -> str:
    """The HTML fragment of report Markdown: tables, task lists, ``<br>`` in cells; sanitised."""
    body = _parser().render(text)
    # Table cells write line breaks as <br>; with raw HTML off they arrive escaped.
    body = body.replace("&lt;br&gt;", "<br>")
    body = _TASK.sub(_task_item, body)
    body = _TIMESTAMP.sub("\\1\u00a0\\2\u00a0UTC", body)
    cleaned: str = nh3.clean(
        body,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned


@cache
def report_css() -> str:
    """The stylesheet every page embeds (also used for the PDF)."""
    return CSS_PATH.read_text(encoding="utf-8")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def _task_item(match: re.Match[str]) -> str:
    done = match.group(2) != " "
    state = "task done" if done else "task"
    mark = "☑" if done else "☐"
    return f'<li class="{state}">{match.group(1) or ""}<span class="box">{mark}</span> '
