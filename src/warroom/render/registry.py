"""The report formats: five built in, plus any template files in ``formats_dir``.

A format is one Jinja2 Markdown template, ``NAME.md.j2``. A custom format's
first line may name it: ``{# title: Weekly digest; description: For the ops review #}``.
A custom file with a built-in name replaces that built-in format. Files whose
name starts with ``_`` are partials (macros), not formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from warroom.config import Settings
from warroom.errors import ValidationError

TEMPLATE_SUFFIX = ".md.j2"
BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
_HEADER = re.compile(r"^\{#(?P<body>.*?)#\}")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Format:
    """One report format: what ``warroom render --format NAME`` picks."""

    name: str  # response-report
    title: str  # Incident Response Report: the report's first heading, before ": <title>"
    description: str
    source: Literal["builtin", "custom"]
    path: Path  # the template file
    spec: str = ""  # the file in report-formats/ that a built-in format follows


def _builtin(name: str, title: str, spec: str, description: str) -> Format:
    return Format(
        name, title, description, "builtin", BUILTIN_DIR / f"{name}{TEMPLATE_SUFFIX}", spec
    )


BUILTIN_FORMATS: tuple[Format, ...] = (
    _builtin(
        "response-report",
        "Incident Response Report",
        "incident-response-report.md",
        "Response-focused report: timeline, response checklist, technical details, follow-up.",
    ),
    _builtin(
        "postmortem-report",
        "Incident Post-Mortem Report",
        "incident-postmortem-report.md",
        "Short post-mortem: what happened, timeline table, root cause, lessons, metrics.",
    ),
    _builtin(
        "post-incident-review",
        "Post-Incident Review",
        "post-incident-review.md",
        "Full review: phases, five whys, action items by horizon, metrics, approvals.",
    ),
    _builtin(
        "incident-report",
        "Incident Report",
        "incident-report.md",
        "Incident report with impact, financial impact, supporting data and sign-off.",
    ),
    _builtin(
        "incident-postmortem",
        "Incident Postmortem",
        "incident-postmortem.md",
        "Compact postmortem: summary, detection and response, P0-P2 action items.",
    ),
)


def list_formats(settings: Settings) -> list[Format]:
    """Built-in formats in their fixed order, then custom ones by name."""
    custom = {f.name: f for f in _custom_formats(settings.formats_dir)}
    builtin = [custom.pop(f.name, f) for f in BUILTIN_FORMATS]
    return builtin + sorted(custom.values(), key=lambda f: f.name)


def get_format(name: str, settings: Settings) -> Format:
    """The format called ``name``; ValidationError listing the known names if there is none."""
    formats = list_formats(settings)
    for fmt in formats:
        if fmt.name == name.strip():
            return fmt
    known = ", ".join(f.name for f in formats)
    raise ValidationError(f"unknown report format {name!r}; known formats: {known}", field="format")


def _custom_formats(formats_dir: str) -> list[Format]:
    if not formats_dir:
        return []
    folder = Path(formats_dir).expanduser()
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
        name = path.name.removesuffix(TEMPLATE_SUFFIX)
        if name.startswith("_") or not _NAME.match(name):
            continue
        title, description = _read_header(path)
        found.append(Format(name, title or _title_of(name), description, "custom", path))
    return found


def _read_header(path: Path) -> tuple[str, str]:
    """``title`` and ``description`` from the file's first-line Jinja comment."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return "", ""
    match = _HEADER.match(first.strip())
    if not match:
        return "", ""
    values = {}
    for part in match.group("body").split(";"):
        key, sep, value = part.partition(":")
        if sep:
            values[key.strip().lower()] = value.strip()
    return values.get("title", ""), values.get("description", "")


def _title_of(name: str) -> str:
    return re.sub(r"[-_]+", " ", name).strip().title()
