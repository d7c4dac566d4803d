"""Readers for labels whose value is a list of records: action items, timeline entries,
contributing factors, prevention measures, plain strings (steps, luck, surprises).
"""

from __future__ import annotations

from warroom.domain.model import ActionStatus, ContributingFactor, MeasureKind
from warroom.importers.actions import new_item
from warroom.importers.analysis import add_measure
from warroom.importers.context import Context, ItemRef
from warroom.importers.fields import LabelLine, Reader
from warroom.importers.links import add_link, links_in
from warroom.importers.text import clean_value, is_placeholder, split_label
from warroom.importers.timeline import Cursor, read_items


def _read_actions(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    status = ActionStatus.DONE if arg == "done" else None
    section = entry.section
    horizon = section.horizon if section else None
    kind = section.action_kind if section else None
    found = False
    if value:
        found = bool(new_item(ctx, value, entry.lines, status=status, horizon=horizon, kind=kind))
    for item in entry.items:
        box = item.checked
        item_status = ActionStatus.DONE if box else status
        created = new_item(
            ctx,
            clean_value(item.full_text),
            item.own_lines(),
            status=item_status,
            horizon=horizon,
            kind=kind,
            details=item.children,
        )
        found = found or created is not None
    if found:
        ctx.claim(entry.lines, "action_items")
    return found


def _read_timeline(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    if not entry.items or entry.section is None:
        return False
    cursor = Cursor(ctx.ref_date, entry.section.zone_hint(), entry.section.phase)
    read = read_items(ctx, cursor, entry.items, entry.section)
    linked = 0
    for item in entry.items:  # "- Slack thread: [link](...)": the context's links
        found = links_in(item.full_text) if not ctx.claimed(item.line) else []
        labelled = split_label(item.full_text)
        if len(found) == 1 and (labelled is None or links_in(labelled.value)):
            words = labelled.label if labelled else ""
            link = add_link(ctx, found[0][0], found[0][1] or words or None, words)
            ctx.claim(item.all_lines(), ItemRef("links", link))
            linked += 1
    if read or all(ctx.claimed(item.line) for item in entry.items):
        ctx.claim(entry.lines, "timeline" if read else "structure")
    return bool(read or linked)


def _read_factors(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    texts: list[tuple[str, list[int]]] = [(value, entry.lines)] if value else []
    texts += [(clean_value(i.full_text), i.all_lines()) for i in entry.items]
    for text, lines in texts:
        if is_placeholder(text):
            ctx.claim(lines, "format")
            continue
        name, _, description = text.partition(" — ")
        factor = ContributingFactor(name.strip(), description.strip() or None)
        ctx.incident.analysis.contributing_factors.append(factor)
        ctx.claim(lines, ItemRef("analysis.contributing_factors", factor))
    ctx.claim(entry.lines, "analysis.contributing_factors")
    return bool(texts)


def _read_strings(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    texts = [(value, entry.lines)] if value else []
    texts += [(clean_value(i.full_text), i.all_lines()) for i in entry.items]
    target: list[str] = ctx.get(arg)
    for text, lines in texts:
        if not is_placeholder(text):
            target.append(text)
        ctx.claim(lines, arg)
    ctx.claim(entry.lines, arg)
    return bool(texts)


def _read_measures(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    kind = MeasureKind(arg)
    if value:
        add_measure(ctx, value, entry.lines, kind, None)
    for item in entry.items:
        add_measure(ctx, clean_value(item.full_text), item.all_lines(), kind, item.checked)
    ctx.claim(entry.lines, "analysis.prevention")
    return bool(value or entry.items)


LIST_LABEL_READERS: dict[str, Reader] = {
    "actions": _read_actions,
    "timeline": _read_timeline,
    "factors": _read_factors,
    "strings": _read_strings,
    "measures": _read_measures,
}
