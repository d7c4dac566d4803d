"""Communications: timed entries, and the summary lines reports keep about them.

An entry is ``2026-11-20 14:09 UTC - Declared, war room opened _(via Slack
#incidents)_``, or a line without a time. Its audience comes from the section
("Internal Communication", "Customer Communication") or the label it stands
under ("Status Page Updates", "Direct Notifications": external). Summary
lines ("Status page updates: 2", "Email notifications: Yes", "Executive
briefing: 14:30 UTC", "Channels used", "Improvements needed") restate the
record: they are kept as derived when they agree with it, and verbatim when
they say more.
"""

from __future__ import annotations

import re

from warroom.domain.model import Audience, Communication, Incident, LessonCategory
from warroom.importers.context import Context, ItemRef
from warroom.importers.fields import LabelLine, Reader
from warroom.importers.text import clean_value, is_placeholder, key_of, split_people, strip_markup
from warroom.importers.timeexpr import match_stamp
from warroom.importers.values import parse_bool, parse_count

_VIA = re.compile(r"\s*_?\(via ([^)]{1,200})\)_?\s*$")
_EXTERNAL = (
    "status",
    "direct",
    "customer",
    "external",
    "public",
    "post incident",
    "email",
    "social",
)


def add_communication(
    ctx: Context, text: str, lines: list[int], audience: Audience, zone_hint: str | None
) -> Communication | None:
    """A communication from one entry; None (claimed as template) for an unfilled slot."""
    if is_placeholder(text) or is_placeholder(text.split(" - ")[0]):
        ctx.claim(lines, "format")
        return None
    at = None
    stamp = match_stamp(text)
    if stamp is not None and stamp.has_time:
        at = ctx.stamp_time(stamp, lines[0], zone_hint=zone_hint)
        text = text[stamp.end :]
    channel = None
    if via := _VIA.search(text):
        channel, text = via[1].strip(), text[: via.start()]
    summary = clean_value(text).strip() or text.strip()
    comm = Communication(at, summary, audience, channel)
    ctx.incident.communications.append(comm)
    ctx.claim(lines, ItemRef("communications", comm))
    return comm


def _audience(entry: LabelLine) -> Audience:
    words = key_of(entry.label.label)
    if any(word in words for word in _EXTERNAL):
        return Audience.EXTERNAL
    if entry.section is not None and entry.section.audience is not None:
        return entry.section.audience
    return Audience.INTERNAL


def _items(ctx: Context, entry: LabelLine, audience: Audience) -> bool:
    hint = entry.section.zone_hint() if entry.section else None
    for item in entry.items:
        add_communication(ctx, clean_value(item.full_text), item.all_lines(), audience, hint)
    return bool(entry.items)


def _matching(
    incident: Incident, audience: Audience | None, words: tuple[str, ...]
) -> list[Communication]:
    return [
        c
        for c in incident.communications
        if (audience is None or c.audience == audience)
        and any(w in f"{c.channel or ''} {c.summary}".casefold() for w in words)
    ]


def _read_count(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    """``Status page updates: 2`` (derived), or the updates listed under the label."""
    if entry.items:
        found = _items(ctx, entry, Audience.EXTERNAL)
        ctx.claim(entry.lines, "communications")
        return found
    count = parse_count(value)
    if count is None:
        return False
    incident, words = ctx.incident, tuple(arg.split(","))
    ctx.derive(
        entry.lines,
        lambda: len(_matching(incident, Audience.EXTERNAL, words)) == count,
        "communications",
    )
    return True


def _read_flag(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    answer = parse_bool(value)
    if answer is None:
        return False
    incident, words = ctx.incident, tuple(arg.split(","))
    ctx.derive(
        entry.lines,
        lambda: bool(_matching(incident, Audience.EXTERNAL, words)) == answer,
        "communications",
    )
    return True


def _read_time(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    at = ctx.read_time(value, entry.line)
    if at is None:
        return False
    incident, words = ctx.incident, tuple(arg.split(","))

    def agrees() -> bool:
        found = _matching(incident, Audience.INTERNAL, words)
        return bool(found) and found[0].at == at

    ctx.derive(entry.lines, agrees, "communications")
    return True


def _read_channels(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    names = split_people(value) + [strip_markup(i.full_text) for i in entry.items]
    if not names:
        return False
    incident = ctx.incident

    def agrees() -> bool:
        channels = {c.channel for c in incident.communications if c.channel}
        return all(name in channels for name in names)

    ctx.derive(entry.all_lines(), agrees, "communications")
    return True


def _read_improvements(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    incident = ctx.incident

    def agrees() -> bool:
        hows = [
            lesson.how_to_apply
            for lesson in incident.analysis.lessons
            if lesson.category == LessonCategory.COMMUNICATION and lesson.how_to_apply
        ]
        return "; ".join(hows) == value

    ctx.derive(entry.lines, agrees, "analysis.lessons")
    return bool(value)


def _read_entries(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    found = _items(ctx, entry, _audience(entry))
    if value and not found:
        hint = entry.section.zone_hint() if entry.section else None
        comm = add_communication(ctx, value, entry.lines, _audience(entry), hint)
        return comm is not None
    ctx.claim(entry.lines, "communications")
    return found


COMMS_READERS: dict[str, Reader] = {
    "comms_count": _read_count,
    "comms_flag": _read_flag,
    "comms_time": _read_time,
    "channels": _read_channels,
    "improvements": _read_improvements,
    "comms": _read_entries,
}
