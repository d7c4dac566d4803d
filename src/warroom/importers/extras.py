"""Everything no reader took, kept verbatim as extra sections; the line ledger resolved.

Unclaimed lines are grouped by the section they stand in. An unknown
section nested in another unknown section goes into its parent's extra
section, heading line and all, so that a stretch of the report no field
takes stays in one piece. A heading whose section only groups recognised
subsections is accounted to ``structure``.
"""

from __future__ import annotations

from warroom.domain.model import ExtraSection
from warroom.importers.blocks import Block
from warroom.importers.context import Context, ItemRef
from warroom.importers.sections import Section
from warroom.importers.synonyms import KIND_PATH


def _owner(section: Section) -> Section:
    parent = section.parent
    nested = parent is not None and parent.parent is not None and parent.kind is None
    if section.kind is None and nested and parent is not None:
        return _owner(parent)
    return section


def _lines_of(section: Section) -> list[int]:
    numbers = [n for block in section.blocks for n in block.line_numbers()]
    if section.heading is not None and section.parent is not None:
        numbers.append(section.heading.start)
    return numbers


def claim_headings(ctx: Context, root: Section) -> None:
    """Recognised sections' heading lines go to their field's path."""
    if root.heading is not None:
        ctx.claim([root.heading.start], "title")
    for section in root.walk():
        if section is root or section.heading is None or section.kind is None:
            continue
        path = KIND_PATH.get(section.kind, "structure")
        if section.inherited:
            path = KIND_PATH.get(section.kind, "structure")
        ctx.claim([section.heading.start], path)


def build_extras(ctx: Context, root: Section, source: list[str], front: Block | None) -> None:
    """Extra sections for every unclaimed line; then unused grouping headings to structure."""
    groups: dict[int, tuple[Section, list[int]]] = {}
    order: list[int] = []
    for section in root.walk():
        owner = _owner(section)
        wanted = [n for n in _lines_of(section) if n not in ctx.claims]
        if front is not None and section is root:
            wanted = [n for n in wanted if not front.start <= n <= front.end]
        if not wanted:
            continue
        if id(owner) not in groups:
            groups[id(owner)] = (owner, [])
            order.append(id(owner))
        groups[id(owner)][1].extend(wanted)
    if front is not None:
        lines = [n for n in front.line_numbers() if n not in ctx.claims]
        if lines:
            _add(ctx, "Front matter", source, lines)
    for key in order:
        owner, lines = groups[key]
        heading = owner.heading.start if owner.heading is not None and owner is not root else None
        body_lines = sorted(n for n in lines if n != heading)
        title = owner.title or "Preamble"
        if owner is root and root.heading is not None:
            title = root.title
        if not body_lines:
            continue  # a heading alone: it groups other sections (see below)
        index = _add(ctx, title, source, body_lines)
        if heading is not None:
            ctx.claims[heading] = f"extra_sections[{index}]"
    for section in root.walk():
        if section.heading is not None and section.heading.start not in ctx.claims:
            ctx.claims[section.heading.start] = "structure"
    for title, text in ctx.notes:
        known = next((x for x in ctx.incident.extra_sections if x.title == title), None)
        if known is None:
            ctx.incident.extra_sections.append(ExtraSection(title, text))
        else:
            known.body = f"{known.body}\n{text}".strip("\n")


def _add(ctx: Context, title: str, source: list[str], lines: list[int]) -> int:
    index = len(ctx.incident.extra_sections)
    ctx.incident.extra_sections.append(ExtraSection(title, _verbatim(source, lines)))
    for number in lines:
        ctx.claims[number] = f"extra_sections[{index}]"
    return index


def _verbatim(source: list[str], lines: list[int]) -> str:
    """The lines as written, with one blank line where the source had any between them."""
    out: list[str] = []
    previous: int | None = None
    for number in lines:
        gap = range(previous + 1, number) if previous is not None else range(0)
        if any(not source[n - 1].strip() for n in gap):
            out.append("")
        out.append(source[number - 1].rstrip())
        previous = number
    return "\n".join(out).strip("\n")


def resolve_lines(ctx: Context, source: list[str]) -> dict[int, str]:
    """The final line -> field map: item claims get their index in the final lists."""
    indexes: dict[int, dict[int, int]] = {}
    result: dict[int, str] = {}
    for number, target in sorted(ctx.claims.items()):
        if number < 1 or number > len(source) or not source[number - 1].strip():
            continue
        if isinstance(target, ItemRef):
            items: list[object] = ctx.get(target.path)
            if id(items) not in indexes:
                indexes[id(items)] = {id(o): i for i, o in enumerate(items)}
            index = indexes[id(items)].get(id(target.item))
            result[number] = target.path if index is None else f"{target.path}[{index}]"
        else:
            result[number] = target
    return result
