"""Report rendering: an incident, in one of the report formats, as Markdown, HTML or PDF.

Pure functions over the domain model; no database. The formats are Jinja2
Markdown templates (five built in, more in ``Settings.formats_dir``); HTML is
made from the Markdown and PDF from the HTML. docs/report-formats.md
describes the formats and how to write one.

::

    render_markdown(incident, "post-incident-review", settings) -> str
    render_html(incident, "post-incident-review", settings) -> str    # standalone page
    render_pdf(incident, "post-incident-review", settings) -> bytes   # A4
    list_formats(settings) -> list[Format]
    get_format(name, settings) -> Format                              # or ValidationError
"""

from __future__ import annotations

from warroom.render.context import build_report
from warroom.render.html import render_html
from warroom.render.markdown import render_markdown
from warroom.render.markup import CELL_GAP, GAP, GAP_TEXT
from warroom.render.pdf import render_pdf
from warroom.render.registry import BUILTIN_FORMATS, Format, get_format, list_formats

__all__ = [
    "BUILTIN_FORMATS",
    "CELL_GAP",
    "GAP",
    "GAP_TEXT",
    "Format",
    "build_report",
    "get_format",
    "list_formats",
    "render_html",
    "render_markdown",
    "render_pdf",
]
