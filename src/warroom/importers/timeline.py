"""Timeline entries from a timeline section: bullets, lines, headings, bold stamps, tables.

An entry is anything that starts with a time (``- 14:05 UTC: ...``,
``### 21:00 - Team alerted``, ``**[14:05 UTC]** - Detection``, a table row).
A time without a date is read on the day last stated before it: a date
heading or line (``### 2022-06-02``, ``2019-01-22``), the date of the entry
before, or the report's date. A time earlier than the one before it, on
that same stated day, is taken to be past midnight (with a warning). Sub-items
of an entry give its author, link and action taken, or else extend its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from warroom.domain.model import Phase, Source, TimelineEvent
from warroom.importers.blocks import Block, ListItem
from warroom.importers.context import Context, ItemRef
from warroom.importers.dispatch import apply_label
from warroom.importers.fields import LabelLine
from warroom.importers.links import add_link, links_in, take_code
from warroom.importers.sections import Section
from warroom.importers.text import clean_value, is_placeholder, key_of, split_label, strip_markup
from warroom.importers.timeexpr import Stamp, find_zone_note, match_stamp

_AUTHOR = frozenset(
    key_of(k)
    for k in (
        "by",
        "who",
        "author",
        "first responder",
        "responder",
        "owner",
        "actor",
        "done by",
        "performed by",
    )
)
_LINK = frozenset(
    key_of(k)
    for k in ("link", "alert ticket", "ticket", "alert", "url", "pr", "source", "reference")
)
_ACTION = frozenset(
    key_of(k) for k in ("action taken", "actions taken", "action", "actions", "response")
)


_SLOT = re.compile(r"[\s*_\[]*(?:YYYY|HH:MM|\[HH|X{1,2}:X{2})")


@dataclass
class Cursor:
    """Where the reader is in time: the day last stated, and the last local time read."""

    day: date | None
    zone_hint: str | None
    phase: Phase | None = None
    last: tuple[date, int, int] | None = None
    rolled: list[int] = field(default_factory=list)


def is_entry_stamp(stamp: Stamp | None) -> bool:
    """Does the stamp have a time of day (so the line is a timeline entry)?"""
    return stamp is not None and stamp.has_time


# A time of day left blank: "2022-02-02 X:", "2020-12-21 HH:mm", "2019-12-03 --:--".
_UNTIMED = re.compile(
    r"\s*(?:[HhXx?-]{1,2}:[MmXx?-]{2}|\d{1,2}:[?Xx]{2}|[Xx?]{1,3}|TBD)(?!\w)(?!:\d)[\s:|–—-]*"
)


def untimed_end(text: str, stamp: Stamp | None) -> int | None:
    """Where the text starts after a full date and a blank time of day; None if not so."""
    if stamp is None or not stamp.has_date or stamp.has_time or stamp.year is None:
        return None
    blank = _UNTIMED.match(text, stamp.end)
    return blank.end() if blank else None


def read_stamp(ctx: Context, cur: Cursor, stamp: Stamp, line: int) -> TimelineEvent | None:
    """The event skeleton for a stamp, moving the cursor's day along.

    A date without a time of day is placed at the time of the entry before it
    when that is on the same day (keeping the report's order), else at the
    start of the day; the import says so once.
    """
    day = cur.day or ctx.ref_date
    if stamp.has_date and not stamp.has_time and stamp.month and stamp.day:
        ctx.untimed.append(line)
        same = cur.last and cur.last[0] == date(stamp.year or 1, stamp.month, stamp.day)
        hour, minute = (cur.last[1], cur.last[2]) if same and cur.last else (0, 0)
        stamp = replace(stamp, hour=hour, minute=minute)
    if stamp.has_date:
        at = ctx.stamp_time(stamp, line, zone_hint=cur.zone_hint, day=day)
        if at is None:
            return None
        local_day = date(stamp.year or (day or at.date()).year, stamp.month or 1, stamp.day or 1)
        cur.day = local_day
    else:
        assert stamp.hour is not None and stamp.minute is not None
        if cur.last and day == cur.last[0] and (stamp.hour, stamp.minute) < cur.last[1:]:
            day = cur.last[0] + timedelta(days=1)
            cur.day = day
            cur.rolled.append(line)
        at = ctx.stamp_time(stamp, line, zone_hint=cur.zone_hint, day=day)
        if at is None:
            return None
        local_day = day or at.date()
    if stamp.hour is not None and stamp.minute is not None:
        cur.last = (local_day, stamp.hour, stamp.minute)
    return TimelineEvent(at=at, text="", phase=cur.phase, source=Source.IMPORT)


_NO_TEXT = "(no description)"
_ACTION_TAKEN = re.compile(r"\s+[—–]\s+Action taken:\s*(.+)$", re.S)


def add_event(ctx: Context, event: TimelineEvent, text: str, lines: list[int]) -> None:
    """Add an entry with its text (an ``— Action taken:`` suffix split off) and claim its lines."""
    text = clean_value(text).strip()
    if taken := _ACTION_TAKEN.search(text):  # "alert fired — Action taken: paged on-call"
        event.action_taken = event.action_taken or taken[1].strip()
        text = text[: taken.start()]
    event.text = text.rstrip(":").strip() or _NO_TEXT
    ctx.incident.timeline.append(event)
    ctx.claim(lines, ItemRef("timeline", event))


def apply_details(
    ctx: Context, event: TimelineEvent, items: list[ListItem], section: Section
) -> None:
    """Sub-items of an entry: author, link, action taken, a field's label, or more text."""
    extra: list[str] = []
    for item in items:
        text = item.full_text
        labelled = split_label(text)
        key = labelled.key if labelled else ""
        value = labelled.value if labelled else ""
        lines = item.all_lines()
        if labelled and is_placeholder(value) and not item.children:
            ctx.claim(lines, "format")
            continue
        if key in _AUTHOR and value:
            event.author = event.author or strip_markup(value)
        elif key in _LINK and links_in(value):
            event.link = event.link or links_in(value)[0][0]
        elif key in _ACTION and value:
            event.action_taken = (
                value if not event.action_taken else f"{event.action_taken}; {value}"
            )
        elif labelled and apply_label(
            ctx, LabelLine(labelled, [item.line], item.children, section)
        ):
            continue
        else:
            extra.append(clean_value(text) + _children_text(item))
        ctx.claim(lines, ItemRef("timeline", event))
    if extra:
        event.text = "; ".join([event.text, *extra]) if event.text else "; ".join(extra)


def _children_text(item: ListItem) -> str:
    if not item.children:
        return ""
    return " (" + "; ".join(clean_value(c.full_text) for c in item.children) + ")"


def read_items(ctx: Context, cur: Cursor, items: list[ListItem], section: Section) -> int:
    """Entries from list items that start with a time; returns how many were read."""
    count = 0
    for item in items:
        text = item.full_text
        stamp = match_stamp(text, bare_dates=True)
        if stamp and stamp.has_date and not stamp.has_time and stamp.end >= len(text.strip()):
            cur.day = date(
                stamp.year or (cur.day or ctx.ref_date or date.today()).year,
                stamp.month or 1,
                stamp.day or 1,
            )
            ctx.claim([item.line], "timeline")
            count += read_items(ctx, cur, item.children, section)
            continue
        start = untimed_end(text, stamp)
        if (not is_entry_stamp(stamp) or stamp is None) and start is None:
            if _SLOT.match(text):
                ctx.claim(item.all_lines(), "format")  # "[HH:MM UTC] - ...": a template row
            continue
        assert stamp is not None
        event = read_stamp(ctx, cur, stamp, item.line)
        if event is None:
            continue
        rest = text[start if start is not None else stamp.end :]
        add_event(ctx, event, rest.replace("\n", " "), item.own_lines())
        apply_details(ctx, event, item.children, section)
        count += 1
    return count


def read_paragraph(
    ctx: Context, cur: Cursor, block: Block, following: Block | None, section: Section
) -> bool:
    """Lines of a paragraph that start with a time; True if the next list was its details."""
    event: TimelineEvent | None = None
    used_next = False
    for number, line in block.numbered():
        if ctx.claimed(number):
            continue
        stamp = match_stamp(line.strip(), bare_dates=True)
        if stamp and stamp.has_date and not stamp.has_time and stamp.end >= len(line.strip()):
            cur.day = date(
                stamp.year or (cur.day or date.today()).year, stamp.month or 1, stamp.day or 1
            )
            ctx.claim([number], "timeline")
            event = None
        elif is_entry_stamp(stamp) and stamp is not None:
            event = read_stamp(ctx, cur, stamp, number)
            if event is not None:
                add_event(ctx, event, line.strip()[stamp.end :], [number])
        elif event is not None:
            event.text = f"{event.text} {line.strip()}"
            ctx.claim([number], ItemRef("timeline", event))
        elif find_zone_note(line) and len(line) < 120:
            ctx.claim([number], "timeline")
        elif _SLOT.match(line):
            ctx.claim([number], "format")  # "**[HH:MM UTC]** - Initial Detection": a slot
            event = None
            if following is not None and following.kind == "list" and number == block.end:
                ctx.claim([n for i in following.items for n in i.all_lines()], "format")
                used_next = True
    items = following.items if following is not None and following.kind == "list" else []
    timed = any(is_entry_stamp(match_stamp(i.text, bare_dates=True)) for i in items)
    if event is not None and items and not timed:
        apply_details(ctx, event, items, section)
        used_next = True
    return used_next


def read_heading_entry(ctx: Context, cur: Cursor, section: Section) -> TimelineEvent | None:
    """``### 21:06 - Logger error`` and the prose under it: one entry."""
    assert section.heading is not None
    stamp = match_stamp(section.title, bare_dates=True)
    if stamp is None or not stamp.has_time:
        return None
    event = read_stamp(ctx, cur, stamp, section.heading.start)
    if event is None:
        return None
    add_event(ctx, event, section.title[stamp.end :], [section.heading.start])
    titled = event.text != _NO_TEXT
    details: list[str] = []
    for block in section.blocks:
        if block.kind == "code":
            take_code(ctx, block, event.text)
        elif block.kind == "list":
            for item in block.items:
                found = links_in(item.full_text)
                if len(found) == 1 and item.full_text.strip() in (found[0][0], f"<{found[0][0]}>"):
                    link = add_link(ctx, found[0][0], found[0][1])
                    ctx.claim(item.all_lines(), ItemRef("links", link))
                else:
                    details.append(clean_value(item.full_text).replace("\n", " "))
                    ctx.claim(item.all_lines(), ItemRef("timeline", event))
        elif block.kind in ("paragraph", "quote"):
            details.append(" ".join(line.strip() for line in block.lines))
            ctx.claim(block.line_numbers(), ItemRef("timeline", event))
    if details:
        event.text = f"{event.text}: {' '.join(details)}" if titled else " ".join(details)
    section.done = True
    return event
