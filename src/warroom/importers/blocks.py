"""Markdown split into blocks that remember their source lines.

A small line-based reader, not a full CommonMark parser: it knows what
reports are made of (headings, paragraphs, lists with nesting and
checkboxes, pipe tables, fenced code, quotes, HTML, rules, link
definitions, YAML front matter) and keeps, for every element, the 1-based
numbers of the lines it came from, so that every line can be accounted for.
Every pattern here is anchored and linear: no input makes it backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warroom.importers.text import split_cells

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)(.*)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_RULE = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_ITEM = re.compile(r"([ \t]*)([-*+•]|\d{1,9}[.)])(?:[ \t]+|$)(.*)")
_CHECKBOX = re.compile(r"\[([ xX✓✔]?)\](?:[ \t]+|$)(.*)")
_DELIMITER = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?")
_LINKDEF = re.compile(r" {0,3}\[([^\]]{1,200})\]:[ \t]*(\S+)(.*)")
_HTML = re.compile(r" {0,3}<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:[ \t>/]|$))")


@dataclass
class Row:
    """A table row: its line and its cells."""

    line: int
    cells: list[str]


@dataclass
class ListItem:
    """A list item, with its continuation lines and sub-items."""

    line: int
    indent: int
    marker: str
    text: str  # the first line's content, after the marker and any checkbox
    checked: bool | None = None  # None: no checkbox
    more: list[tuple[int, str]] = field(default_factory=list)  # continuation lines
    children: list[ListItem] = field(default_factory=list)

    @property
    def ordered(self) -> bool:
        return self.marker[0].isdigit()

    @property
    def full_text(self) -> str:
        """The item's own text with its continuation lines, without its children."""
        parts = [self.text.strip(), *(text.strip() for _, text in self.more)]
        return "\n".join(part for part in parts if part)

    def own_lines(self) -> list[int]:
        return [self.line, *(number for number, text in self.more if text.strip())]

    def all_lines(self) -> list[int]:
        numbers = self.own_lines()
        for child in self.children:
            numbers.extend(child.all_lines())
        return numbers


@dataclass
class Block:
    """A block of the Markdown and the lines it came from."""

    kind: str  # heading paragraph list table code quote html rule linkdef frontmatter
    start: int  # 1-based number of the first line
    lines: list[str]  # the source lines, verbatim
    level: int = 0  # heading level
    text: str = ""  # heading text; code info string; link definition label
    items: list[ListItem] = field(default_factory=list)
    header: Row | None = None
    rows: list[Row] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1

    def numbered(self) -> list[tuple[int, str]]:
        """(line number, text) of every non-blank line."""
        return [(self.start + i, line) for i, line in enumerate(self.lines) if line.strip()]

    def line_numbers(self) -> list[int]:
        return [number for number, _ in self.numbered()]


def _closes(fence: str, run: str, info: str) -> bool:
    """A closing fence: the opening character, at least as long, nothing after it."""
    return run[0] == fence[0] and len(run) >= len(fence) and not info.strip()


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _starts_block(line: str) -> bool:
    """Does this line begin a block that interrupts a paragraph?"""
    item = _ITEM.match(line)
    return bool(
        _ATX.match(line)
        or _FENCE.match(line)
        or _RULE.fullmatch(line)
        or line.lstrip().startswith(">")
        or (item and item.group(3).strip())
    )


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.i = 0
        self.blocks: list[Block] = []

    def add(self, kind: str, start: int, end: int, **extra: object) -> Block:
        block = Block(kind, start + 1, self.lines[start:end], **extra)  # type: ignore[arg-type]
        self.blocks.append(block)
        self.i = end
        return block

    def front_matter(self) -> None:
        if not self.lines or self.lines[0].strip() != "---":
            return
        for end in range(1, min(len(self.lines), 200)):
            if self.lines[end].strip() in ("---", "..."):
                if end > 1 and all(":" in ln or not ln.strip() for ln in self.lines[1:end]):
                    self.add("frontmatter", 0, end + 1)
                return

    def run(self) -> list[Block]:
        self.front_matter()
        while self.i < len(self.lines):
            self.step(self.lines[self.i])
        return self.blocks

    def step(self, line: str) -> None:
        i = self.i
        if not line.strip():
            self.i += 1
        elif fence := _FENCE.match(line):
            self.code(fence.group(1), fence.group(2).strip())
        elif heading := _ATX.match(line):
            text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", heading.group(2)).strip()
            self.add("heading", i, i + 1, level=len(heading.group(1)), text=text)
        elif _RULE.fullmatch(line):
            self.add("rule", i, i + 1)
        elif _ITEM.match(line):
            self.list_block()
        elif line.lstrip().startswith(">"):
            self.add("quote", i, self.until_blank(i))
        elif "|" in line and i + 1 < len(self.lines) and _DELIMITER.fullmatch(self.lines[i + 1]):
            self.table()
        elif definition := _LINKDEF.match(line):
            self.add("linkdef", i, i + 1, text=definition.group(1))
        elif _HTML.match(line):
            self.html()
        else:
            self.paragraph()

    def until_blank(self, start: int) -> int:
        end = start + 1
        while end < len(self.lines) and self.lines[end].strip():
            end += 1
        return end

    def code(self, fence: str, info: str) -> None:
        start, end = self.i, self.i + 1
        while end < len(self.lines):
            closing = _FENCE.match(self.lines[end])
            end += 1
            if closing and _closes(fence, closing.group(1), closing.group(2)):
                break
        self.add("code", start, end, text=info)

    def html(self) -> None:
        start = self.i
        if self.lines[start].lstrip().startswith("<!--"):
            end = start
            while end < len(self.lines) and "-->" not in self.lines[end]:
                end += 1
            self.add("html", start, min(end + 1, len(self.lines)))
        else:
            self.add("html", start, self.until_blank(start))

    def table(self) -> None:
        start = self.i
        header = Row(start + 1, split_cells(self.lines[start]))
        end = start + 2
        rows: list[Row] = []
        while end < len(self.lines) and self.lines[end].strip() and "|" in self.lines[end]:
            rows.append(Row(end + 1, split_cells(self.lines[end])))
            end += 1
        self.add("table", start, end, header=header, rows=rows)

    def paragraph(self) -> None:
        start, end = self.i, self.i + 1
        while end < len(self.lines):
            line = self.lines[end]
            if not line.strip():
                break
            setext = _SETEXT.fullmatch(line)
            if setext and _indent(line) < 4:
                level = 1 if setext.group(1)[0] == "=" else 2
                text = " ".join(ln.strip() for ln in self.lines[start:end])
                self.add("heading", start, end + 1, level=level, text=text)
                return
            if _starts_block(line) or _LINKDEF.match(line):
                break
            if (
                "|" in line
                and end + 1 < len(self.lines)
                and _DELIMITER.fullmatch(self.lines[end + 1])
            ):
                break
            end += 1
        self.add("paragraph", start, end)

    def list_block(self) -> None:
        start = self.i
        items: list[ListItem] = []
        stack: list[ListItem] = []
        end = start
        blank_before = False
        while end < len(self.lines):
            line = self.lines[end]
            if not line.strip():
                blank_before = True
                end += 1
                continue
            indent = _indent(line)
            match = _ITEM.match(line)
            if match and (not blank_before or indent <= (stack[-1].indent + 8 if stack else 0)):
                item = _new_item(end + 1, indent, match)
                while stack and indent <= stack[-1].indent + 1:
                    stack.pop()
                (stack[-1].children if stack else items).append(item)
                stack.append(item)
            elif (blank_before and indent < 2) or (
                not blank_before and indent < 2 and (_starts_block(line) or "|" in line)
            ):
                break
            elif _FENCE.match(line.strip()):
                end = self.code_in_item(end, stack[-1])
                blank_before = False
                continue
            else:
                owner = stack[-1]
                while blank_before and len(stack) > 1 and indent <= owner.indent:
                    owner = stack[stack.index(owner) - 1]
                owner.more.append((end + 1, line))
            blank_before = False
            end += 1
        while end > start and not self.lines[end - 1].strip():
            end -= 1
        self.add("list", start, end, items=items)

    def code_in_item(self, start: int, owner: ListItem) -> int:
        fence = _FENCE.match(self.lines[start].strip())
        assert fence is not None
        marker = fence.group(1)
        end = start + 1
        while end < len(self.lines):
            stripped = self.lines[end].strip()
            end += 1
            if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
                break
        for number in range(start, end):
            owner.more.append((number + 1, self.lines[number]))
        return end


def _new_item(number: int, indent: int, match: re.Match[str]) -> ListItem:
    text = match.group(3)
    checked: bool | None = None
    box = _CHECKBOX.match(text)
    if box:  # "- [] todo", an empty box written without its space, counts too
        checked = box.group(1) not in (" ", "")
        text = box.group(2)
    return ListItem(number, indent, match.group(2), text, checked)


def parse_blocks(text: str) -> list[Block]:
    """Split Markdown into blocks; line numbers are 1-based."""
    return _Reader(text.splitlines()).run()
