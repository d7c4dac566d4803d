"""Reading the times people type, and showing them back.

Everything is stored as an aware UTC ``datetime``. Input may be ISO 8601,
``YYYY-MM-DD HH:MM[:SS]``, or a bare ``HH:MM`` (read on a base date: the
incident's date, or today), each with an optional offset (``+01:00``, ``Z``)
or zone (``UTC``, ``CET``, ``Europe/Berlin``). A time without a zone is read
in the configured default zone and the result says so (``assumed_zone``),
so callers can tell the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warroom.errors import ValidationError

# Abbreviations people write in reports. Fixed offsets on purpose: "CET"
# written in July still means +01:00 to the reader who wrote it.
ZONE_ABBREVIATIONS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "IST": 330,
    "WEST": 60,
    "CET": 60,
    "CEST": 120,
    "MET": 60,
    "MEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
    "ACST": 570,
    "AWST": 480,
    "NZST": 720,
    "NZDT": 780,
    "SGT": 480,
}

_TIME = (
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,9}))?)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
)
_DATE = r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
_ZONE = r"(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|\(?[A-Za-z][A-Za-z_]+(?:/[A-Za-z_+-]+)*\)?)"
_ISO_SPACE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?")
_FULL = re.compile(rf"^\s*(?:{_DATE}(?:[T\s]+|$))?(?:{_TIME})?\s*(?:{_ZONE})?\s*$")


@dataclass(frozen=True)
class ParsedTime:
    at: datetime  # aware, UTC
    assumed_zone: bool  # no zone was written; the default zone was used
    has_date: bool  # a date was written (False: the base date was used)


def zone_named(name: str) -> tzinfo:
    """The zone for an offset, an abbreviation or an IANA name; ValidationError if unknown."""
    text = name.strip().strip("()")
    upper = text.upper()
    if upper in ZONE_ABBREVIATIONS:
        return timezone(timedelta(minutes=ZONE_ABBREVIATIONS[upper]), upper)
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", upper)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        minutes = int(offset.group(2)) * 60 + int(offset.group(3) or 0)
        return timezone(sign * timedelta(minutes=minutes))
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"unknown time zone {name!r}", field="tz") from exc


def parse_time(
    text: str,
    *,
    default_zone: tzinfo = UTC,
    base_date: date | None = None,
    now: datetime | None = None,
    field: str = "at",
) -> ParsedTime:
    """Read one time as a person wrote it. Raises ValidationError naming ``field``."""
    raw = text.strip()
    if not raw:
        raise ValidationError("a time is required", field=field)
    if raw.lower() == "now":
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        return ParsedTime(moment.replace(microsecond=0), False, True)
    iso = _parse_iso(raw)
    if iso is not None:
        if iso.tzinfo is None:
            return ParsedTime(_localize(iso, default_zone).astimezone(UTC), True, True)
        return ParsedTime(iso.astimezone(UTC), False, True)
    match = _FULL.match(raw)
    if not match:
        raise ValidationError(
            f"cannot read {text!r} as a time; use ISO 8601, 'YYYY-MM-DD HH:MM' or 'HH:MM'",
            field=field,
        )
    parts = match.groupdict()
    if parts["y"] is None and parts["h"] is None:
        raise ValidationError(f"cannot read {text!r} as a time", field=field)
    zone = default_zone
    if parts["zone"]:
        zone = zone_named(parts["zone"])
    has_date = parts["y"] is not None
    try:
        if has_date:
            day = date(int(parts["y"]), int(parts["mo"]), int(parts["d"]))
        else:
            day = base_date or (now or datetime.now(UTC)).astimezone(zone).date()
        hour = int(parts["h"] or 0)
        if parts["ampm"]:
            pm = parts["ampm"][0].lower() == "p"
            if not 1 <= hour <= 12:
                raise ValueError("hour out of range for am/pm")
            hour = hour % 12 + (12 if pm else 0)
        fraction = (parts["f"] or "0")[:6].ljust(6, "0")
        moment = datetime(
            day.year,
            day.month,
            day.day,
            hour,
            int(parts["m"] or 0),
            int(parts["s"] or 0),
            int(fraction),
        )
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a valid time: {exc}", field=field) from exc
    return ParsedTime(_localize(moment, zone).astimezone(UTC), parts["zone"] is None, has_date)


def parse_date(text: str, *, field: str = "due") -> date:
    """Read a calendar date, ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(f"{text!r} is not a date; use YYYY-MM-DD", field=field) from exc


def ensure_utc(moment: datetime) -> datetime:
    """An aware UTC datetime; naive values are taken to be UTC already (storage round trip)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_utc(moment: datetime | None, *, seconds: bool = False) -> str:
    """``2026-11-20 14:05 UTC``: always with its date."""
    if moment is None:
        return ""
    fmt = "%Y-%m-%d %H:%M:%S UTC" if seconds else "%Y-%m-%d %H:%M UTC"
    return ensure_utc(moment).strftime(fmt)


def isoformat_utc(moment: datetime | None) -> str | None:
    """``2026-11-20T14:05:00Z`` or None: the JSON form."""
    if moment is None:
        return None
    return ensure_utc(moment).isoformat().replace("+00:00", "Z")


def format_duration(seconds: float | None) -> str:
    """``1 h 05 min``, ``4 min``, ``2 d 3 h``: for people, not for machines."""
    if seconds is None:
        return ""
    total = round(seconds)
    sign = "-" if total < 0 else ""
    total = abs(total)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h" if hours else f"{sign}{days} d"
    if hours:
        return f"{sign}{hours} h {minutes:02d} min"
    if minutes:
        return f"{sign}{minutes} min" if not secs else f"{sign}{minutes} min {secs} s"
    return f"{sign}{secs} s"


def _parse_iso(raw: str) -> datetime | None:
    if "T" not in raw and not _ISO_SPACE.fullmatch(raw):
        return None
    try:
        return datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError:
        return None


def _localize(moment: datetime, zone: tzinfo) -> datetime:
    return moment.replace(tzinfo=zone)
