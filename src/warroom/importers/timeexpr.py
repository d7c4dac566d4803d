"""Time expressions as people write them in reports, found and read.

``match_stamp`` reads the time an entry starts with (``2022-06-02 10:00 -``,
``- 04:49 PM UTC``, ``**[14:05 UTC]** -``, ``[03-26 23:04]``, ``2022-02-02
1625:``); ``find_date`` finds a date anywhere (``January 23rd, 2019``,
``5-26-21``, ``2023-07-21``); ``find_zone_note`` reads "All times in CET".
Turning a stamp into a UTC time (zone and base date from the context) is
``to_utc``, which goes through ``domain.times.parse_time``. Each pattern is
applied at one position with bounded repetition: linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from warroom.domain.times import ZONE_ABBREVIATIONS, parse_time, zone_named
from warroom.errors import ValidationError

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_ISO_DATE = re.compile(r"(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_NUM_DATE = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?:(?P=sep)(?P<c>\d{4}|\d{2}))?(?!\d)"
)
_NAMED_MD = re.compile(
    rf"(?i){_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<y>\d{{4}}))?"
)
_NAMED_DM = re.compile(
    rf"(?i){_WEEKDAY}(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<y>\d{{4}}))?"
)
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?::|h)(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d{1,9})?"
    r"(?:\s?(?P<ap>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?(?!\d)(?!:\d)"
)
_HHMM = re.compile(r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?!\d)(?!:\d)")
_ZONE = re.compile(
    r"\(?(?P<z>Z\b|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?"
    r"|[A-Z]{1,5}\b|[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\)?"
)
_STARTS = frozenset("~≈*_[( ")
_OPEN = re.compile(
    r"[\s~≈*_\[(]*(?:approx(?:imately|\.)?\s+|around\s+|about\s+|ca\.?\s+)?[\s*_\[(]*"
)
_CLOSE = re.compile(r"[\s*_\])]*(?:[:|,–—-](?=\s|$)\s*|:\s*|\s+-+\s+|\s+)?")
_DATE_TIME_SEP = re.compile(r"(?:[T,]\s*|\s+at\s+|\s*@\s*|\s+)")
_ZONE_NOTE = re.compile(
    r"(?i)\b(?:all\s+)?(?:times?|timestamps?|hours)\s+(?:are\s+|is\s+|shown\s+|given\s+|listed\s+)?"
    r"(?:(?:in|as)\s+)?(?:the\s+)?(?P<zone>[A-Za-z]{1,5}(?:\s?[+-]\d{1,2}(?::?\d{2})?)?"
    r"|[A-Z][a-z]+/[A-Za-z_]+)\b"
)
_PAREN_ZONE = re.compile(r"\(\s*(?P<zone>[A-Z]{2,5}(?:\s?[+-]\d{1,2}(?::?\d{2})?)?)\s*\)")


@dataclass(frozen=True)
class Stamp:
    """A date and/or time as written; fields not written are None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    zone: str | None = None
    end: int = 0  # where the text after the expression (and its separator) starts
    ambiguous: bool = False  # day and month could be swapped

    @property
    def has_date(self) -> bool:
        return self.month is not None

    @property
    def has_time(self) -> bool:
        return self.hour is not None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def _date_at(text: str, pos: int, *, bare: bool) -> tuple[Stamp, int] | None:
    """A date starting at ``pos``; ``bare`` allows ``MM-DD`` without a year."""
    if m := _ISO_DATE.match(text, pos):
        return Stamp(int(m["y"]), int(m["mo"]), int(m["d"])), m.end()
    for pattern in (_NAMED_MD, _NAMED_DM):
        if m := pattern.match(text, pos):
            month = _MONTHS[m["mon"][:3].lower()]
            return Stamp(_year(m["y"]), month, int(m["d"])), m.end()
    if (m := _NUM_DATE.match(text, pos)) and (m["c"] or bare):
        a, b = int(m["a"]), int(m["b"])
        if m["sep"] == "." or (m["c"] is None and m["sep"] == "-"):
            month, day = (b, a) if m["sep"] == "." else (a, b)
        else:
            month, day = a, b  # 5/26/21: month first unless the first cannot be a month
        if month > 12 and day <= 12:
            month, day = day, month
        ambiguous = a <= 12 and b <= 12 and a != b
        return Stamp(_year(m["c"]), month, day, ambiguous=ambiguous), m.end()
    return None


def _zone_at(text: str, pos: int) -> tuple[str, int] | None:
    m = _ZONE.match(text, pos)
    if not m:
        return None
    zone = m["z"]
    word = zone.upper() not in ZONE_ABBREVIATIONS and zone[0].isalpha() and "/" not in zone
    if word and not re.fullmatch(r"(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?", zone):
        return None
    return zone.replace(" ", ""), m.end()


def match_stamp(text: str, *, bare_dates: bool = False) -> Stamp | None:
    """The time expression ``text`` starts with, if any, and where the rest begins."""
    if not text or not (text[0].isdigit() or text[0] in _STARTS or text[0].isalpha()):
        return None
    opened = _OPEN.match(text)
    pos = opened.end() if opened else 0
    found = _date_at(text, pos, bare=bare_dates)
    day = found[0] if found else Stamp()
    if found:
        pos = found[1]
        sep = _DATE_TIME_SEP.match(text, pos)
        after = sep.end() if sep else pos
        clock = _TIME.match(text, after) or _HHMM.match(text, after)
    else:
        clock = _TIME.match(text, pos)
    hour = minute = second = None
    zone_name = None
    if clock:
        hour, minute = int(clock["h"]), int(clock["mi"])
        second = int(clock["s"]) if clock.groupdict().get("s") else None
        ampm = clock.groupdict().get("ap")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm[0].lower() == "p" else 0)
        if hour > 23 or minute > 59:
            return None
        pos = clock.end()
        zone = _zone_at(text, len(text) - len(text[pos:].lstrip()))
        if zone:
            zone_name, pos = zone
    elif not found or day.year is None:
        return None  # a date alone counts only when it is a full date
    close = _CLOSE.match(text, pos)
    end = close.end() if close else pos
    if end < len(text) and text[end - 1 : end].isalnum() and end == pos:
        return None  # "2024-05-01abc": not a stamp followed by text
    return Stamp(day.year, day.month, day.day, hour, minute, second, zone_name, end, day.ambiguous)


def find_date(text: str) -> Stamp | None:
    """The first date written anywhere in ``text`` (a title, a label, a sentence)."""
    for m in re.finditer(r"(?<![\w.-])(?=\d|[A-Za-z])", text):
        found = _date_at(text, m.start(), bare=False)
        if found and found[0].month and found[0].day and 1 <= found[0].day <= 31:
            after = text[found[1] : found[1] + 1]
            if not after or not after.isalnum():
                return found[0]
    return None


def find_zone_note(text: str) -> str | None:
    """The zone a note states for all times: "All times in PDT (UTC-7)" -> ``"PDT"``."""
    for m in _ZONE_NOTE.finditer(text):
        zone = m["zone"].replace(" ", "")
        if is_zone(zone):
            return zone
    paren = _PAREN_ZONE.search(text)
    if paren and is_zone(paren["zone"].replace(" ", "")):
        return paren["zone"].replace(" ", "")
    return None


def is_zone(name: str) -> bool:
    """Is this a zone warroom can read (abbreviation, offset, IANA name)?"""
    if name.upper() in ("AM", "PM", "A", "I", "IN", "ARE"):
        return False
    try:
        zone_named(name)
    except ValidationError:
        return False
    return True


def zone_of(name: str | None, default: tzinfo) -> tzinfo:
    """The zone a name means, or ``default`` for none or an unknown one."""
    if not name:
        return default
    try:
        return zone_named(name)
    except ValidationError:
        return default


def to_utc(stamp: Stamp, *, zone: tzinfo, day: date) -> tuple[datetime, bool]:
    """The UTC time of a stamp read on ``day`` (if it has no date) in ``zone`` (if it has none).

    Returns the time and whether the zone was assumed. Raises ValidationError
    for an impossible date.
    """
    year = stamp.year if stamp.year is not None else day.year
    month = stamp.month if stamp.month is not None else day.month
    dom = stamp.day if stamp.day is not None else day.day
    moment = f"{year:04d}-{month:02d}-{dom:02d} {stamp.hour or 0:02d}:{stamp.minute or 0:02d}"
    if stamp.second is not None:
        moment += f":{stamp.second:02d}"
    parsed = parse_time(moment, default_zone=zone_of(stamp.zone, zone))
    return parsed.at, stamp.zone is None


def infer_year(month: int, dom: int, reference: date) -> int:
    """The year of a date written without one: the report's year, or the year before
    when that would put the date months after the report's own date."""
    try:
        candidate = date(reference.year, month, dom)
    except ValueError:
        return reference.year
    if candidate - reference > timedelta(days=60):
        return reference.year - 1
    return reference.year
