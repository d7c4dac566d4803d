"""Finding the label lines of a section and reading them, before its own reader runs.

A label's value is what follows the colon, the lines under it in the same
paragraph, its sub-items, or the list right after a label line that ends a
paragraph (``**Impact:**`` then ``- Duration: 47 min``). Sub-items that are
labels themselves are read as such. A value holding more labels
(``Business impact: summary; Revenue lost: $18,500``, ``47 min (downtime:
47 min)``) is split into them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from warroom.importers.blocks import Block, ListItem
from warroom.importers.comms import COMMS_READERS
from warroom.importers.context import Context
from warroom.importers.dispatch import BASIC_READERS, apply_label
from warroom.importers.fields import LabelLine, Reader
from warroom.importers.labels import label_spec
from warroom.importers.list_labels import LIST_LABEL_READERS
from warroom.importers.sections import Section
from warroom.importers.text import Labelled, clean_value, key_of, split_label

_LIST_READERS = frozenset(
    {
        "people",
        "services",
        "list",
        "attendees",
        "actions",
        "timeline",
        "factors",
        "strings",
        "link",
        "group",
        "distribution",
        "measures",
    }
)
# Sections whose list items are their own entries, not label lines ("Engineering Lead: Ann").
_OWN_LISTS = frozenset({"timeline", "approvals"})
# Columns a metrics table computes from the value and the settings ("Target", "Met?").
_DERIVED_COLUMNS = frozenset({"target", "met"})
_BEFORE_TIME = re.compile(
    r"\*{0,2}([A-Za-z][A-Za-z ]{2,40}?)\*{0,2}\s+(\d[\d\s:./-]{4,30}(?:\s?[A-Z]{2,5})?)$"
)
_PART = re.compile(r"\s*;\s+|\s+\((?=[A-Za-z][\w /-]{0,40}:\s)")


def _read_group(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    handled = [take_item(ctx, item, entry.section) for item in entry.items]
    if any(handled):
        ctx.claim(entry.lines, "structure")
    return any(handled)


ALL_READERS: dict[str, Reader] = {
    **BASIC_READERS,
    **COMMS_READERS,
    **LIST_LABEL_READERS,
    "group": _read_group,
}


def read_label(ctx: Context, entry: LabelLine) -> bool:
    """Read a label, its compound value and its sub-items; True if anything was taken."""
    section_kind = entry.context
    spec = label_spec(entry.label.key, section_kind, ctx.format_labels)
    if spec is None:
        return False
    main, parts = _split_compound(entry.label.value, section_kind)
    taken = [
        apply_label(ctx, LabelLine(p, entry.lines, [], entry.section, entry.kind), ALL_READERS)
        for p in parts
    ]
    entry = replace(entry, label=replace(entry.label, value=main))
    if entry.items and spec[0] not in _LIST_READERS:
        rest = [item for item in entry.items if not take_item(ctx, item, entry.section)]
        if len(rest) < len(entry.items) and not rest and not main:
            ctx.claim(entry.lines, "structure")
            return True
        entry = replace(entry, items=rest)
    if not main and not entry.items and any(taken):
        ctx.claim(entry.lines, "structure")
        return True
    return apply_label(ctx, entry, ALL_READERS) or any(taken)


def _split_compound(value: str, section_kind: str | None) -> tuple[str, list[Labelled]]:
    """``"summary; Revenue lost: $5"`` -> ``("summary", [Revenue lost: $5])``."""
    if ";" not in value and "(" not in value:
        return value, []
    pieces = _PART.split(value)
    main: list[str] = []
    parts: list[Labelled] = []
    for index, piece in enumerate(pieces):
        text = piece.strip().rstrip(")") if index and "(" in value and ":" in piece else piece
        labelled = split_label(text)
        if labelled and label_spec(labelled.key, section_kind) and (index or len(pieces) > 1):
            parts.append(labelled)
        else:
            main.append(piece)
    if not parts:
        return value, []
    return "; ".join(p.strip() for p in main if p.strip()), parts


def take_item(ctx: Context, item: ListItem, section: Section | None) -> bool:
    """A list item written as a label (``- **Severity:** SEV-2``); False if it is not one."""
    if ctx.claimed(item.line):
        return False
    labelled = split_label(item.text) or _label_before_time(item.text)
    if labelled is None:
        return False
    value = "\n".join([labelled.value, *(t.strip() for _, t in item.more if t.strip())]).strip()
    entry = LabelLine(
        replace(labelled, value=clean_value(value)), item.own_lines(), item.children, section
    )
    return read_label(ctx, entry)


def _label_before_time(text: str) -> Labelled | None:
    """``Resolved 2023-07-21 12:42``: a milestone label written without its colon."""
    match = _BEFORE_TIME.match(text.strip())
    if match is None:
        return None
    spec = label_spec(key_of(match[1]), "header")
    if spec is None or spec[0] != "milestone":
        return None
    return Labelled(match[1], key_of(match[1]), match[2])


def take_labels(ctx: Context, section: Section) -> None:
    """Read every label line standing in the section's own content."""
    blocks = section.blocks
    after_rule = False
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "paragraph":
            footer = after_rule and all(split_label(line) for line in block.lines)
            _paragraph(ctx, section, block, following, "header" if footer else None)
        elif block.kind == "list" and section.kind not in _OWN_LISTS:
            for item in block.items:
                take_item(ctx, item, section)
        elif block.kind == "table" and section.kind not in _OWN_LISTS:
            _table(ctx, section, block)
        after_rule = block.kind == "rule"


def _paragraph(
    ctx: Context, section: Section, block: Block, following: Block | None, kind: str | None = None
) -> None:
    rows = [(n, line) for n, line in block.numbered() if not ctx.claimed(n)]
    index = 0
    while index < len(rows):
        number, line = rows[index]
        labelled = split_label(line)
        index += 1
        if (
            labelled is None
            or label_spec(labelled.key, kind or section.kind, ctx.format_labels) is None
        ):
            continue
        lines, more = [number], [labelled.value]
        while index < len(rows) and split_label(rows[index][1]) is None:
            lines.append(rows[index][0])
            more.append(rows[index][1].strip())
            index += 1
        value = clean_value("\n".join(m for m in more if m))
        items: list[ListItem] = []
        last = index >= len(rows) and lines[-1] == block.end
        if not value and last and following is not None and following.kind == "list":
            items = [i for i in following.items if not ctx.claimed(i.line)]
        elif not value and last and following is not None and following.kind == "paragraph":
            rest = [(n, t) for n, t in following.numbered() if not ctx.claimed(n)]
            if rest and all(split_label(t) is None for _, t in rest):
                value = clean_value("\n".join(t.strip() for _, t in rest))
                lines += [n for n, _ in rest]
        read_label(ctx, LabelLine(replace(labelled, value=value), lines, items, section, kind))


def _table(ctx: Context, section: Section, block: Block) -> None:
    """Two-column field/value tables, and metric tables (Metric | Target | Actual | Met?)."""
    if block.header is None or len(block.header.cells) < 2:
        return
    header = [key_of(c) for c in block.header.cells]
    value_col = next((i for i, k in enumerate(header) if k in ("value", "actual", "detail")), None)
    if value_col is None or header[0] not in (
        "field",
        "item",
        "key",
        "property",
        "metric",
        "attribute",
        "name",
        "detail",
        "fact",
    ):
        return
    read_any = False
    for row in block.rows:
        cells = row.cells + [""] * len(header)
        labelled = Labelled(clean_value(cells[0]), key_of(cells[0]), clean_value(cells[value_col]))
        if read_label(ctx, LabelLine(labelled, [row.line], [], section)):
            read_any = True
            notes = [
                f"{block.header.cells[i]}: {clean_value(c)}"
                for i, c in enumerate(row.cells[1 : len(header)], 1)
                if i != value_col and clean_value(c) and header[i] not in _DERIVED_COLUMNS
            ]
            if notes:  # a column the field has no place for: kept beside it
                ctx.notes.append((section.title, f"{labelled.label} — {'; '.join(notes)}"))
    if read_any:
        ctx.claim([block.start, block.start + 1], "structure")
