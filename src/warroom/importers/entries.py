"""The items of a list-like section: list items, or paragraphs when there is no list.

``section_entries`` decides what one "item" is in a section written by a
person: each top-level list item (its sub-items are its details), or each
paragraph when the section has no list, or, when paragraphs introduce the
lists ("the only safe way would be:"), the whole section as one item whose
first paragraph is the title and the rest the detail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warroom.importers.blocks import Block, ListItem
from warroom.importers.context import Context
from warroom.importers.sections import Section
from warroom.importers.text import clean_value, split_label, strip_markup


@dataclass
class Entry:
    """One item of a list-like section."""

    text: str  # the item's title, as written (decoration stripped)
    lines: list[int]
    children: list[ListItem] = field(default_factory=list)
    checked: bool | None = None
    detail: str | None = None  # prose that follows the title (whole-section items)

    @property
    def line(self) -> int:
        return self.lines[0]

    def labelled_children(self) -> list[tuple[str, str, ListItem]]:
        """(label key, value, item) for sub-items written ``Label: value``; key "" if not."""
        found = []
        for child in self.children:
            labelled = split_label(child.full_text)
            if labelled:
                found.append((labelled.key, labelled.value, child))
            else:
                found.append(("", clean_value(child.full_text), child))
        return found

    def plain(self) -> str:
        return strip_markup(self.text)


def unclaimed(ctx: Context, block: Block) -> list[tuple[int, str]]:
    """The block's non-blank lines no reader has claimed yet."""
    return [(n, line) for n, line in block.numbered() if not ctx.claimed(n)]


def block_text(ctx: Context, block: Block) -> tuple[str, list[int]]:
    """The unclaimed lines of a block, verbatim (right-stripped), and their numbers."""
    rows = unclaimed(ctx, block)
    lines = [line.rstrip().removesuffix("\\").rstrip() for _, line in rows]
    return "\n".join(lines), [n for n, _ in rows]


def item_entries(ctx: Context, items: list[ListItem]) -> list[Entry]:
    """One entry per unclaimed top-level list item."""
    return [
        Entry(clean_value(item.full_text), item.all_lines(), item.children, item.checked)
        for item in items
        if not ctx.claimed(item.line) and item.full_text.strip()
    ]


def section_entries(ctx: Context, section: Section, *, whole: bool = True) -> list[Entry]:
    """The items a person wrote in a list-like section (see the module docstring).

    ``whole=False`` (action items): the list items when there is a list, the
    paragraphs otherwise; prose around a list is left for the extra section.
    """
    own = [b for b in section.blocks if unclaimed(ctx, b)]
    lists = [b for b in own if b.kind == "list"]
    paragraphs = [b for b in own if b.kind in ("paragraph", "quote")]
    if whole and lists and paragraphs and _introduced(own):
        return [_whole(ctx, own)]
    if not whole and lists:
        paragraphs = []
    if paragraphs and not lists and section.children:
        return []  # prose before the subsections: an introduction, kept as written
    found: list[Entry] = []
    for block in own:
        if block.kind == "list":
            found.extend(item_entries(ctx, block.items))
        elif block in paragraphs:
            text, lines = block_text(ctx, block)
            if text.strip():
                found.append(Entry(clean_value(text.replace("\n", " ")), lines))
    return found


def _introduced(blocks: list[Block]) -> bool:
    """Does every list follow a paragraph that ends with a colon (prose with examples)?"""
    for index, block in enumerate(blocks):
        if block.kind == "list":
            before = blocks[index - 1] if index else None
            if (
                before is None
                or before.kind != "paragraph"
                or not before.lines[-1].rstrip().endswith(":")
            ):
                return False
    return True


def _whole(ctx: Context, blocks: list[Block]) -> Entry:
    parts: list[str] = []
    lines: list[int] = []
    for block in blocks:
        if block.kind not in ("paragraph", "quote", "list"):
            continue
        text, numbers = block_text(ctx, block)
        parts.append(text)
        lines.extend(numbers)
    title = clean_value(parts[0].replace("\n", " "))
    detail = "\n\n".join(parts[1:]).strip() or None
    return Entry(title, lines, detail=detail)
