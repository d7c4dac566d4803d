"""Writing values into Markdown so that they read back as they were.

Every value a report shows goes through one of these functions, which are
also the Jinja filters of every format (docs/report-formats.md lists them).
They keep three promises the importer relies on:

- a missing value is the gap marker ``_Not recorded_`` (``—`` in a table
  cell), never an empty string and never a template placeholder;
- times are ``YYYY-MM-DD HH:MM UTC``, dates ``YYYY-MM-DD``, durations as
  ``domain.times.format_duration`` writes them;
- user text cannot break the document's structure: a line of it that would
  read as a heading is escaped (``\\#``), a table cell has its pipes escaped
  and its line breaks written as ``<br>``, a list item's continuation lines
  are indented under it, a fenced block's fence is longer than any fence in
  the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from warroom.domain.times import format_duration, format_utc

GAP_TEXT = "_Not recorded_"
CELL_GAP = "—"


class Gap(str):
    """The explicit gap: prints as ``_Not recorded_`` and is false in ``{% if %}``."""

    __slots__ = ()

    def __new__(cls) -> Gap:
        return super().__new__(cls, GAP_TEXT)

    def __bool__(self) -> bool:
        return False


GAP = Gap()

_HEADING_LINE = re.compile(r"^( {0,3})(#{1,6}(?:\s|$)|=+\s*$|-+\s*$)")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")


def is_recorded(value: Any) -> bool:
    """False for None, the gap, and empty strings or lists."""
    if value is None or isinstance(value, Gap):
        return False
    if isinstance(value, str | list | tuple | dict):
        return bool(value)
    return True


def or_gap(value: Any, joiner: str = ", ") -> str:
    """The value as text, or the gap; a list is joined with ``joiner``."""
    if not is_recorded(value):
        return GAP
    if isinstance(value, list | tuple):
        return joiner.join(str(part) for part in value)
    return str(value)


def utc(moment: datetime | None) -> str:
    """``2026-11-20 14:05 UTC`` or the gap."""
    return format_utc(moment) if moment is not None else GAP


def day(value: date | datetime | None) -> str:
    """``2026-11-20`` (a datetime is taken in UTC) or the gap."""
    if value is None:
        return GAP
    if isinstance(value, datetime):
        return format_utc(value)[:10]
    return value.isoformat()


def duration(seconds: float | None) -> str:
    """``1 h 05 min`` or the gap."""
    return format_duration(seconds) if seconds is not None else GAP


def yes_no(value: bool | None) -> str:
    """``Yes``, ``No`` or the gap."""
    if value is None:
        return GAP
    return "Yes" if value else "No"


def box(done: Any) -> str:
    """A task-list box: ``[x]`` when done, ``[ ]`` otherwise."""
    return "[x]" if done else "[ ]"


def number(value: float | None) -> str:
    """``12,000``; ``12.5``; or the gap."""
    if value is None:
        return GAP
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def percent(value: float | None) -> str:
    """``12.5%`` or the gap."""
    return GAP if value is None else f"{number(value)}%"


def money(amount: float | None, currency: str = "USD") -> str:
    """``$12,000`` for dollars, ``12,000 EUR`` otherwise, or the gap."""
    if amount is None:
        return GAP
    text = number(amount)
    return f"${text}" if currency.upper() == "USD" else f"{text} {currency.upper()}"


def block(text: Any) -> str:
    """Multi-line user text kept line for line, escaped so that it cannot open a section."""
    if not is_recorded(text):
        return GAP
    lines = str(text).strip("\n").splitlines()
    fences = sum(1 for line in lines if _FENCE_LINE.match(line))
    out = []
    for index, line in enumerate(lines):
        heading = _HEADING_LINE.match(line)
        # "---" or "===" only turns the line above into a heading; "#" always does.
        if heading and (heading.group(2).startswith("#") or (index and lines[index - 1].strip())):
            line = f"{heading.group(1)}\\{line[len(heading.group(1)) :]}"
        elif fences % 2 and _FENCE_LINE.match(line):
            line = line.replace("`", "\\`", 1).replace("~", "\\~", 1)
        out.append(line)
    return "\n".join(out)


def item(text: Any, indent: int = 2) -> str:
    """Text for a list item: continuation lines indented under the marker."""
    body = block(text)
    if isinstance(body, Gap):
        return body
    pad = " " * indent
    return "\n".join(
        line if i == 0 or not line else pad + line for i, line in enumerate(body.split("\n"))
    )


def cell(value: Any) -> str:
    """A table cell: ``—`` when missing, pipes escaped, line breaks as ``<br>``."""
    if not is_recorded(value):
        return CELL_GAP
    text = or_gap(value)
    text = text.strip().replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.splitlines())


def fenced(text: str, info: str = "") -> str:
    """A fenced code block around verbatim text, its fence longer than any inside."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def link(url: str, title: str | None = None) -> str:
    """``[title](url)``, or ``<url>`` when there is no title."""
    target = url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    if not title:
        return f"<{target}>"
    label = title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if "(" in target or ")" in target:
        target = f"<{target}>"
    return f"[{label}]({target})"


def bullets(values: Iterable[Any], marker: str = "-") -> str:
    """One ``- item`` line per value (``marker`` may be ``- ✅`` or ``- [x]``), or the gap."""
    lines = [f"{marker} {item(value, 2)}" for value in values]
    return "\n".join(lines) if lines else GAP


def numbered(values: Iterable[Any]) -> str:
    """One ``1. item`` line per value, or the gap."""
    lines = [f"{n}. {item(value, len(str(n)) + 2)}" for n, value in enumerate(values, 1)]
    return "\n".join(lines) if lines else GAP


def gap_row(columns: int) -> str:
    """The one row of a table with nothing in it: ``| _Not recorded_ | — | ... |``."""
    return "| " + " | ".join([GAP_TEXT] + [CELL_GAP] * (columns - 1)) + " |"


FILTERS = {
    "or_gap": or_gap,
    "utc": utc,
    "day": day,
    "duration": duration,
    "yes_no": yes_no,
    "box": box,
    "number": number,
    "percent": percent,
    "money": money,
    "block": block,
    "item": item,
    "cell": cell,
    "fenced": fenced,
    "link": link,
    "bullets": bullets,
    "numbered": numbered,
}
