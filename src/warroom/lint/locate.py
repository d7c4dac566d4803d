"""What every rule is given (``LintContext``), and the way from fields back to lines.

Record rules speak in field paths (``action_items[1].owner``); the importer's
``line_fields`` maps source lines to the paths they went into. A finding
about a field gets the first line mapped to that field, to a part of it, or
to the nearest enclosing field; when a phrase is known (a blamed word), the
line that holds the phrase wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from warroom.domain.model import Incident
from warroom.importers.result import ImportResult
from warroom.lint.document import MarkdownDocument
from warroom.lint.settings import LintSettings


def iter_text_fields(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every free-text value in a record, with its field path (``analysis.five_whys[2].answer``)."""
    if isinstance(value, (Enum, date, datetime, bool, int, float)):
        return
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            child = f"{path}.{spec.name}" if path else spec.name
            yield from iter_text_fields(getattr(value, spec.name), child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_text_fields(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_text_fields(item, f"{path}.{key}")


def lines_for_field(field: str, source: ImportResult | None) -> list[int]:
    """Source lines mapped to ``field`` or inside it; else to the closest enclosing field."""
    if source is None:
        return []
    exact = sorted(n for n, p in source.line_fields.items() if p == field or _inside(p, field))
    if exact:
        return exact
    parent = field
    while parent:
        parent = _parent(parent)
        found = sorted(n for n, p in source.line_fields.items() if p == parent)
        if found:
            return found
    return []


def locate(
    field: str | None,
    *,
    source: ImportResult | None,
    doc: MarkdownDocument | None,
    phrase: str | None = None,
) -> int | None:
    """The best source line for a finding about ``field`` (and ``phrase``, when given)."""
    candidates = lines_for_field(field, source) if field else []
    if phrase and doc is not None:
        wanted = phrase.casefold()
        for number in candidates:
            if wanted in doc.line(number).casefold():
                return number
        for number, text in doc.prose():
            if wanted in text.casefold():
                return number
    return candidates[0] if candidates else None


def find_line(doc: MarkdownDocument | None, needle: str) -> int | None:
    """The first prose line holding ``needle`` as a word (case-insensitive)."""
    if doc is None:
        return None
    wanted = needle.casefold()
    for number, text in doc.prose():
        folded = text.casefold()
        start = folded.find(wanted)
        while start != -1:
            end = start + len(wanted)
            before = folded[start - 1] if start else " "
            after = folded[end] if end < len(folded) else " "
            if not (before.isalnum() or after.isalnum()):
                return number
            start = folded.find(wanted, start + 1)
    return None


def _inside(path: str, field: str) -> bool:
    return path.startswith(field + ".") or path.startswith(field + "[")


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


@dataclass(frozen=True)
class LintContext:
    incident: Incident
    settings: LintSettings
    source: ImportResult | None = None  # what the importer said about each line
    doc: MarkdownDocument | None = None  # the source text, when lint was given it

    def line_for(self, field: str | None, phrase: str | None = None) -> int | None:
        """The source line a finding about ``field`` points at, or None."""
        return locate(field, source=self.source, doc=self.doc, phrase=phrase)

    def line_with(self, needle: str) -> int | None:
        """The first line holding ``needle`` as a word, when the text is known."""
        return find_line(self.doc, needle)

    @property
    def severity_label(self) -> str:
        return self.settings.scale.label(self.incident.severity)
