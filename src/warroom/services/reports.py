"""Reading reports written by hand, with the team's settings: no database involved.

Built-in formats are read with their own heading tables; a custom format (a
template in ``formats_dir``) is read with the general rules, which recognise
headings by meaning (see docs/importing.md), so a team's own template imports
like a built-in one as long as its headings say what they hold.
"""

from __future__ import annotations

from warroom.config import Settings
from warroom.importers import FORMATS, import_markdown
from warroom.importers.result import ImportResult
from warroom.render import get_format


def read_report(
    text: str, *, source_name: str, settings: Settings, format_name: str = "auto"
) -> ImportResult:
    """The record a Markdown report states, with warnings and an account of every line."""
    reader_format = format_name
    if format_name != "auto" and format_name not in FORMATS:
        get_format(format_name, settings)  # a known custom format, or a clear error
        reader_format = "auto"
    return import_markdown(
        text,
        source_name=source_name,
        format_name=reader_format,
        default_zone=settings.zone,
        scale=settings.scale,
    )
