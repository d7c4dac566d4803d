"""The source Markdown as lint's text rules see it: lines, headings, sections, tables.

Just enough structure to give exact line numbers: which lines are code
(fenced blocks, front matter, HTML comments), which are quotations, where
the headings are and what lines each section spans, and the cells of table
rows. Line numbers are 1-based, as editors show them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*\S")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_LIST_OR_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|\||>)")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str  # without the #s, emphasis and a trailing colon


@dataclass(frozen=True)
class TableRow:
    line: int
    cells: list[str]


@dataclass(frozen=True)
class Table:
    header_line: int
    header: list[str]
    rows: list[TableRow]


@dataclass
class MarkdownDocument:
    lines: list[str]
    code: set[int] = field(default_factory=set)  # fenced code, front matter, HTML comments
    quoted: set[int] = field(default_factory=set)  # blockquote lines and their lazy continuations
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    link_labels: frozenset[str] = frozenset()  # reference definitions, casefolded
    rows: dict[int, tuple[Table, TableRow]] = field(default_factory=dict)  # by line

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def prose(self) -> Iterator[tuple[int, str]]:
        """Every line that is not code, with inline code spans blanked out."""
        for number, text in enumerate(self.lines, start=1):
            if number not in self.code:
                yield number, blank_inline_code(text)

    def section_lines(self, heading: Heading) -> range:
        """The lines under ``heading``, up to the next heading of the same or a higher level."""
        end = len(self.lines) + 1
        for other in self.headings:
            if other.line > heading.line and other.level <= heading.level:
                end = other.line
                break
        return range(heading.line + 1, end)

    def headings_matching(self, pattern: re.Pattern[str]) -> list[Heading]:
        return [h for h in self.headings if pattern.search(h.title)]

    def row_at(self, number: int) -> tuple[Table, TableRow] | None:
        """The table row on line ``number``, if that line is one."""
        return self.rows.get(number)


def blank_inline_code(text: str) -> str:
    """Replace inline code spans by spaces, keeping every other column where it was."""
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text)


def clean_title(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip().rstrip(":").strip()


def split_row(text: str) -> list[str]:
    body = text.strip()
    body = body.removeprefix("|")
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


def read_document(text: str) -> MarkdownDocument:
    """Read Markdown into lines and the structure the text rules need."""
    doc = MarkdownDocument(lines=text.splitlines())
    _mark_code(doc)
    _mark_quotes(doc)
    _find_headings(doc)
    _find_tables(doc)
    labels = set()
    for _number, line in doc.prose():
        match = _LINK_DEFINITION.match(line)
        if match:
            labels.add(match.group(1).strip().casefold())
    doc.link_labels = frozenset(labels)
    return doc


def _mark_code(doc: MarkdownDocument) -> None:
    lines = doc.lines
    start = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                doc.code.update(range(1, index + 2))
                start = index + 1
                break
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index]
        match = _FENCE.match(line)
        if fence is not None:
            doc.code.add(number)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
        elif match:
            fence = match.group(1)
            doc.code.add(number)
        elif in_comment:
            doc.code.add(number)
            in_comment = "-->" not in line
        elif line.lstrip().startswith("<!--"):
            doc.code.add(number)
            in_comment = "-->" not in line.split("<!--", 1)[1]


def _mark_quotes(doc: MarkdownDocument) -> None:
    previous_quoted = False
    for number, line in enumerate(doc.lines, start=1):
        stripped = line.strip()
        if number in doc.code or not stripped:
            previous_quoted = False
            continue
        lazy = previous_quoted and not _LIST_OR_BLOCK_START.match(line)
        if stripped.startswith(">") or lazy:
            doc.quoted.add(number)
            previous_quoted = True
        else:
            previous_quoted = False


def _find_headings(doc: MarkdownDocument) -> None:
    for number, line in doc.prose():
        match = _ATX.match(line)
        if match:
            doc.headings.append(Heading(number, len(match.group(1)), clean_title(match.group(2))))
            continue
        setext = _SETEXT.match(line)
        if setext and number > 1 and _can_be_setext_title(doc, number - 1):
            level = 1 if setext.group(1).startswith("=") else 2
            doc.headings.append(Heading(number - 1, level, clean_title(doc.line(number - 1))))
    doc.headings.sort(key=lambda h: h.line)


def _can_be_setext_title(doc: MarkdownDocument, number: int) -> bool:
    text = doc.line(number)
    if number in doc.code or not text.strip() or _LIST_OR_BLOCK_START.match(text):
        return False
    return not (number > 1 and doc.line(number - 1).strip())  # one-line paragraphs only


def _find_tables(doc: MarkdownDocument) -> None:
    number = 1
    total = len(doc.lines)
    while number < total:
        header, separator = doc.line(number), doc.line(number + 1)
        is_table = (
            number not in doc.code
            and "|" in header
            and "|" in separator
            and _TABLE_SEPARATOR.match(separator)
        )
        if not is_table:
            number += 1
            continue
        rows: list[TableRow] = []
        current = number + 2
        while current <= total and "|" in doc.line(current) and current not in doc.code:
            rows.append(TableRow(current, split_row(doc.line(current))))
            current += 1
        table = Table(number, split_row(header), rows)
        doc.tables.append(table)
        doc.rows.update((row.line, (table, row)) for row in rows)
        number = current
