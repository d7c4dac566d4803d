"""Rendering an incident as Markdown in one of the report formats."""

from __future__ import annotations

import re

from warroom.config import Settings
from warroom.domain.model import Incident
from warroom.render.context import build_report
from warroom.render.environment import render_template
from warroom.render.registry import Format, get_format

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def render_markdown(incident: Incident, format_name: str, settings: Settings) -> str:
    """The report of ``incident`` in the format ``format_name``, as Markdown text.

    Raises ValidationError for an unknown format or a broken custom template.
    """
    fmt = get_format(format_name, settings)
    return render_format(incident, fmt, settings)


def render_format(incident: Incident, fmt: Format, settings: Settings) -> str:
    """Like ``render_markdown``, for a format already looked up."""
    report = build_report(incident, settings)
    text = render_template(fmt, {"report": report, "incident": incident, "format": fmt})
    return tidy(text)


def tidy(text: str) -> str:
    """At most one blank line in a row outside code blocks; one newline at the end.

    Templates leave extra blank lines where optional parts were left out;
    the text inside fenced blocks is kept exactly.
    """
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and _closes(fence, match.group(1), line):
            fence = None
        elif fence is None and not line.strip():
            if not out or not out[-1].strip():
                continue
            line = ""
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


def _closes(fence: str, run: str, line: str) -> bool:
    """A closing fence: the same character, at least as long, nothing after it."""
    return run.startswith(fence) and not line.strip()[len(run) :]
