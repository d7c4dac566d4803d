"""Sections whose content is prose for one text field (summary, root cause, detection...).

The text is kept as written: paragraphs, quotes and lists, verbatim, in
order. Code blocks in these sections become evidence; lines that are only a
URL become links. The resolution section gives its prose to the immediate
fix and its lists to the resolution steps.
"""

from __future__ import annotations

from warroom.domain.model import Resolution
from warroom.importers.context import Context
from warroom.importers.entries import block_text, item_entries
from warroom.importers.links import take_bare_urls, take_code
from warroom.importers.sections import Section
from warroom.importers.text import is_placeholder

PROSE_PATHS: dict[str, str] = {
    "summary": "executive_summary",
    "header": "executive_summary",
    "impact": "impact.summary",
    "detection": "detection_source",
    "root_cause": "analysis.root_cause.summary",
    "root_cause_why": "analysis.root_cause.why",
    "root_cause_not_caught": "analysis.root_cause.why_not_caught",
    "trigger": "analysis.trigger",
    "long_term_fix": "analysis.resolution.long_term_fix",
    "verification": "analysis.resolution.verification",
    "resolution": "analysis.resolution.immediate_fix",
}


def read_prose_section(ctx: Context, section: Section) -> None:
    """Give a prose section's unclaimed text to its field."""
    path = PROSE_PATHS[section.kind or ""]
    parts: list[str] = []
    lines: list[int] = []
    for index, block in enumerate(section.blocks):
        if section.kind == "header" and block.kind == "list" and not _introduced(section, index):
            continue  # in the header, only a list that a sentence introduces is prose
        if block.kind == "code":
            take_code(ctx, block, section.title or None, section.title)
            continue
        if block.kind == "paragraph":
            take_bare_urls(ctx, block)
        if section.kind == "resolution" and block.kind == "list":
            _steps(ctx, ctx.incident.analysis.resolution, block.items)
            continue
        if block.kind not in ("paragraph", "quote", "list", "html"):
            continue
        text, numbers = block_text(ctx, block)
        if not text.strip():
            continue
        if is_placeholder(text.strip()):
            ctx.claim(numbers, "format")
            continue
        parts.append(text)
        lines.extend(numbers)
    if parts:
        ctx.add_text(path, "\n\n".join(parts), lines)


def _introduced(section: Section, index: int) -> bool:
    before = section.blocks[index - 1] if index else None
    return (
        before is not None
        and before.kind == "paragraph"
        and before.lines[-1].rstrip().endswith(":")
    )


def _steps(ctx: Context, resolution: Resolution, items: list) -> None:  # type: ignore[type-arg]
    for entry in item_entries(ctx, items):
        if is_placeholder(entry.text):
            ctx.claim(entry.lines, "format")
            continue
        resolution.steps.append(entry.text)
        ctx.claim(entry.lines, "analysis.resolution.steps")
