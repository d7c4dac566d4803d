"""Sections about people and follow-up: services, responders, attendees, communications,
approvals and sign-off, links, the review's follow-up.

Communications are entries like ``- 2026-11-20 14:09 UTC - Declared, war room
opened _(via Slack #incidents)_``; their audience comes from the section
("External Communications", "Customer Communication"). Sign-off lines are
``- [x] Role: Name - date`` or an approvals table (Role | Name | Approved |
Date).
"""

from __future__ import annotations

from warroom.domain.model import Approval, Audience
from warroom.importers.blocks import Block
from warroom.importers.comms import add_communication
from warroom.importers.context import Context, ItemRef
from warroom.importers.entries import Entry, section_entries
from warroom.importers.links import add_link, links_in
from warroom.importers.people import add_service, other_services, read_attendee
from warroom.importers.sections import Section
from warroom.importers.text import is_placeholder, key_of, split_label, split_people, strip_markup
from warroom.importers.values import parse_bool


def read_communications(ctx: Context, section: Section) -> None:
    """Communication entries; the section gives the audience."""
    audience = section.audience or Audience.INTERNAL
    for entry in section_entries(ctx, section):
        labelled = split_label(entry.text)
        if labelled is not None and not labelled.value and not entry.children:
            ctx.claim(entry.lines, "communications")  # "**Timeline:**": a heading in bold
            continue
        add_communication(ctx, entry.text, entry.lines, audience, section.zone_hint())


def read_people(ctx: Context, section: Section) -> None:
    """Responders, attendees or the distribution list, one or several a line."""
    for entry in section_entries(ctx, section):
        if is_placeholder(entry.text):
            ctx.claim(entry.lines, "format")
            continue
        if section.kind == "attendees":
            for text in split_people(entry.text):
                attendee = read_attendee(text)
                if attendee.name not in {a.name for a in ctx.incident.review.attendees}:
                    ctx.incident.review.attendees.append(attendee)
            ctx.claim(entry.lines, "review.attendees")
        else:
            path = "roles.responders" if section.kind == "responders" else "review.distribution"
            target: list[str] = ctx.get(path)
            target.extend(n for n in split_people(entry.text) if n not in target)
            ctx.claim(entry.lines, path)


def read_services(ctx: Context, section: Section) -> None:
    """Services from a list or checklist: ticked or plain items are affected."""
    for entry in section_entries(ctx, section):
        if entry.checked is not False:
            for name in other_services(strip_markup(entry.text)):
                add_service(ctx, name)
        ctx.claim(entry.lines, "services")


def read_links(ctx: Context, section: Section) -> None:
    """Links from list items (``Dashboard: [title](url)``, bare URLs)."""
    for entry in section_entries(ctx, section):
        found = links_in(entry.text)
        labelled = split_label(entry.text)
        if not found:
            if is_placeholder(entry.text) or (labelled and is_placeholder(labelled.value)):
                ctx.claim(entry.lines, "format")
            continue
        words = labelled.label if labelled else ""
        for url, title in found:
            link = add_link(ctx, url, title, words or section.title)
            ctx.claim(entry.lines, ItemRef("links", link))


def read_approvals(ctx: Context, section: Section) -> None:
    """Approvals from a table (Role | Name | Approved | Date) or sign-off checklist."""
    for block in section.blocks:
        if block.kind == "table" and block.header is not None:
            _approval_table(ctx, block)
    for entry in section_entries(ctx, section):
        labelled = split_label(entry.text)
        if labelled is None or entry.lines[0] not in _list_lines(section):
            continue  # a sign-off is a list item; a paragraph here is something else
        name, _, when = labelled.value.partition(" - ")
        if is_placeholder(name) and (not when or is_placeholder(when)):
            ctx.claim(entry.lines, "format")
            continue
        at = ctx.read_time(when, entry.line) if when else None
        approved = True if entry.checked else None
        _add_approval(
            ctx, Approval(labelled.label, strip_markup(name) or None, approved, at), entry.lines
        )


def _list_lines(section: Section) -> set[int]:
    return {item.line for block in section.blocks if block.kind == "list" for item in block.items}


def _approval_table(ctx: Context, block: Block) -> None:
    assert block.header is not None
    columns = {key_of(cell): index for index, cell in enumerate(block.header.cells)}
    if "role" not in columns:
        return
    for row in block.rows:
        cells = row.cells + [""] * len(columns)

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            value = cells[index] if index is not None else ""
            return "" if is_placeholder(value) or value in ("—", "-") else strip_markup(value)

        if not cell("name") and not cell("approved") and not cell("date"):
            ctx.claim([row.line], "format")
            continue
        at = ctx.read_time(cell("date"), row.line) if cell("date") else None
        approval = Approval(cell("role"), cell("name") or None, parse_bool(cell("approved")), at)
        _add_approval(ctx, approval, [row.line])
    ctx.claim([block.start, block.start + 1], "review.approvals")


def _add_approval(ctx: Context, approval: Approval, lines: list[int]) -> None:
    for known in ctx.incident.review.approvals:
        if key_of(known.role) == key_of(approval.role) and known.name == approval.name:
            ctx.claim(lines, ItemRef("review.approvals", known))
            return
    ctx.incident.review.approvals.append(approval)
    ctx.claim(lines, ItemRef("review.approvals", approval))


def read_follow_up(ctx: Context, section: Section) -> None:
    """The review's follow-up: its cadence list, or action items written there."""
    entries: list[Entry] = section_entries(ctx, section)
    for entry in entries:
        if is_placeholder(entry.text):
            ctx.claim(entry.lines, "format")
            continue
        ctx.incident.review.cadence.append(entry.text)
        ctx.claim(entry.lines, "review.cadence")
