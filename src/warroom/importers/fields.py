"""Readers for ``label: value`` lines whose value is one scalar field.

Each reader takes the context, the label line and the value; it sets the
field and claims the line, or returns False and claims nothing, so that a
value it cannot use ends up verbatim in an extra section. The label table
(``labels.py``) says which reader a label goes to; ``labelpass`` finds the
label lines and holds the readers for lists (people, services, links...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from warroom.domain.model import ReviewStatus, Visibility
from warroom.domain.refs import REF_PATTERN
from warroom.errors import ValidationError
from warroom.importers.blocks import ListItem
from warroom.importers.context import Context
from warroom.importers.sections import Section
from warroom.importers.text import (
    Labelled,
    clean_value,
    is_not_stated,
    parenthetical,
    strip_markup,
)
from warroom.importers.timeexpr import find_date, find_zone_note
from warroom.importers.values import (
    parse_duration,
    parse_incident_status,
    parse_review_status,
)

_METRIC_OF = {
    "detected": "time_to_detect",
    "acknowledged": "time_to_acknowledge",
    "mitigated": "time_to_mitigate",
    "resolved": "time_to_resolve",
}


@dataclass
class LabelLine:
    """One label with everything that belongs to it."""

    label: Labelled
    lines: list[int]  # the label's own lines
    items: list[ListItem] = field(default_factory=list)  # sub-items: part of the value
    section: Section | None = None
    kind: str | None = None  # read as if in a section of this kind (a footer: "header")

    @property
    def context(self) -> str | None:
        """The kind of section the label is read in."""
        if self.kind is not None:
            return self.kind
        return self.section.kind if self.section else "header"

    @property
    def line(self) -> int:
        return self.lines[0]

    def item_texts(self) -> list[str]:
        return [strip_markup(item.full_text) for item in self.items if item.full_text.strip()]

    def all_lines(self) -> list[int]:
        return self.lines + [number for item in self.items for number in item.all_lines()]


Reader = Callable[[Context, LabelLine, str, str], bool]


def _zone_hint(ctx: Context, entry: LabelLine) -> str | None:
    return find_zone_note(f"({parenthetical(entry.label.label)})") or (
        entry.section.zone_hint() if entry.section else None
    )


def _read_ref(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    match = REF_PATTERN.search(re.sub(r"[\[\]]", "", value).upper())
    if not match:
        ctx.warn(
            f"the incident ID {value!r} is not a warroom reference; kept as written", entry.line
        )
        return False
    return ctx.put("ref", match.group(0), entry.lines)


def _read_title(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    return ctx.put("title", strip_markup(value), entry.lines)


def _read_severity(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    text = strip_markup(value).strip()
    match = re.match(r"(?i)(sev(?:erity)?[\s_-]*\d+|s\d\b|p\d\b|\d+\b|[a-z]+)", text)
    if not match:
        return False
    word = match.group(1)
    level: int | None = None
    if re.fullmatch(r"(?i)p\d", word):
        level = min(int(word[1]) + 1, ctx.scale.levels)
        ctx.warn(
            f"severity {word} read as level {level} of {ctx.scale.levels} (P0 is the most severe)",
            entry.line,
        )
    else:
        word = re.sub(r"(?i)^s(\d)$", r"SEV-\1", word)
        try:
            level = ctx.scale.parse(word)
        except ValidationError:
            return False
    ctx.severity_line = entry.line
    ctx.incident.severity = level
    ctx.claim(entry.lines, "severity")
    return True


def _read_status(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    review = parse_review_status(value)
    if review is not None:
        return _read_review_status(ctx, entry, arg, value)
    inner = re.search(r"\(([^)]+)\)\s*$", value)  # "Resolved (closed)": the exact status
    status = parse_incident_status(inner[1] if inner else "") or parse_incident_status(value)
    if status is None:
        return False
    ctx.status_stated = True
    ctx.incident.status = status
    ctx.claim(entry.lines, "status")
    if re.match(r"(?i)post[- ]?mortem complete", value.strip()):
        ctx.incident.review_status = ReviewStatus.APPROVED  # the review is done, and final
    return True


def _read_review_status(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    review = parse_review_status(value)
    if review is None:
        return False
    ctx.incident.review_status = review
    ctx.claim(entry.lines, "review_status")
    return True


def _read_milestone(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    at = ctx.read_time(value, entry.line, zone_hint=_zone_hint(ctx, entry))
    if at is not None:
        if ctx.state_milestone(arg, at, entry.line, 2):
            ctx.claim(entry.lines, f"milestones.{arg}")
            return True
        return False
    seconds = parse_duration(value)
    if seconds is not None and arg in _METRIC_OF:
        return _stated_duration(ctx, entry, _METRIC_OF[arg], seconds)
    if arg == "detected" and value and not value[0].isdigit():
        ctx.add_text("detection_source", value, entry.lines)
        return True
    if re.search(r"\d[:-]\d", value):
        ctx.warn(f"cannot read {value!r} as a time; kept as written", entry.line)
    return False


def _stated_duration(ctx: Context, entry: LabelLine, what: str, seconds: int) -> bool:
    """A stated metric or duration: claimed now, checked once the milestones are known."""
    ctx.durations.append((what, seconds, entry.line))
    ctx.claim(entry.lines, "milestones")
    return True


def _read_metric(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    seconds = parse_duration(value.split("(")[0])
    return seconds is not None and _stated_duration(ctx, entry, arg, seconds)


def _read_duration(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    span = re.split(r"\s+(?:-|–|—|to|until)\s+", strip_markup(value).split("(")[0].strip())
    if len(span) == 2:
        hint = _zone_hint(ctx, entry)
        start = ctx.read_time(span[0], entry.line, zone_hint=hint)
        end = ctx.read_time(span[1], entry.line, zone_hint=hint)
        if start is not None and end is not None:
            if end < start:  # "23:10 - 00:40": past midnight
                end += timedelta(days=1)
            ctx.state_milestone("started", start, entry.line, 2)
            ctx.state_milestone("resolved", end, entry.line, 2)
            ctx.claim(entry.lines, "milestones")
            inside = parenthetical(value)
            seconds = parse_duration(inside) if inside else None
            if seconds is not None:
                ctx.durations.append(("duration", seconds, entry.line))
            return True
    seconds = parse_duration(value.split("(")[0])
    return seconds is not None and _stated_duration(ctx, entry, "duration", seconds)


def _read_text(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    parts = [value] if value else []
    items = [clean_value(item.full_text) for item in entry.items if item.full_text.strip()]
    parts += items if len(items) == 1 and not value else [f"- {text}" for text in items]
    text = "\n".join(parts).strip()
    if not text or is_not_stated(text):
        return False
    ctx.add_text(arg, text, entry.lines + [ln for i in entry.items for ln in i.all_lines()])
    return True


def _read_date(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    """The incident's date: kept by the times read on it (``markdown`` checks that some are)."""
    stamp = find_date(value)
    if stamp is None or stamp.year is None or stamp.month is None or stamp.day is None:
        return False
    day = date(stamp.year, stamp.month, stamp.day)
    incident = ctx.incident

    def used() -> bool:
        times = [e.at for e in incident.timeline] + [m for _, m in incident.milestones.items() if m]
        return any(abs((t.date() - day).days) <= 1 for t in times)

    ctx.derive(entry.lines, used, "milestones")
    return True


def _read_stamp(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    at = ctx.read_time(value, entry.line, zone_hint=_zone_hint(ctx, entry))
    return at is not None and ctx.put(arg, at, entry.lines)


def _read_version(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    if not re.fullmatch(r"\d{1,6}", value.strip()):
        return False  # "1.0": the document's version, not the record's
    ctx.incident.version = int(value)
    ctx.claim(entry.lines, "version")
    return True


def _read_template(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    """``Template Version: 1.0``: the template's own line, not the incident's."""
    ctx.claim(entry.lines, "format")
    return True


def _read_visibility(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    word = strip_markup(value).lower()
    if word.startswith(("public", "external")):
        ctx.incident.visibility = Visibility.PUBLIC
        ctx.claim(entry.lines, "visibility")
        return True
    if word.startswith(("private", "internal", "confidential", "restricted", "secret")):
        ctx.incident.visibility = Visibility.PRIVATE
        ctx.claim(entry.lines, "visibility")
        return True
    return False


SCALAR_READERS: dict[str, Reader] = {
    "ref": _read_ref,
    "title": _read_title,
    "severity": _read_severity,
    "status": _read_status,
    "review_status": _read_review_status,
    "milestone": _read_milestone,
    "metric": _read_metric,
    "duration": _read_duration,
    "text": _read_text,
    "date": _read_date,
    "stamp": _read_stamp,
    "visibility": _read_visibility,
    "version": _read_version,
    "template": _read_template,
}
