"""Markdown lists as typed into a text box, and back: the items of the analysis sections.

An item starts at a list marker (``-``, ``*``, ``+``, ``1.``); the lines under
it, indented or not, belong to it until the next marker. Text without any
marker is read one item per line, so a plain list of lines works too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MARKER = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
_NAME = re.compile(
    r"^(?:\*\*(?P<bold>[^*]+)\*\*|`(?P<code>[^`]+)`|(?P<plain>[^:—]+?))\s*(?:[:—]\s*(?P<rest>.*))?$"
)


def text_or_none(text: str) -> str | None:
    """Typed text without its surrounding blank space; ``None`` when nothing is left."""
    stripped = text.strip()
    return stripped or None


def items_of(text: str) -> list[list[str]]:
    """The items of a typed list, each as its lines (first line without its marker)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    marked = any(_MARKER.match(line) for line in lines)
    items: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        match = _MARKER.match(line)
        if match:
            items.append([match.group("text").strip()])
        elif marked and items:
            items[-1].append(line.strip())
        else:
            items.append([line.strip()])
    return [item for item in items if any(item)]


def list_text(items: Iterable[list[str]], *, numbered: bool = False) -> str:
    """Items (each a list of lines) as a Markdown list, continuation lines indented."""
    out: list[str] = []
    for number, item in enumerate(items, start=1):
        lines = [line for part in item for line in part.splitlines() if line.strip()]
        if not lines:
            continue
        marker = f"{number}." if numbered else "-"
        indent = " " * (len(marker) + 1)
        out.append(f"{marker} {lines[0]}")
        out.extend(f"{indent}{line}" for line in lines[1:])
    return "\n".join(out)


def labelled(label: str, value: str | None) -> list[str]:
    """``Label: line`` for each line of ``value`` (nothing when there is no value)."""
    if not value:
        return []
    return [f"{label}: {line}" for line in value.splitlines() if line.strip()]


def split_name(line: str) -> tuple[str, str | None]:
    """``**name**: description`` (or ``name: description``) -> (name, description)."""
    match = _NAME.match(line.strip())
    if not match:
        return line.strip(), None
    name = match.group("bold") or match.group("code") or match.group("plain") or ""
    rest = (match.group("rest") or "").strip()
    return name.strip(), rest or None
