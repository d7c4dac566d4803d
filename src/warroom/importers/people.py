"""Readers for labels whose value names people, services, regions or review facts."""

from __future__ import annotations

import re

from warroom.domain.model import Attendee, ServiceImpact
from warroom.importers.context import Context
from warroom.importers.fields import LabelLine, Reader
from warroom.importers.text import is_not_stated, is_placeholder, split_people, strip_markup
from warroom.importers.timeexpr import find_date


def _read_role(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    name = strip_markup(value).strip() or ", ".join(entry.item_texts())
    if not name or is_not_stated(name):
        return False
    if not ctx.put(f"roles.{arg}", name, entry.lines):
        return False
    ctx.claim(entry.all_lines(), f"roles.{arg}")
    return True


def _read_people(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    names = split_people(value) + [n for t in entry.item_texts() for n in split_people(t)]
    names = [name for name in names if not is_placeholder(name)]
    if not names:
        return False
    people: list[str] = ctx.get(f"roles.{arg}")
    people.extend(n for n in names if n not in people)
    ctx.claim(entry.all_lines(), f"roles.{arg}")
    return True


def _read_services(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    texts = [v for v in re.split(r"[,;]", strip_markup(value)) if v.strip()] if value else []
    texts += [strip_markup(i.full_text) for i in entry.items if i.checked is not False]
    added = [add_service(ctx, text) for raw in texts for text in other_services(raw)]
    ctx.claim(entry.all_lines(), "services")  # unticked options included: they say "not this"
    return bool(added) or bool(entry.items)


def other_services(text: str) -> list[str]:
    """``"Other: auth, admin"`` -> the services it names; placeholders -> none."""
    if is_placeholder(text):
        return []
    match = re.match(r"(?i)other\s*[:\-–—]\s*(.+)$", text.strip())
    if match is None:
        return [text]
    return [part.strip() for part in re.split(r"[,;]", match[1]) if part.strip()]


def add_service(ctx: Context, text: str) -> ServiceImpact:
    """A service from ``"api (slow checkouts)"``, ``"api: slow"``, ``"api - slow"``."""
    name, impact = text.strip(), None
    match = re.match(r"([^(:–—]+?)\s*(?:\((.+)\)|[:–—]\s+(.+)|\s-\s(.+))$", name)
    if match:
        name = match[1].strip()
        impact = (match[2] or match[3] or match[4] or "").strip() or None
    if impact and is_placeholder(impact):
        impact = None
    for service in ctx.incident.services:
        if service.name.lower() == name.lower():
            service.impact = service.impact or impact
            return service
    service = ServiceImpact(name, impact)
    ctx.incident.services.append(service)
    return service


def _read_list(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    names = [n for n in split_people(value) + entry.item_texts() if not is_placeholder(n)]
    target: list[str] = ctx.get(arg)
    target.extend(n for n in names if n not in target)
    if names:
        ctx.claim(entry.all_lines(), arg)
    return bool(names)


def read_attendee(text: str) -> Attendee:
    """``"Ann Lee - Incident Commander"``, ``"Ann (IC)"`` -> an attendee with a role."""
    plain = strip_markup(text).strip()
    match = re.match(r"(.+?)\s*(?:\((.+)\)|\s[-–—:]\s*(.+))$", plain)
    if match:
        return Attendee(match[1].strip(), (match[2] or match[3] or "").strip() or None)
    return Attendee(plain)


def _read_attendees(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    texts = split_people(value) if value else []
    texts += entry.item_texts()
    attendees = [read_attendee(t) for t in texts if not is_placeholder(t)]
    known = {a.name for a in ctx.incident.review.attendees}
    ctx.incident.review.attendees.extend(a for a in attendees if a.name not in known)
    if attendees or entry.items:
        ctx.claim(entry.all_lines(), "review.attendees")
    return bool(attendees) or bool(entry.items)


def _read_next_review(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    stamp = find_date(value)
    if stamp is None or stamp.year is None or stamp.month is None or stamp.day is None:
        return False
    from datetime import date

    return ctx.put("review.next_review", date(stamp.year, stamp.month, stamp.day), entry.lines)


def _read_meeting(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    at = ctx.read_time(value, entry.line)
    return at is not None and ctx.put("review.meeting_at", at, entry.lines)


def _read_worked(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    path = "review.communication_worked" if arg == "" else "review.communication_failed"
    text = value or "\n".join(entry.item_texts())
    if not text or is_not_stated(text):
        return False
    ctx.add_text(path, text, entry.all_lines())
    return True


def _read_failed(ctx: Context, entry: LabelLine, arg: str, value: str) -> bool:
    return _read_worked(ctx, entry, "failed", value)


PEOPLE_READERS: dict[str, Reader] = {
    "role": _read_role,
    "people": _read_people,
    "services": _read_services,
    "list": _read_list,
    "attendees": _read_attendees,
    "distribution": lambda c, e, a, v: _read_list(c, e, "review.distribution", v),
    "next_review": _read_next_review,
    "meeting": _read_meeting,
    "worked": _read_worked,
    "failed": _read_failed,
}
