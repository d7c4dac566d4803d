"""Action items from tables, lists, checklists and sentences.

What an item states is read from its columns, its sub-items (``Owner: Ann``)
or its own text: ``- [x]`` / ``DONE`` / ``(done)`` / ``~~struck through~~``
(done), ``(in progress)``, ``(won't do: reason)``, ``@owner`` or ``(owner:
Ann)``, ``due 2024-05-01`` or ``by 2024-05-01``, ``P1`` or ``[High]``, and a
linked issue or pull request, which becomes its ticket. The horizon and kind
come from the section it stands in ("Short-term (1-2 weeks)", "Process
improvements"). Items without a key are numbered AI-1, AI-2... at the end.
"""

from __future__ import annotations

import re

from warroom.domain.model import ActionItem, ActionKind, ActionStatus, Horizon
from warroom.importers.action_marks import due_date, take_marks
from warroom.importers.blocks import Block, ListItem
from warroom.importers.context import Context, ItemRef
from warroom.importers.links import links_in
from warroom.importers.text import (
    clean_value,
    is_not_stated,
    is_placeholder,
    key_of,
    split_label,
    strip_markup,
)
from warroom.importers.values import parse_action_status, parse_priority

_COLUMNS: dict[str, str] = {
    key_of(name): role
    for role, names in (
        ("key", ("id", "#", "key", "ref", "no", "number", "ai", "item id")),
        (
            "title",
            (
                "action",
                "action item",
                "task",
                "item",
                "description",
                "what",
                "title",
                "action description",
                "recommendation",
                "improvement",
                "todo",
                "actions",
                "follow up",
                "measure",
                "remediation",
            ),
        ),
        (
            "owner",
            (
                "owner",
                "assignee",
                "who",
                "responsible",
                "assigned to",
                "team",
                "dri",
                "owners",
                "assigned",
            ),
        ),
        (
            "due",
            (
                "due",
                "due date",
                "target date",
                "deadline",
                "when",
                "eta",
                "by",
                "target",
                "date",
                "due by",
                "target completion",
            ),
        ),
        ("priority", ("priority", "prio", "importance")),
        ("status", ("status", "state", "done", "progress", "complete")),
        ("ticket", ("ticket", "issue", "link", "tracking", "jira", "tracker", "pr", "links")),
        ("horizon", ("horizon", "term", "timeframe")),
        ("kind", ("type", "kind", "category")),
    )
    for name in names
}
_KEY = re.compile(r"^\s*(AI-?\d{1,5}|[A-Z]{2,6}-\d{1,6})\s*[:.\-–—)]\s*")
_STRUCK = re.compile(r"^~~(.+)~~\s*(.*)$", re.S)


def new_item(
    ctx: Context,
    text: str,
    lines: list[int],
    *,
    status: ActionStatus | None,
    horizon: Horizon | None,
    kind: ActionKind | None,
    details: list[ListItem] | None = None,
) -> ActionItem | None:
    """An action item from one line of text (and its sub-items); None for a template slot."""
    title = text.strip()
    if is_placeholder(title):
        ctx.claim(lines, "format")
        return None
    item = ActionItem(key="", title=title, horizon=horizon, kind=kind)
    struck = _STRUCK.match(title)
    if struck:
        title = f"{struck[1]} {struck[2]}".strip()
        item.status = ActionStatus.DONE
    elif status is not None:
        item.status = status
    if key := _KEY.match(title):
        item.key, title = key[1].upper(), title[key.end() :]
    title = take_marks(ctx, item, title)
    for sub in details or []:
        if not _apply_detail(ctx, item, sub.full_text):
            title = f"{title}; {clean_value(sub.full_text)}"
    item.title = strip_markup(title).strip(" -–—:;") or strip_markup(text)
    if item.status == ActionStatus.WONT_DO and not item.reason:
        item.reason = "marked as won't do in the report"
    ctx.incident.action_items.append(item)
    ctx.claim(
        lines + [n for sub in details or [] for n in sub.all_lines()], ItemRef("action_items", item)
    )
    return item


def _apply_detail(ctx: Context, item: ActionItem, text: str) -> bool:
    labelled = split_label(text)
    if labelled is None:
        return False
    role = _COLUMNS.get(labelled.key)
    return role is not None and _set(ctx, item, role, labelled.value)


def _set(ctx: Context, item: ActionItem, role: str, value: str) -> bool:
    """One column or sub-item value into the item; False if it says nothing usable."""
    plain = strip_markup(value).strip()
    if not plain or plain in ("-", "—") or is_placeholder(value) or is_not_stated(value):
        return True
    if role == "key":
        item.key = plain.upper()
    elif role == "owner":
        item.owner = plain
    elif role == "due":
        parsed = due_date(ctx, plain)
        if parsed is None:
            return False
        item.due = parsed
    elif role == "priority":
        priority = parse_priority(plain)
        if priority is None:
            return False
        item.priority = priority
    elif role == "status":
        status = parse_action_status(plain)
        if status is None:
            return False
        item.status = status
        if status == ActionStatus.WONT_DO:
            why = re.search(r"\(([^)]+)\)\s*$", plain) or re.search(r"[:\-–—]\s*(.+)$", plain)
            item.reason = why[1].strip() if why else None
    elif role == "ticket":
        found = links_in(value)
        item.ticket = found[0][0] if found else plain
    elif role == "horizon":
        item.horizon = next((h for h in Horizon if plain.lower().startswith(h.value[:3])), None)
        return item.horizon is not None
    elif role == "kind":
        item.kind = next((k for k in ActionKind if plain.lower().startswith(k.value[:4])), None)
        return item.kind is not None
    return True


def read_table(
    ctx: Context, block: Block, *, horizon: Horizon | None, kind: ActionKind | None
) -> int:
    """Action items from the rows of a table that has an action column."""
    assert block.header is not None
    header = block.header.cells
    roles = {i: _COLUMNS[key_of(c)] for i, c in enumerate(header) if key_of(c) in _COLUMNS}
    if "title" not in roles.values():
        return 0
    count = 0
    for row in block.rows:
        cells = row.cells + [""] * (len(header) - len(row.cells))
        if not any(c.strip() for c in cells):
            ctx.claim([row.line], "action_items")
            continue
        title_col = next(i for i, r in roles.items() if r == "title")
        extras = []
        item = new_item(ctx, cells[title_col], [row.line], status=None, horizon=horizon, kind=kind)
        if item is None:
            continue
        for index, cell in enumerate(cells[: len(header)]):
            role = roles.get(index)
            if index == title_col or not cell.strip():
                continue
            if role is None or not _set(ctx, item, role, cell):
                extras.append(f"({header[index]}: {clean_value(cell)})")
        if extras:
            item.title = " ".join([item.title, *extras])
        count += 1
    ctx.claim([block.start, block.start + 1], "action_items")
    return count
