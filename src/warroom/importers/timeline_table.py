"""Timeline tables, and the walk over a whole timeline section.

A table is a timeline table when one of its columns is a time (``Time``,
``Time (UTC)``, ``Timestamp``, ``When``; a separate ``Date`` column is joined
to it). The text is the ``Event``/``Description``/``Note`` column; ``Action
Taken``, ``Phase``, ``Who`` and ``Link`` columns fill those fields, and any
other column is kept in the text as ``(Column: value)``.
"""

from __future__ import annotations

import re
from datetime import date

from warroom.domain.model import EventKind, Phase
from warroom.importers.blocks import Block
from warroom.importers.context import Context, ItemRef
from warroom.importers.links import links_in, take_code
from warroom.importers.sections import Section
from warroom.importers.text import clean_value, is_placeholder, key_of, parenthetical
from warroom.importers.timeexpr import find_zone_note, match_stamp
from warroom.importers.timeline import (
    Cursor,
    add_event,
    read_heading_entry,
    read_items,
    read_paragraph,
    read_stamp,
    untimed_end,
)

_ROLES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (role, frozenset(key_of(name) for name in names))
    for role, names in (
        (
            "time",
            (
                "time",
                "timestamp",
                "when",
                "date time",
                "datetime",
                "at",
                "utc",
                "hour",
                "time utc",
                "local time",
                "start",
            ),
        ),
        ("date", ("date", "day")),
        (
            "text",
            (
                "event",
                "description",
                "what",
                "note",
                "details",
                "activity",
                "update",
                "summary",
                "what happened",
                "events",
                "notes",
                "message",
                "observation",
                "entry",
                "detail",
            ),
        ),
        ("action", ("action taken", "action", "actions taken", "response", "actions")),
        ("phase", ("phase", "stage")),
        ("author", ("who", "by", "author", "owner", "actor", "person", "responder", "people")),
        ("link", ("link", "ticket", "links", "evidence", "url")),
        ("kind", ("type", "kind", "category")),
    )
)


def column_roles(header: list[str]) -> dict[int, str]:
    """Which column holds what; unknown columns are left out."""
    roles: dict[int, str] = {}
    for index, cell in enumerate(header):
        key = key_of(cell)
        for role, names in _ROLES:
            timed = role == "time" and bool(re.search(r"\b(?:time|timestamp|datetime)\b", key))
            if (key in names or timed) and role not in roles.values():
                roles[index] = role
                break
    return roles


def is_timeline_table(block: Block) -> bool:
    """Does the table have a time column?"""
    return block.header is not None and "time" in column_roles(block.header.cells).values()


def read_table(ctx: Context, cur: Cursor, block: Block) -> int:
    """Entries from the rows of a timeline table; returns how many were read."""
    assert block.header is not None
    header = block.header.cells
    roles = column_roles(header)
    time_col = next(i for i, r in roles.items() if r == "time")
    date_col = next((i for i, r in roles.items() if r == "date"), None)
    text_col = next((i for i, r in roles.items() if r == "text"), None)
    if text_col is None:
        text_col = next((i for i in range(len(header)) if i not in roles), None)
    zone_hint = find_zone_note(f"({parenthetical(header[time_col])})") or cur.zone_hint
    count = 0
    for row in block.rows:
        cells = row.cells + [""] * (len(header) - len(row.cells))
        when = cells[time_col].strip()
        if date_col is not None and cells[date_col].strip():
            when = f"{cells[date_col].strip()} {when}"
        if not any(c.strip() for c in cells):
            ctx.claim([row.line], "timeline")
            continue
        if is_placeholder(when):
            ctx.claim([row.line], "format")
            continue
        stamp = match_stamp(when, bare_dates=True)
        rest = when[stamp.end :].strip(" ~*_)(").strip() if stamp else when
        dated = stamp is not None and stamp.year is not None and not stamp.has_time
        if dated and rest and untimed_end(when, stamp) is None:
            dated = False
        if stamp is None or not ((stamp.has_time and not rest) or dated):
            ctx.unreadable.append((row.line, when))
            continue
        saved, cur.zone_hint = cur.zone_hint, zone_hint
        event = read_stamp(ctx, cur, stamp, row.line)
        cur.zone_hint = saved
        if event is None:
            continue
        text = cells[text_col] if text_col is not None and text_col < len(cells) else ""
        extras = []
        for index, cell in enumerate(cells[: len(header)]):
            value = clean_value(cell)
            if index in (time_col, date_col, text_col) or not value or value in ("-", "—"):
                continue
            role = roles.get(index)
            if role == "action":
                event.action_taken = value
            elif role == "phase" and _phase(value):
                event.phase = _phase(value)
            elif role == "author":
                event.author = value
            elif role == "link" and links_in(value):
                event.link = links_in(value)[0][0]
            elif role == "kind" and value.lower().replace(" ", "_") in set(EventKind):
                event.kind = EventKind(value.lower().replace(" ", "_"))
            else:
                extras.append(f"({header[index]}: {value})")
        add_event(ctx, event, " ".join([text, *extras]), [row.line])
        count += 1
    if count or all(ctx.claimed(row.line) for row in block.rows):
        ctx.claim([block.start, block.start + 1], "timeline")
    return count


def _phase(text: str) -> Phase | None:
    word = text.strip().lower()
    for phase in Phase:
        if word.startswith(phase.value[:6]):
            return phase
    return None


def read_timeline(ctx: Context, section: Section, cur: Cursor | None = None) -> None:
    """Every entry of a timeline section and its subsections, in order."""
    if cur is None:
        cur = Cursor(day=ctx.ref_date, zone_hint=section.zone_hint(), phase=section.phase)
    skip = False
    for index, block in enumerate(section.blocks):
        if skip:
            skip = False
            continue
        following = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
        if block.kind == "list":
            read_items(ctx, cur, block.items, section)
        elif block.kind == "paragraph":
            skip = read_paragraph(ctx, cur, block, following, section)
        elif block.kind == "table" and is_timeline_table(block):
            read_table(ctx, cur, block)
        elif block.kind == "code":
            take_code(ctx, block, ctx.incident.timeline[-1].text if ctx.incident.timeline else None)
    for child in section.children:
        _read_child(ctx, cur, child)
    section.done = True
    if cur.rolled:
        ctx.warn(
            "a timeline time is earlier than the one before it on the same day; "
            "read as the next day",
            cur.rolled[0],
        )


def _read_child(ctx: Context, cur: Cursor, child: Section) -> None:
    stamp = match_stamp(child.title, bare_dates=True)
    if stamp is not None and stamp.has_time:
        read_heading_entry(ctx, cur, child)
        return
    if stamp is not None and stamp.has_date and stamp.end >= len(child.title.strip()):
        year = stamp.year or (cur.day or ctx.ref_date or date.today()).year
        cur.day = date(year, stamp.month or 1, stamp.day or 1)
        if child.heading is not None:
            ctx.claim([child.heading.start], "timeline")
        read_timeline(ctx, child, cur)
        return
    if child.kind == "timeline":
        if child.heading is not None:
            ctx.claim([child.heading.start], "timeline")
        saved = cur.phase
        cur.phase = child.phase or cur.phase
        read_timeline(ctx, child, cur)
        cur.phase = saved


__all__ = ["ItemRef", "is_timeline_table", "read_table", "read_timeline"]
