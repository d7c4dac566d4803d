"""Which reader a section's own content goes to, by the section's kind.

Label lines have already been read (``labelpass``); each reader takes what
is left that it understands and leaves the rest unclaimed, for the extra
sections.
"""

from __future__ import annotations

from warroom.domain.model import ActionStatus
from warroom.importers import review
from warroom.importers.actions import new_item
from warroom.importers.actions import read_table as read_action_table
from warroom.importers.analysis import LIST_READERS, read_list_section
from warroom.importers.context import Context
from warroom.importers.derived import read_response_checks, read_supporting_documents
from warroom.importers.entries import section_entries
from warroom.importers.links import read_evidence_section, take_bare_urls, take_code
from warroom.importers.prose import PROSE_PATHS, read_prose_section
from warroom.importers.sections import Section
from warroom.importers.timeline_table import read_timeline


def read_action_section(ctx: Context, section: Section) -> None:
    """Action items from a section's tables, lists, checklists or paragraphs."""
    horizon, kind = section.horizon, section.action_kind
    for block in section.blocks:
        if block.kind == "table":
            read_action_table(ctx, block, horizon=horizon, kind=kind)
        elif block.kind == "code":
            take_code(ctx, block, section.title)
    for entry in section_entries(ctx, section, whole=False):
        status = (
            None
            if entry.checked is None
            else (ActionStatus.DONE if entry.checked else ActionStatus.OPEN)
        )
        text = entry.text if not entry.detail else f"{entry.text} {entry.detail}"
        item = new_item(
            ctx,
            text,
            entry.lines,
            status=status,
            horizon=horizon,
            kind=kind,
            details=entry.children,
        )
        if item is not None:
            merge_duplicate(ctx, item)


def merge_duplicate(ctx: Context, item: object) -> None:
    """An item listed again under another heading (by key) is the same item."""
    from warroom.domain.model import ActionItem
    from warroom.importers.context import ItemRef

    assert isinstance(item, ActionItem)
    if not item.key:
        return
    for other in ctx.incident.action_items:
        if other is not item and other.key == item.key:
            other.horizon = other.horizon or item.horizon
            other.kind = other.kind or item.kind
            ctx.incident.action_items.remove(item)
            for number, target in list(ctx.claims.items()):
                if isinstance(target, ItemRef) and target.item is item:
                    ctx.claims[number] = ItemRef("action_items", other)
            return


def read_section(ctx: Context, section: Section, *, summary_elsewhere: bool) -> None:
    """Read one section's own content with the reader for its kind."""
    kind = section.kind
    if kind == "header":
        if not summary_elsewhere:
            read_prose_section(ctx, section)
        else:
            for block in section.blocks:
                if block.kind == "paragraph":
                    take_bare_urls(ctx, block)
    elif kind in PROSE_PATHS:
        read_prose_section(ctx, section)
    elif kind == "timeline":
        read_timeline(ctx, section)
    elif kind == "action_items":
        read_action_section(ctx, section)
    elif kind in LIST_READERS:
        read_list_section(ctx, section)
    elif kind in ("responders", "attendees", "distribution"):
        review.read_people(ctx, section)
    elif kind == "services":
        review.read_services(ctx, section)
    elif kind == "communications":
        review.read_communications(ctx, section)
    elif kind == "approvals":
        review.read_approvals(ctx, section)
    elif kind == "links":
        review.read_links(ctx, section)
        read_evidence_section(ctx, section)
    elif kind == "follow_up":
        review.read_follow_up(ctx, section)
    elif kind == "evidence":
        read_evidence_section(ctx, section)
    elif kind == "response_checks":
        read_response_checks(ctx, section)
    elif kind == "supporting_documents":
        read_supporting_documents(ctx, section)
        read_evidence_section(ctx, section)
