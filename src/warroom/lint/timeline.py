"""Text rules on the timeline as written: ``timeline-out-of-order`` and ``time-without-zone``.

The stored record is always sorted, so order can only be checked in the
source. Entries are the lines under a Timeline heading that start with a
time: list items, table rows, sub-headings, bold stamps, with or without
a date (``2024-03-05 14:05``, ``14:05 UTC``, ``[03-26 07:16]``, ``2:54 PM``,
or ``2022-02-02 1625``). A time without a date follows the last date seen;
a jump back of more than 12 hours is read as the next day (``23:50`` then
``00:10``), and a month-day jump back of more than half a year as the next
year. A descent that one entry alone explains (a typo) is reported on that
entry, not on every entry after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from warroom.domain.times import format_utc, zone_named
from warroom.errors import ValidationError
from warroom.lint.document import MarkdownDocument
from warroom.lint.findings import Finding, finding
from warroom.lint.locate import LintContext

TIMELINE_HEADING = re.compile(r"(?i)timeline|chronology|sequence of events")
_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?\[?(?:\*\*|__)?\s*")
_STAMP = re.compile(
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})|(?P<mo>\d{1,2})-(?P<dd>\d{1,2})(?=[ T]))?[ T,]*"
    r"(?:(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?|(?<=\d[ T])(?P<hh>[0-2]\d)(?P<mm>[0-5]\d)\b)"
    r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?)?"
    r"(?:\s*(?P<zone>\(?(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?\)?|[+-]\d{2}:?\d{2}|\(?[A-Z]{1,5}\)?)(?![\w]))?"
)
_DATE_ONLY = re.compile(
    r"^\s*(?:#{1,6}\s+|[-*+]\s+)?(?:\*\*|__)?(\d{4}-\d{2}-\d{2})(?:\*\*|__)?:?\s*$"
)
_ZONE_WORD = r"(?P<zone>[A-Za-z][\w/+:-]*)"
_NOTES = (
    re.compile(
        rf"(?i)\ball (?:the )?times(?: are| shown| given| listed)?(?: in)?\s*:?\s*{_ZONE_WORD}"
    ),
    re.compile(rf"(?i)\b(?:times?|timestamps?|timeline)\b[^()\n|]{{0,30}}\(\s*{_ZONE_WORD}\s*\)"),
    re.compile(rf"(?i)\b(?:times|timestamps) (?:are )?(?:shown |given |listed )?in {_ZONE_WORD}"),
)
ZONE_HINT = (
    "write the zone after each time (14:05 UTC), or say it once under the heading"
    " ('All times in UTC.')"
)
ORDER_HINT = "put the entries in time order, or correct the time or date that was mistyped"


@dataclass(frozen=True)
class Entry:
    line: int
    text: str  # the stamp as written
    day: date | None
    month_day: tuple[int, int] | None
    clock: time
    zone: tzinfo | None


def zone_note(doc: MarkdownDocument) -> str | None:
    """The zone a report says its times are in (``All times in UTC``, ``Time (UTC)``)."""
    for _number, text in doc.prose():
        for pattern in _NOTES:
            for match in pattern.finditer(text):
                if _zone(match["zone"]) is not None:
                    return match["zone"]
    return None


def timeline_entries(doc: MarkdownDocument) -> list[Entry]:
    """The timed entries under every Timeline heading, in source order."""
    entries: list[Entry] = []
    seen: set[int] = set()
    for heading in doc.headings_matching(TIMELINE_HEADING):
        for number in doc.section_lines(heading):
            if number in seen or number in doc.code or number in doc.quoted:
                continue
            seen.add(number)
            entry = _entry(doc, number)
            if entry is not None:
                entries.append(entry)
            elif (only := _DATE_ONLY.match(doc.line(number))) is not None:
                entries.append(
                    Entry(number, only[1], date.fromisoformat(only[1]), None, time(), None)
                )
    return entries


def check_timeline_text(ctx: LintContext) -> list[Finding]:
    """Order and zones of the timeline as the author wrote it."""
    if ctx.doc is None:
        return []
    entries = timeline_entries(ctx.doc)
    note = zone_note(ctx.doc)
    findings = _order_findings(entries, _zone(note) if note else None, ctx)
    unzoned = [e for e in entries if e.zone is None and not _is_date_only(e)]
    if unzoned and note is None:
        lines = ", ".join(str(e.line) for e in unzoned[:8]) + (", ..." if len(unzoned) > 8 else "")
        count = f"{len(unzoned)} timeline time{'s' if len(unzoned) > 1 else ''}"
        findings.append(
            finding(
                "time-without-zone",
                f"{count} without a zone, and the report never says which zone it uses"
                f" (line{'s' if len(unzoned) > 1 else ''} {lines}); read as {ctx.settings.zone}",
                hint=ZONE_HINT,
                line=unzoned[0].line,
                field="timeline",
            )
        )
    return findings


def _order_findings(
    entries: list[Entry], note_zone: tzinfo | None, ctx: LintContext
) -> list[Finding]:
    moments = _moments(entries, note_zone or ctx.settings.zone)
    timed = [(e, m) for e, m in zip(entries, moments, strict=True) if not _is_date_only(e)]
    descents = [i for i in range(1, len(timed)) if timed[i][1] < timed[i - 1][1]]
    if len(timed) >= 3 and len(descents) == len(timed) - 1:
        first = timed[0][0]
        message = "the timeline runs newest first; warroom reads it oldest first"
        return [
            finding(
                "timeline-out-of-order", message, hint=ORDER_HINT, line=first.line, field="timeline"
            )
        ]
    findings: list[Finding] = []
    for i in descents:
        (before, at_before), (after, at_after) = timed[i - 1], timed[i]
        spike = i >= 2 and timed[i - 2][1] <= at_after
        if spike and any(f.line == before.line for f in findings):
            continue
        if spike:
            message = f"{before.text!r} is later than the entry after it ({after.text!r}, line"
            message += f" {after.line})"
            line = before.line
        else:
            message = f"{after.text!r} is earlier than the entry before it ({before.text!r}, line"
            message += f" {before.line})"
            line = after.line
        if before.day is not None and after.day is not None:
            message += f": {format_utc(at_before)} then {format_utc(at_after)}"
        findings.append(
            finding("timeline-out-of-order", message, hint=ORDER_HINT, line=line, field="timeline")
        )
    return findings


def _moments(entries: list[Entry], default: tzinfo) -> list[datetime]:
    year = next((e.day.year for e in entries if e.day is not None), 2000)
    day: date | None = None
    last: datetime | None = None
    result = []
    for entry in entries:
        if entry.day is not None:
            day, year = entry.day, entry.day.year
        elif entry.month_day is not None:
            candidate = _month_day(year, entry.month_day) or day
            if candidate and last and candidate < last.date() - timedelta(days=180):
                year += 1
                candidate = _month_day(year, entry.month_day) or candidate
            day = candidate
        base = day or date(2000, 1, 1)
        moment = datetime.combine(base, entry.clock, tzinfo=entry.zone or default).astimezone(UTC)
        undated = entry.day is None and entry.month_day is None
        if undated and last is not None and moment < last - timedelta(hours=12):
            moment += timedelta(days=1)
            day = base + timedelta(days=1)
        if not _is_date_only(entry):
            last = moment
        result.append(moment)
    return result


def _entry(doc: MarkdownDocument, number: int) -> Entry | None:
    text = doc.line(number)
    hit = doc.row_at(number)
    if hit is not None:
        text = hit[1].cells[0] if hit[1].cells else ""
    lead = _LEAD.match(text)
    match = _STAMP.match(text, lead.end() if lead else 0)
    if match is None or (match["h"] is None and match["hh"] is None):
        return None
    hour = int(match["h"] or match["hh"])
    minute = int(match["m"] or match["mm"])
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    day = date.fromisoformat(match["date"]) if match["date"] else None
    month_day = (int(match["mo"]), int(match["dd"])) if match["mo"] else None
    clock = time(hour, minute, int(match["s"] or 0))
    zone = _zone(match["zone"]) if match["zone"] else None
    return Entry(number, match.group(0).strip(), day, month_day, clock, zone)


def _is_date_only(entry: Entry) -> bool:
    return entry.day is not None and entry.text == entry.day.isoformat()


def _zone(name: str | None) -> tzinfo | None:
    if not name or name.strip("()").upper() in ("A", "AM", "P", "PM"):
        return None
    try:
        return zone_named(name)
    except ValidationError:
        return None


def _month_day(year: int, month_day: tuple[int, int]) -> date | None:
    try:
        return date(year, *month_day)
    except ValueError:
        return None
